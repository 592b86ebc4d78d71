import type { Request } from 'express';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { OrgsService } from '../orgs/orgs.service';
import { ApiKeysRepository } from './api-keys.repository';
import { dummyHash, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';
import { type UserWithOrg, UsersRepository } from './users.repository';

export const API_KEY_PATTERN = /^vbcc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** Sign-in (with lock-out), and turning a bearer token or an API key into an Actor. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly tokens: TokenService,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks a username and password. Every attempt is audited. After `loginMaxFailures` wrong
   * passwords the account is locked for `loginLockoutSeconds`; while locked, the password is not
   * even checked, so guessing cannot continue.
   */
  async verifyCredentials(usernameInput: string, password: string): Promise<UserWithOrg> {
    const username = usernameInput.trim().toLowerCase();
    const user = await this.users.findByUsername(username);
    const failure = async (reason: string, extra: Record<string, unknown> = {}) => {
      const root = user ? null : await this.orgs.findRoot();
      await this.tx.run((em) =>
        this.audit.record(em, {
          action: 'auth.login',
          outcome: 'failure',
          targetType: 'user',
          targetId: user?.id ?? null,
          scopePath: user?.orgPath ?? root?.path ?? null,
          actor: { kind: 'anonymous', name: username.slice(0, 100), id: user?.id, orgId: user?.orgId },
          details: { reason, ...extra },
        }),
      );
    };
    if (!user) {
      await verifyPassword(password, await dummyHash());
      await failure('unknownUser');
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await failure('locked');
      throw this.lockedError(user.lockedUntil);
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const state = await this.tx.run(async (em) => {
        const s = await this.users.recordFailure(
          em,
          user.id,
          this.config.loginMaxFailures,
          this.config.loginLockoutSeconds,
        );
        await this.audit.record(em, {
          action: 'auth.login',
          outcome: 'failure',
          targetType: 'user',
          targetId: user.id,
          scopePath: user.orgPath,
          actor: { kind: 'anonymous', name: username, id: user.id, orgId: user.orgId },
          details: {
            reason: 'badPassword',
            failedAttempts: s.failedAttempts,
            locked: !!s.lockedUntil && s.lockedUntil > new Date(),
          },
        });
        return s;
      });
      if (state.lockedUntil && state.lockedUntil > new Date()) throw this.lockedError(state.lockedUntil);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password', {
        remainingAttempts: Math.max(0, this.config.loginMaxFailures - state.failedAttempts),
      });
    }
    if (user.disabledAt) {
      await failure('disabled');
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
    }
    await this.tx.run(async (em) => {
      await this.users.recordSuccess(em, user.id);
      await this.audit.record(em, {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        scopePath: user.orgPath,
        actor: { kind: 'user', id: user.id, name: user.username, orgId: user.orgId },
      });
    });
    return user;
  }

  private lockedError(until: Date): AppError {
    const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AppError(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
      { lockedUntil: until.toISOString(), retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }

  async issueToken(user: UserWithOrg) {
    return this.tokens.issue(user.id);
  }

  /** The caller of a request: an X-Api-Key, else a bearer token; neither → AUTH_REQUIRED. */
  actorFromRequest(req: Request): Promise<Actor> {
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) return this.actorFromApiKey(apiKey);
    const authz = req.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      if (!m) return Promise.reject(new AppError('TOKEN_INVALID', 'Use "Authorization: Bearer <token>"'));
      return this.actorFromBearer(m[1]);
    }
    return Promise.reject(
      new AppError('AUTH_REQUIRED', 'Sign in first (Authorization: Bearer <token>) or send X-Api-Key'),
    );
  }

  async actorFromBearer(token: string): Promise<Actor> {
    const { userId, issuedAt } = await this.tokens.verify(token);
    const user = await this.users.findById(userId);
    if (!user) throw new AppError('TOKEN_INVALID', 'Invalid token');
    if (user.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
    // JWT iat has one-second resolution; a token from the same second as the change stays valid.
    if (issuedAt.getTime() < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000) {
      throw new AppError('TOKEN_INVALID', 'The password changed since this token was issued; sign in again');
    }
    return userActor(user);
  }

  async actorFromApiKey(presented: string): Promise<Actor> {
    const m = API_KEY_PATTERN.exec(presented);
    if (!m) throw new AppError('API_KEY_INVALID', 'Invalid API key');
    const key = await this.apiKeys.findByKeyId(m[1]);
    const hash = createHash('sha256').update(m[2]).digest();
    const ok = key ? timingSafeEqual(hash, Buffer.from(key.secretHash, 'hex')) : false;
    if (!key || !ok || key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) {
      throw new AppError('API_KEY_INVALID', 'Invalid, revoked or expired API key');
    }
    await this.apiKeys.touch(key.id);
    return {
      kind: 'apiKey',
      id: key.id,
      name: key.name,
      orgId: key.orgId,
      orgCode: key.orgCode,
      orgPath: key.orgPath,
      roles: key.roles,
    };
  }
}

export function userActor(u: UserWithOrg): Actor {
  return {
    kind: 'user',
    id: u.id,
    name: u.username,
    orgId: u.orgId,
    orgCode: u.orgCode,
    orgPath: u.orgPath,
    roles: u.roles,
  };
}
