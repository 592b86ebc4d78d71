import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import type { Role } from '../common/auth/roles';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import { OrgsService } from '../orgs/orgs.service';
import { type ApiKeyWithOrg, ApiKeysRepository } from './api-keys.repository';

/** Machine clients. The secret is returned once; only its SHA-256 is stored (it has 256 bits of entropy). */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    input: { name: string; orgCode?: string; roles: Role[]; expiresAt?: string },
  ): Promise<{ key: ApiKeyWithOrg; apiKey: string }> {
    const org = await this.orgs.getByCode(input.orgCode ?? actor.orgCode);
    assertInScope(actor, org.path, `Organisation ${org.code}`);
    if (input.expiresAt && new Date(input.expiresAt) <= new Date()) {
      throw new AppError('VALIDATION_FAILED', 'expiresAt is in the past', {
        errors: [{ field: 'expiresAt', code: 'IN_THE_PAST', message: 'must be in the future' }],
      });
    }
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const key = {
      id: uuidv7(),
      keyId,
      secretHash: createHash('sha256').update(secret).digest('hex'),
      name: input.name,
      orgId: org.id,
      roles: [...new Set(input.roles)],
      createdBy: actor.id,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: new Date(),
    };
    await this.tx.run(async (em) => {
      await this.repo.insertKey(em, key);
      await this.audit.record(em, {
        action: 'apiKey.create',
        targetType: 'apiKey',
        targetId: key.id,
        scopePath: org.path,
        details: { keyId, name: key.name, roles: key.roles },
      });
    });
    return { key: { ...key, orgCode: org.code, orgPath: org.path }, apiKey: `vbcc_${keyId}_${secret}` };
  }

  list(actor: Actor): Promise<ApiKeyWithOrg[]> {
    return this.repo.findInSubtree(actor.orgPath);
  }

  async revoke(actor: Actor, id: string): Promise<ApiKeyWithOrg> {
    return this.tx.run(async (em) => {
      const key = await this.repo.findById(id, em);
      if (!key) throw new AppError('API_KEY_NOT_FOUND', 'No such API key');
      assertInScope(actor, key.orgPath, 'This API key');
      await this.repo.revoke(em, id);
      await this.audit.record(em, {
        action: 'apiKey.revoke',
        targetType: 'apiKey',
        targetId: id,
        scopePath: key.orgPath,
        details: { keyId: key.keyId },
      });
      return { ...key, revokedAt: key.revokedAt ?? new Date() };
    });
  }
}
