import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { requestContext } from '../common/context/request-context';
import { uuidv7 } from '../common/ids/uuid-v7';
import { redact } from '../common/logging/redact';
import { type Page, type PageRequest, toPage } from '../common/pagination/pagination';
import { AuditRepository } from './audit.repository';
import type { AuditEventEntity } from './entities/audit-event.entity';

export interface AuditRecord {
  action: string;
  targetType?: string;
  targetId?: string | null;
  outcome?: 'success' | 'failure';
  /** Path of the organisation the event concerns; defaults to the actor's. */
  scopePath?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the request's actor (sign-in attempts have none yet). */
  actor?: Partial<Pick<Actor, 'id' | 'name' | 'orgId'>> & { kind: Actor['kind'] | 'anonymous' };
}

@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /** Writes the audit row inside the caller's transaction, so it commits or rolls back with the change. */
  async record(em: EntityManager, rec: AuditRecord): Promise<void> {
    const ctx = requestContext.get();
    const actor = rec.actor ?? ctx?.actor;
    await this.repo.insertEvent(em, {
      id: uuidv7(),
      occurredAt: new Date(),
      actorKind: actor?.kind ?? 'system',
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      actorOrgId: actor?.orgId ?? null,
      scopePath: rec.scopePath ?? ctx?.actor?.orgPath ?? null,
      action: rec.action,
      targetType: rec.targetType ?? null,
      targetId: rec.targetId ?? null,
      outcome: rec.outcome ?? 'success',
      requestId: ctx?.requestId ?? null,
      clientIp: ctx?.clientIp ?? null,
      details: redact(rec.details ?? {}) as Record<string, unknown>,
    });
  }

  async list(
    actor: Actor,
    filter: { action?: string; actorName?: string; outcome?: 'success' | 'failure'; from?: Date; to?: Date },
    page: PageRequest,
  ): Promise<Page<AuditEventEntity>> {
    const rows = await this.repo.findInScope({ ...filter, scopePath: actor.orgPath, ...page });
    return toPage(rows, page.limit, (r) => r);
  }
}
