import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CanonicalRow } from './canonical';
import { canonicalColumns, type FactTypeDefinition } from './fact-type';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Reads fact rows in their canonical text form. Fact tables belong to their modules; this reads
 * them generically, by the columns their fact type declares, only to commit to them and verify them.
 */
@Injectable()
export class FactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private selectList(def: FactTypeDefinition, version: number): string {
    return canonicalColumns(def, version)
      .map((c) => `${ident(c)}::text AS ${ident(c)}`)
      .join(', ');
  }

  async readByIds(em: EntityManager, def: FactTypeDefinition, ids: string[]): Promise<CanonicalRow[]> {
    return em.query<CanonicalRow[]>(
      `SELECT ${this.selectList(def, def.currentVersion)} FROM ${ident(def.table)} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Keyset page of a fact table in id order, for the verifier. */
  readPage(
    def: FactTypeDefinition,
    version: number,
    afterId: string | null,
    limit: number,
  ): Promise<CanonicalRow[]> {
    return this.dataSource.query<CanonicalRow[]>(
      `SELECT ${this.selectList(def, version)} FROM ${ident(def.table)}
       WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  async insertOutbox(
    em: EntityManager,
    rows: { id: string; factType: string; factId: string; logEntryId: string }[],
  ): Promise<void> {
    if (!rows.length) return;
    await em.query(
      `INSERT INTO outbox_events (id, fact_type, fact_id, log_entry_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.factType),
        rows.map((r) => r.factId),
        rows.map((r) => r.logEntryId),
      ],
    );
  }
}
