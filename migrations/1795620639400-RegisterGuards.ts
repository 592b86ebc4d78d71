import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// REG-6: register entries and every register fact are append-only.
const FACT_TABLES = [
  'graduation_decisions',
  'graduates',
  'register_entries',
  'issuances',
  'handovers',
  'register_book_closures',
  'register_custody_transfers',
];

export class RegisterGuards1795620639400 implements MigrationInterface {
  name = 'RegisterGuards1795620639400';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of FACT_TABLES) for (const sql of appendOnlyTriggerSql(t)) await q.query(sql);
    // A register book row carries the counter and the closing: it is never deleted.
    await q.query(
      `CREATE TRIGGER trg_register_books_no_delete BEFORE DELETE ON register_books FOR EACH ROW EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
    await q.query(
      `CREATE TRIGGER trg_register_books_no_truncate BEFORE TRUNCATE ON register_books FOR EACH STATEMENT EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_register_books_no_truncate ON register_books`);
    await q.query(`DROP TRIGGER IF EXISTS trg_register_books_no_delete ON register_books`);
    for (const t of FACT_TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await q.query(sql);
  }
}
