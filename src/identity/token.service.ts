import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';

interface AccessClaims {
  sub: string;
  typ: 'access';
  iat: number;
  exp: number;
}

/** Short-lived HS256 bearer tokens. A password change invalidates tokens issued before it. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = await this.jwt.signAsync(
      { sub: userId, typ: 'access' },
      { expiresIn: this.config.tokenTtlSeconds },
    );
    const { exp } = this.jwt.decode<AccessClaims>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<{ userId: string; issuedAt: Date }> {
    try {
      const c = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      if (c.typ !== 'access' || typeof c.sub !== 'string')
        throw new AppError('TOKEN_INVALID', 'Invalid token');
      return { userId: c.sub, issuedAt: new Date(c.iat * 1000) };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof Error && e.name === 'TokenExpiredError') {
        throw new AppError('TOKEN_EXPIRED', 'The token has expired; sign in again');
      }
      throw new AppError('TOKEN_INVALID', 'Invalid token');
    }
  }
}
