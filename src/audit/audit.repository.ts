import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity } from './entities/audit-event.entity';

export interface AuditFilter {
  scopePath: string;
  action?: string;
  actorName?: string;
  outcome?: 'success' | 'failure';
  from?: Date;
  to?: Date;
  after: string | null;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertEvent(em: EntityManager, event: AuditEventEntity): Promise<void> {
    // jsonb columns typed as Record<string, unknown> do not fit TypeORM's deep-partial type.
    await em.insert(AuditEventEntity, event as QueryDeepPartialEntity<AuditEventEntity>);
  }

  /** Events under a subtree, newest first (ids are UUID v7, so id order is time order). */
  findInScope(f: AuditFilter): Promise<AuditEventEntity[]> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.scope_path LIKE :prefix', { prefix: escapeLike(f.scopePath) + '%' });
    if (f.action) qb.andWhere('e.action = :action', { action: f.action });
    if (f.actorName) qb.andWhere('e.actor_name = :actorName', { actorName: f.actorName });
    if (f.outcome) qb.andWhere('e.outcome = :outcome', { outcome: f.outcome });
    if (f.from) qb.andWhere('e.occurred_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.occurred_at < :to', { to: f.to });
    if (f.after) qb.andWhere('e.id < :after', { after: f.after });
    return qb
      .orderBy('e.id', 'DESC')
      .limit(f.limit + 1)
      .getMany();
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
