import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';
import { canonicalFact, commitmentOf, leafHashOf } from '../src/facts/canonical';
import type { FactTypeDefinition } from '../src/facts/fact-type';
import { CUSTODY_ASSIGNMENT } from '../src/custody/custody.facts';
import { ORG_REGISTRATION, ORG_SUCCESSION } from '../src/orgs/orgs.facts';
import { RULEBOOK_SETTING } from '../src/rulebook/rulebook.facts';

const APPEND_ONLY = [
  'log_entries',
  'log_leaves',
  'log_nodes',
  'log_checkpoints',
  'log_cosignatures',
  'outbox_events',
];
// Canonical version 1 of the fact types that existed before the log: never changes.
const EXISTING: FactTypeDefinition[] = [
  ORG_REGISTRATION,
  ORG_SUCCESSION,
  CUSTODY_ASSIGNMENT,
  RULEBOOK_SETTING,
];

/**
 * Guards for the fact log, and the commitments of the facts recorded before it existed (the seeded
 * rulebook, and on upgraded installations their organisations and custody records).
 */
export class FactLogGuards1795617190400 implements MigrationInterface {
  name = 'FactLogGuards1795617190400';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of APPEND_ONLY) for (const sql of appendOnlyTriggerSql(t)) await q.query(sql);
    // ORG-1: an organisation is never deleted and its founding record never edited; the only change
    // allowed is setting valid_to once, when its succession is recorded.
    await q.query(`
      CREATE OR REPLACE FUNCTION vbcc_organisations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.valid_to IS NULL AND NEW.valid_to IS NOT NULL
           AND (to_jsonb(NEW) - 'valid_to') = (to_jsonb(OLD) - 'valid_to') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'table organisations is append-only: % is not allowed (only valid_to may be set, once)', TG_OP
          USING ERRCODE = 'P0001';
      END;
      $$`);
    await q.query(
      `CREATE TRIGGER trg_organisations_guard BEFORE UPDATE OR DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION vbcc_organisations_guard()`,
    );
    await q.query(
      `CREATE TRIGGER trg_organisations_no_truncate BEFORE TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION vbcc_reject_mutation()`,
    );

    await q.query(`SET LOCAL TimeZone = 'UTC'`);
    await q.query(`SET LOCAL DateStyle = 'ISO, YMD'`);
    for (const def of EXISTING) {
      const cols = def.versions[1].map((c) => `"${c}"::text AS "${c}"`).join(', ');
      const rows = (await q.query(`SELECT ${cols} FROM "${def.table}" ORDER BY id`)) as Record<
        string,
        string | null
      >[];
      for (const row of rows) {
        const salt = randomBytes(32);
        const commitment = commitmentOf(salt, canonicalFact(def, 1, row));
        const [{ id }] = (await q.query(
          `INSERT INTO log_entries (id, fact_type, fact_id, canonical_version, salt, commitment, leaf_hash)
           VALUES (gen_random_uuid(), $1, $2, 1, $3, $4, $5) RETURNING id`,
          [def.type, row.id, salt, commitment, leafHashOf(commitment)],
        )) as { id: string }[];
        await q.query(`INSERT INTO log_pending (entry_id) VALUES ($1)`, [id]);
        await q.query(
          `INSERT INTO outbox_events (id, fact_type, fact_id, log_entry_id) VALUES (gen_random_uuid(), $1, $2, $3)`,
          [def.type, row.id, id],
        );
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_organisations_no_truncate ON organisations`);
    await q.query(`DROP TRIGGER IF EXISTS trg_organisations_guard ON organisations`);
    await q.query(`DROP FUNCTION IF EXISTS vbcc_organisations_guard()`);
    for (const t of APPEND_ONLY) for (const sql of dropAppendOnlyTriggerSql(t)) await q.query(sql);
  }
}
