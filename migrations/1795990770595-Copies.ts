import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Copy requests and register copies are facts: append-only (COPY-6, REG-6). copy_register_books is
// the mutable counter (NUM-6), like register_books.
const FACT_TABLES = ['copy_requests', 'register_copies'];

export class Copies1795990770595 implements MigrationInterface {
  name = 'Copies1795990770595';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "copy_register_books" ("id" uuid NOT NULL, "custodian_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "year" integer NOT NULL, "last_sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_copy_register_book" UNIQUE ("custodian_org_id", "credential_type", "year"), CONSTRAINT "pk_copy_register_book" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "copy_requests" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "custodian_org_id" uuid NOT NULL, "requester_name" text NOT NULL, "requester_personal_id_number" text NOT NULL, "relationship" text NOT NULL, "evidence_ref" text, "quantity" integer NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_on" date NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_copy_request_quantity" CHECK ("quantity" >= 1), CONSTRAINT "ck_copy_request_evidence" CHECK ("relationship" = 'holder' OR "evidence_ref" IS NOT NULL), CONSTRAINT "ck_copy_request_relationship" CHECK ("relationship" IN ('holder', 'representative', 'relative')), CONSTRAINT "pk_copy_request" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_copy_request_custodian" ON "copy_requests"  ("custodian_org_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_copy_request_entry" ON "copy_requests"  ("entry_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_copies" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "custodian_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "year" integer NOT NULL, "copy_sequence" integer NOT NULL, "copy_entry_number" text NOT NULL, "copied_on" date NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "content" jsonb NOT NULL, "qr_payload" text NOT NULL, "qr_key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_copy_sequence" UNIQUE ("custodian_org_id", "credential_type", "year", "copy_sequence"), CONSTRAINT "pk_register_copy" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_register_copy_entry" ON "register_copies"  ("entry_id") `);
    await queryRunner.query(`CREATE INDEX "ix_register_copy_request" ON "register_copies"  ("request_id") `);
    await queryRunner.query(
      `ALTER TABLE "copy_register_books" ADD CONSTRAINT "fk_copy_register_book_custodian" FOREIGN KEY ("custodian_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "copy_requests" ADD CONSTRAINT "fk_copy_request_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "copy_requests" ADD CONSTRAINT "fk_copy_request_custodian" FOREIGN KEY ("custodian_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_copies" ADD CONSTRAINT "fk_register_copy_request" FOREIGN KEY ("request_id") REFERENCES "copy_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_copies" ADD CONSTRAINT "fk_register_copy_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_copies" ADD CONSTRAINT "fk_register_copy_custodian" FOREIGN KEY ("custodian_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const t of FACT_TABLES) for (const sql of appendOnlyTriggerSql(t)) await queryRunner.query(sql);
    // The copy register's counter row is never deleted (it would restart the numbers, NUM-6).
    await queryRunner.query(
      `CREATE TRIGGER trg_copy_register_books_no_delete BEFORE DELETE ON copy_register_books FOR EACH ROW EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_copy_register_books_no_truncate BEFORE TRUNCATE ON copy_register_books FOR EACH STATEMENT EXECUTE FUNCTION vbcc_reject_mutation()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER IF EXISTS trg_copy_register_books_no_truncate ON copy_register_books`,
    );
    await queryRunner.query(
      `DROP TRIGGER IF EXISTS trg_copy_register_books_no_delete ON copy_register_books`,
    );
    for (const t of FACT_TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "register_copies" DROP CONSTRAINT "fk_register_copy_custodian"`);
    await queryRunner.query(`ALTER TABLE "register_copies" DROP CONSTRAINT "fk_register_copy_entry"`);
    await queryRunner.query(`ALTER TABLE "register_copies" DROP CONSTRAINT "fk_register_copy_request"`);
    await queryRunner.query(`ALTER TABLE "copy_requests" DROP CONSTRAINT "fk_copy_request_custodian"`);
    await queryRunner.query(`ALTER TABLE "copy_requests" DROP CONSTRAINT "fk_copy_request_entry"`);
    await queryRunner.query(
      `ALTER TABLE "copy_register_books" DROP CONSTRAINT "fk_copy_register_book_custodian"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_register_copy_request"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_copy_entry"`);
    await queryRunner.query(`DROP TABLE "register_copies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_copy_request_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_copy_request_custodian"`);
    await queryRunner.query(`DROP TABLE "copy_requests"`);
    await queryRunner.query(`DROP TABLE "copy_register_books"`);
  }
}
