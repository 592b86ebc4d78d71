import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import type { Role } from '../common/auth/roles';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { toNfc } from '../common/text/vietnamese';
import { TransactionService } from '../database/transaction.service';
import { OrgsService } from '../orgs/orgs.service';
import { passwordProblems } from '../common/auth/password-policy';
import { hashPassword, verifyPassword } from './password-hasher';
import { type UserWithOrg, UsersRepository } from './users.repository';

export interface NewUser {
  username: string;
  password: string;
  orgCode: string;
  roles: Role[];
  displayName?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user in an organisation of the actor's subtree; `actor` null = the system (bootstrap, seeds). */
  async create(actor: Actor | null, input: NewUser, em?: EntityManager): Promise<UserWithOrg> {
    const username = input.username.toLowerCase();
    const problems = passwordProblems(input.password, username);
    if (problems.length) {
      throw new AppError('PASSWORD_TOO_WEAK', 'The password is too weak', {
        errors: problems.map((p) => ({ field: 'password', code: p.code, message: p.message })),
      });
    }
    const passwordHash = await hashPassword(input.password);
    const work = async (m: EntityManager) => {
      const org = await this.orgs.getByCode(input.orgCode, m);
      if (actor) assertInScope(actor, org.path, `Organisation ${org.code}`);
      if (await this.repo.findByUsername(username, m)) {
        throw new AppError('USERNAME_TAKEN', `Username ${username} is taken`, {
          errors: [{ field: 'username', code: 'USERNAME_TAKEN', message: 'already in use' }],
        });
      }
      const now = new Date();
      const user = {
        id: uuidv7(),
        username,
        displayName: input.displayName ? toNfc(input.displayName) : null,
        passwordHash,
        orgId: org.id,
        roles: [...new Set(input.roles)],
        failedAttempts: 0,
        lockedUntil: null,
        lastLoginAt: null,
        disabledAt: null,
        passwordChangedAt: now,
        createdAt: now,
      };
      await this.repo.insertUser(m, user);
      await this.audit.record(m, {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        scopePath: org.path,
        details: { username, orgCode: org.code, roles: user.roles },
      });
      return { ...user, orgCode: org.code, orgPath: org.path };
    };
    return em ? work(em) : this.tx.run(work);
  }

  async exists(username: string, em?: EntityManager): Promise<boolean> {
    return !!(await this.repo.findByUsername(username.toLowerCase(), em));
  }

  async readInScope(actor: Actor, username: string): Promise<UserWithOrg> {
    const user = await this.repo.findByUsername(username.toLowerCase());
    if (!user) throw new AppError('USER_NOT_FOUND', `No user ${username}`);
    assertInScope(actor, user.orgPath, `User ${username}`);
    return user;
  }

  async list(actor: Actor, orgCode: string | undefined, afterUsername: string | null, limit: number) {
    let orgId: string | undefined;
    if (orgCode) {
      const org = await this.orgs.getByCode(orgCode);
      assertInScope(actor, org.path, `Organisation ${orgCode}`);
      orgId = org.id;
    }
    const rows = await this.repo.findInSubtree(actor.orgPath, afterUsername, limit, orgId);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { items, nextUsername: more ? items[items.length - 1].username : null };
  }

  async unlock(actor: Actor, username: string): Promise<UserWithOrg> {
    const user = await this.readInScope(actor, username);
    await this.tx.run(async (em) => {
      await this.repo.unlock(em, user.id);
      await this.audit.record(em, {
        action: 'user.unlock',
        targetType: 'user',
        targetId: user.id,
        scopePath: user.orgPath,
      });
    });
    return { ...user, failedAttempts: 0, lockedUntil: null };
  }

  async setDisabled(actor: Actor, username: string, disabled: boolean): Promise<UserWithOrg> {
    const user = await this.readInScope(actor, username);
    if (actor.kind === 'user' && actor.id === user.id) {
      throw new AppError('FORBIDDEN', 'You cannot disable your own account');
    }
    await this.tx.run(async (em) => {
      await this.repo.setDisabled(em, user.id, disabled);
      await this.audit.record(em, {
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: user.id,
        scopePath: user.orgPath,
      });
    });
    return { ...user, disabledAt: disabled ? new Date() : null };
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    if (actor.kind !== 'user' || !actor.id) throw new AppError('FORBIDDEN', 'Only users have passwords');
    const user = await this.repo.findByUsername(actor.name);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong', {
        errors: [{ field: 'currentPassword', code: 'WRONG_PASSWORD', message: 'does not match' }],
      });
    }
    const problems = passwordProblems(newPassword, user.username);
    if (newPassword === currentPassword)
      problems.push({ code: 'UNCHANGED', message: 'must differ from the current password' });
    if (problems.length) {
      throw new AppError('PASSWORD_TOO_WEAK', 'The new password is too weak', {
        errors: problems.map((p) => ({ field: 'newPassword', code: p.code, message: p.message })),
      });
    }
    const hash = await hashPassword(newPassword);
    await this.tx.run(async (em) => {
      await this.repo.setPassword(em, user.id, hash);
      await this.audit.record(em, {
        action: 'user.password.change',
        targetType: 'user',
        targetId: user.id,
        scopePath: user.orgPath,
      });
    });
  }
}
