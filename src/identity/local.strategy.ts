import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService } from './auth.service';
import type { UserWithOrg } from './users.repository';

/** passport-local: username and password from the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  validate(username: string, password: string): Promise<UserWithOrg> {
    return this.auth.verifyCredentials(username, password);
  }
}
