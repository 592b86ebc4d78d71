import type { MigrationInterface, QueryRunner } from 'typeorm';

// PUB-4 read model: one row per register entry with what a public lookup answers, keyed by the serial
// the diploma is on now. Derived, not a fact: kept by triggers on the fact tables in the same
// transaction as each fact (they are append-only, so INSERT triggers see every change), so the lookup
// is two index probes instead of ten, and no service has to remember to maintain it. Organisation
// names are copied in: they never change (ORG-1, enforced by trg_organisations_guard).

const PROJECT_ENTRIES = `
CREATE FUNCTION vbcc_public_records_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public_records (entry_id, serial_number, credential_type, register_entry_number, issued_on,
         graduation_year, issuer_org_id, issuer_code, issuer_name_vi, issuer_name_en, school_name_vi, school_name_en,
         full_name, date_of_birth, current_full_name, current_date_of_birth)
  SELECT n.id, n.serial_number, n.credential_type, n.register_entry_number, n.issued_on, n.graduation_year,
         n.issuer_org_id, i.code, i.name_vi, i.name_en, sc.name_vi, sc.name_en,
         n.full_name, n.date_of_birth, n.full_name, n.date_of_birth
    FROM new_rows n
    JOIN organisations i ON i.id = n.issuer_org_id
    JOIN organisations sc ON sc.id = n.school_org_id;
  RETURN NULL;
END $$`;

const PROJECT_SERIALS = `
CREATE FUNCTION vbcc_public_records_serials() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- BLANK-9: the diploma is now on the replacement blank.
  UPDATE public_records p SET serial_number = n.serial_number FROM new_rows n WHERE p.entry_id = n.entry_id;
  RETURN NULL;
END $$`;

const PROJECT_REVOCATIONS = `
CREATE FUNCTION vbcc_public_records_revocations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_records p SET rv_decision_no = n.decision_no, rv_decided_on = n.decided_on, rv_public_note = n.public_note
    FROM new_rows n WHERE p.entry_id = n.entry_id;
  RETURN NULL;
END $$`;

const PROJECT_REISSUES = `
CREATE FUNCTION vbcc_public_records_reissues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_records p SET ri_decision_no = n.decision_no, ri_decided_on = n.decided_on
    FROM new_rows n WHERE p.entry_id = n.entry_id;
  RETURN NULL;
END $$`;

// CORR-9: corrections apply in order; a row trigger sees them one by one as they are recorded.
const PROJECT_CORRECTIONS = `
CREATE FUNCTION vbcc_public_records_corrections() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_records p SET
    corrections = p.corrections || jsonb_build_array(jsonb_build_object(
      'decisionNo', NEW.decision_no, 'decidedOn', to_char(NEW.decided_on, 'YYYY-MM-DD'))),
    current_full_name = COALESCE((SELECT ch->>'to' FROM jsonb_array_elements(NEW.changes) ch
                                   WHERE ch->>'field' = 'fullName' AND ch->>'to' IS NOT NULL LIMIT 1), p.current_full_name),
    current_date_of_birth = COALESCE((SELECT (ch->>'to')::date FROM jsonb_array_elements(NEW.changes) ch
                                       WHERE ch->>'field' = 'dateOfBirth' AND ch->>'to' IS NOT NULL LIMIT 1), p.current_date_of_birth)
  WHERE p.entry_id = NEW.entry_id;
  RETURN NULL;
END $$`;

const LATEST_CHANGE = (field: string) =>
  `(SELECT ch->>'to' FROM corrections c, jsonb_array_elements(c.changes) ch
     WHERE c.entry_id = e.id AND ch->>'field' = '${field}' AND ch->>'to' IS NOT NULL
     ORDER BY c.created_at DESC, c.id DESC LIMIT 1)`;

