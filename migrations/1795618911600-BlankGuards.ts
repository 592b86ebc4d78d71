import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

const FACT_TABLES = ['blank_receipts', 'blank_movements', 'blank_records'];

/** BLANK-5: movement facts are append-only; a blank's state row changes but is never deleted. */
export class BlankGuards1795618911600 implements MigrationInterface {
  name = 'BlankGuards1795618911600';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of FACT_TABLES) for (const sql of appendOnlyTriggerSql(t)) await q.query(sql);
    await q.query(
      `CREATE TRIGGER trg_blanks_no_delete BEFORE DELETE ON blanks FOR EACH ROW EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
    await q.query(
      `CREATE TRIGGER trg_blanks_no_truncate BEFORE TRUNCATE ON blanks FOR EACH STATEMENT EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_blanks_no_truncate ON blanks`);
    await q.query(`DROP TRIGGER IF EXISTS trg_blanks_no_delete ON blanks`);
    for (const t of FACT_TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await q.query(sql);
  }
}
