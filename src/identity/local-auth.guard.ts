import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AppError } from '../common/errors/app-error';
import { validationErrorsToAppError } from '../common/validation/validation-errors';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/auth.dto';
import type { UserWithOrg } from './users.repository';

/**
 * Sign-in with passport-local. Each app instance gets its own Passport (not the process-wide
 * singleton), so several apps in one process (tests) never use each other's strategy.
 * Guards run before pipes, so the body is validated here first: a malformed sign-in is a 400 with
 * field errors, not passport's bare 401 "Missing credentials".
 */
@Injectable()
export class LocalAuthGuard implements CanActivate {
  private readonly passport = new Passport();

  constructor(auth: AuthService) {
    this.passport.use(
      'local',
      new LocalStrategy(
        { usernameField: 'username', passwordField: 'password', session: false },
        (username, password, done) => {
          auth.verifyCredentials(username, password).then(
            (user) => done(null, user),
            (err: unknown) => done(err),
          );
        },
      ),
    );
  }

  canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request & { user?: UserWithOrg }>();
    const errors = validateSync(plainToInstance(LoginDto, (req.body as object | undefined) ?? {}), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length) return Promise.reject(validationErrorsToAppError(errors));
    return new Promise((resolve, reject) => {
      const authenticate = this.passport.authenticate(
        'local',
        { session: false },
        (err: unknown, user: UserWithOrg | false) => {
          if (err) return reject(asError(err));
          if (!user) return reject(new AppError('INVALID_CREDENTIALS', 'Wrong username or password'));
          req.user = user;
          resolve(true);
        },
      ) as (req: Request, res: Response, next: (err?: unknown) => void) => void;
      authenticate(req, http.getResponse<Response>(), (err?: unknown) => reject(asError(err)));
    });
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error('passport authentication failed');
}