export const PUBLIC_RECORDS_BACKFILL_SQL = `
INSERT INTO public_records (entry_id, serial_number, credential_type, register_entry_number, issued_on, graduation_year,
       issuer_org_id, issuer_code, issuer_name_vi, issuer_name_en, school_name_vi, school_name_en,
       full_name, date_of_birth, current_full_name, current_date_of_birth,
       rv_decision_no, rv_decided_on, rv_public_note, ri_decision_no, ri_decided_on, corrections)
SELECT e.id,
       COALESCE((SELECT s.serial_number FROM register_entry_serials s WHERE s.entry_id = e.id
                  ORDER BY s.created_at DESC, s.id DESC LIMIT 1), e.serial_number),
       e.credential_type, e.register_entry_number, e.issued_on, e.graduation_year,
       e.issuer_org_id, i.code, i.name_vi, i.name_en, sc.name_vi, sc.name_en,
       e.full_name, e.date_of_birth,
       COALESCE(${LATEST_CHANGE('fullName')}, e.full_name),
       COALESCE((${LATEST_CHANGE('dateOfBirth')})::date, e.date_of_birth),
       rv.decision_no, rv.decided_on, rv.public_note, ri.decision_no, ri.decided_on,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('decisionNo', c.decision_no,
                  'decidedOn', to_char(c.decided_on, 'YYYY-MM-DD')) ORDER BY c.created_at, c.id)
                   FROM corrections c WHERE c.entry_id = e.id), '[]'::jsonb)
  FROM register_entries e
  JOIN organisations i ON i.id = e.issuer_org_id
  JOIN organisations sc ON sc.id = e.school_org_id
  LEFT JOIN revocations rv ON rv.entry_id = e.id
  LEFT JOIN reissues ri ON ri.entry_id = e.id`;

const STATEMENT_TRIGGERS: [table: string, fn: string][] = [
  ['register_entries', 'vbcc_public_records_entries'],
  ['register_entry_serials', 'vbcc_public_records_serials'],
  ['revocations', 'vbcc_public_records_revocations'],
  ['reissues', 'vbcc_public_records_reissues'],
];

export class PublicRecords1796000000000 implements MigrationInterface {
  name = 'PublicRecords1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "public_records" ("entry_id" uuid NOT NULL, "serial_number" text, "credential_type" text NOT NULL,
        "register_entry_number" text NOT NULL, "issued_on" date NOT NULL, "graduation_year" integer NOT NULL,
        "issuer_org_id" uuid NOT NULL, "issuer_code" text NOT NULL, "issuer_name_vi" text NOT NULL,
        "issuer_name_en" text NOT NULL, "school_name_vi" text NOT NULL, "school_name_en" text NOT NULL, "full_name" text NOT NULL,
        "date_of_birth" date NOT NULL, "current_full_name" text NOT NULL, "current_date_of_birth" date NOT NULL,
        "rv_decision_no" text, "rv_decided_on" date, "rv_public_note" text, "ri_decision_no" text, "ri_decided_on" date,
        "corrections" jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT "pk_public_record" PRIMARY KEY ("entry_id"),
        CONSTRAINT "fk_public_record_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE INDEX "ix_public_record_serial" ON "public_records" ("serial_number")`);
    for (const sql of [
      PROJECT_ENTRIES,
      PROJECT_SERIALS,
      PROJECT_REVOCATIONS,
      PROJECT_REISSUES,
      PROJECT_CORRECTIONS,
    ])
      await q.query(sql);
    for (const [table, fn] of STATEMENT_TRIGGERS) {
      await q.query(
        `CREATE TRIGGER trg_${table}_public_record AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
    await q.query(
      `CREATE TRIGGER trg_corrections_public_record AFTER INSERT ON "corrections" FOR EACH ROW
       EXECUTE FUNCTION vbcc_public_records_corrections()`,
    );
    await q.query(PUBLIC_RECORDS_BACKFILL_SQL);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_corrections_public_record ON "corrections"`);
    for (const [table, fn] of STATEMENT_TRIGGERS) {
      await q.query(`DROP TRIGGER IF EXISTS trg_${table}_public_record ON "${table}"`);
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    await q.query(`DROP FUNCTION IF EXISTS vbcc_public_records_corrections()`);
    await q.query(`DROP TABLE "public_records"`);
  }
}
