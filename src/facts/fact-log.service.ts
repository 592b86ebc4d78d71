import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type AuditRecord, AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import type { NewLogEntry } from '../transparency/transparency.repository';
import { TransparencyService } from '../transparency/transparency.service';
import { canonicalFact, commitmentOf, leafHashOf } from './canonical';
import type { FactTypeDefinition } from './fact-type';
import { factType } from './fact-types';
import { FactsRepository } from './facts.repository';

export interface RecordFacts {
  /** A registered fact type (src/facts/fact-types.ts), by name; benchmarks may pass a definition. */
  type: string | FactTypeDefinition;
  /** Ids of the fact rows the caller has just inserted in the same transaction. */
  ids: string[];
  /** The audit row of the legal act (one per act, however many facts it records). */
  audit?: AuditRecord;
}

const CHUNK = 5_000;

/**
 * The one way to record a legal fact (ARCHITECTURE §3): inside the caller's transaction it commits
 * to the fact rows (salted SHA-256 of their canonical form), queues the log entries for the Merkle
 * tree, writes the outbox rows for the national feed and the audit row. All or nothing.
 */
@Injectable()
export class FactLogService {
  constructor(
    private readonly repo: FactsRepository,
    private readonly transparency: TransparencyService,
    private readonly audit: AuditService,
  ) {}

  async record(em: EntityManager, r: RecordFacts): Promise<{ entryIds: string[] }> {
    const def = typeof r.type === 'string' ? factType(r.type) : r.type;
    const entryIds: string[] = [];
    for (let i = 0; i < r.ids.length; i += CHUNK) {
      const ids = r.ids.slice(i, i + CHUNK);
      const rows = await this.repo.readByIds(em, def, ids);
      if (rows.length !== ids.length) {
        throw new AppError(
          'INTERNAL_ERROR',
          `record(${def.type}): ${ids.length - rows.length} fact row(s) not found in this transaction`,
        );
      }
      const entries = rows.map((row) => this.entryFor(def, row));
      await this.transparency.addEntries(em, entries);
      await this.repo.insertOutbox(
        em,
        entries.map((e) => ({ id: uuidv7(), factType: def.type, factId: e.factId, logEntryId: e.id })),
      );
      entryIds.push(...entries.map((e) => e.id));
    }
    if (r.audit) await this.audit.record(em, r.audit);
    return { entryIds };
  }

  private entryFor(def: FactTypeDefinition, row: Record<string, string | null>): NewLogEntry {
    const salt = randomBytes(32);
    const commitment = commitmentOf(salt, canonicalFact(def, def.currentVersion, row));
    return {
      id: uuidv7(),
      factType: def.type,
      factId: row.id!,
      canonicalVersion: def.currentVersion,
      salt,
      commitment,
      leafHash: leafHashOf(commitment),
    };
  }
}
