import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  APPEND_ONLY_FUNCTION_SQL,
  appendOnlyTriggerSql,
  dropAppendOnlyTriggerSql,
} from '../src/database/append-only';

const TABLES = ['audit_events', 'custody_assignments', 'organisation_successions', 'settings'];

export class AppendOnlyTables1795614600000 implements MigrationInterface {
  name = 'AppendOnlyTables1795614600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(APPEND_ONLY_FUNCTION_SQL);
    for (const t of TABLES) for (const sql of appendOnlyTriggerSql(t)) await queryRunner.query(sql);
    // Prefix (LIKE 'path%') lookups on materialised paths must use an index whatever the collation.
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_path_prefix" ON "organisations" ("path" text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_scope_prefix" ON "audit_events" ("scope_path" text_pattern_ops, "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_audit_event_scope_prefix"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_organisation_path_prefix"`);
    for (const t of TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await queryRunner.query(sql);
    await queryRunner.query(`DROP FUNCTION IF EXISTS vbcc_reject_mutation()`);
  }
}
