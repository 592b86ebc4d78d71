/**
 * SQL for append-only tables: a trigger that rejects UPDATE and DELETE (and TRUNCATE) with
 * SQLSTATE P0001 and a message naming the table. Used from migrations; the error surfaces as a 500
 * only if application code tries, which is a bug by definition.
 */
export const APPEND_ONLY_FUNCTION_SQL = `
CREATE OR REPLACE FUNCTION vbcc_reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0001', HINT = 'record a new fact that references the old one';
END;
$$`;

export function appendOnlyTriggerSql(table: string): string[] {
  return [
    `CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION vbcc_reject_mutation()`,
    `CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION vbcc_reject_mutation()`,
  ];
}

export function dropAppendOnlyTriggerSql(table: string): string[] {
  return [
    `DROP TRIGGER IF EXISTS trg_${table}_append_only ON "${table}"`,
    `DROP TRIGGER IF EXISTS trg_${table}_no_truncate ON "${table}"`,
  ];
}
