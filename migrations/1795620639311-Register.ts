import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Register1795620639311 implements MigrationInterface {
  name = 'Register1795620639311';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL, "kind" text NOT NULL, "state" text NOT NULL, "target_id" uuid, "org_id" uuid NOT NULL, "org_path" text NOT NULL, "created_by" text, "progress_done" integer NOT NULL DEFAULT '0', "progress_total" integer NOT NULL DEFAULT '0', "result" jsonb, "error" jsonb, "heartbeat_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_job_state" CHECK ("state" IN ('queued', 'running', 'succeeded', 'failed')), CONSTRAINT "pk_job" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_job_target" ON "jobs"  ("kind", "target_id") `);
    await queryRunner.query(
      `CREATE TABLE "graduation_decisions" ("id" uuid NOT NULL, "decision_no" text NOT NULL, "decided_on" date NOT NULL, "credential_type" text NOT NULL, "school_org_id" uuid NOT NULL, "graduation_year" integer NOT NULL, "exam_session" text, "exam_council" text, "study_mode" text NOT NULL, "medium" text NOT NULL DEFAULT 'paper', "signer_name" text NOT NULL, "signer_title" text NOT NULL, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_graduation_decision_no" UNIQUE ("school_org_id", "credential_type", "decision_no"), CONSTRAINT "ck_graduation_decision_medium" CHECK ("medium" IN ('paper', 'digital', 'both')), CONSTRAINT "ck_graduation_decision_study_mode" CHECK ("study_mode" IN ('regular', 'continuingEducation')), CONSTRAINT "pk_graduation_decision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_graduation_decision_school" ON "graduation_decisions"  ("school_org_id", "graduation_year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "graduates" ("id" uuid NOT NULL, "decision_id" uuid NOT NULL, "row_no" integer NOT NULL, "full_name" text NOT NULL, "name_key" text NOT NULL, "date_of_birth" date NOT NULL, "place_of_birth" text NOT NULL, "gender" text NOT NULL, "ethnicity" text NOT NULL, "nationality" text NOT NULL, "personal_id_number" text, "learner_code" text, "classification" text, "class_name" text, "exam_scores" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_graduate_row" UNIQUE ("decision_id", "row_no"), CONSTRAINT "ck_graduate_gender" CHECK ("gender" IN ('male', 'female')), CONSTRAINT "pk_graduate" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_graduate_personal_id" ON "graduates"  ("personal_id_number") `);
    await queryRunner.query(
      `CREATE INDEX "ix_graduate_match" ON "graduates"  ("name_key", "date_of_birth") `,
    );
    await queryRunner.query(
      `CREATE TABLE "register_books" ("id" uuid NOT NULL, "issuer_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "year" integer NOT NULL, "last_sequence" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_book" UNIQUE ("issuer_org_id", "credential_type", "year"), CONSTRAINT "pk_register_book" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_entries" ("id" uuid NOT NULL, "book_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "graduate_id" uuid NOT NULL, "issuance_id" uuid NOT NULL, "register_sequence" integer NOT NULL, "register_entry_number" text NOT NULL, "serial_number" text, "issuer_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "issued_on" date NOT NULL, "rule_set" text NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "school_org_id" uuid NOT NULL, "graduation_year" integer NOT NULL, "full_name" text NOT NULL, "name_key" text NOT NULL, "date_of_birth" date NOT NULL, "place_of_birth" text NOT NULL, "gender" text NOT NULL, "ethnicity" text NOT NULL, "nationality" text NOT NULL, "personal_id_number" text, "classification" text, "exam_scores" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_entry_graduate" UNIQUE ("graduate_id"), CONSTRAINT "uq_register_entry_sequence" UNIQUE ("book_id", "register_sequence"), CONSTRAINT "pk_register_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_entry_school" ON "register_entries"  ("school_org_id", "graduation_year") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_entry_serial" ON "register_entries"  ("serial_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_entry_number" ON "register_entries"  ("register_entry_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_entry_decision" ON "register_entries"  ("decision_id", "register_sequence") `,
    );
    await queryRunner.query(
      `CREATE TABLE "handovers" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "received_on" date NOT NULL, "receiver_name" text NOT NULL, "receiver_personal_id_number" text NOT NULL, "relationship" text NOT NULL, "authorisation_ref" text, "data_checked" boolean NOT NULL, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_handover_entry" UNIQUE ("entry_id"), CONSTRAINT "ck_handover_proxy_authorisation" CHECK ("relationship" = 'self' OR "authorisation_ref" IS NOT NULL), CONSTRAINT "ck_handover_relationship" CHECK ("relationship" IN ('self', 'proxy')), CONSTRAINT "pk_handover" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "issuances" ("id" uuid NOT NULL, "decision_id" uuid NOT NULL, "issuer_org_id" uuid NOT NULL, "book_id" uuid NOT NULL, "issued_on" date NOT NULL, "first_sequence" integer NOT NULL, "last_sequence" integer NOT NULL, "quantity" integer NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "rule_set" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_issuance_decision" UNIQUE ("decision_id"), CONSTRAINT "pk_issuance" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_book_closures" ("id" uuid NOT NULL, "book_id" uuid NOT NULL, "closed_on" date NOT NULL, "entries" integer NOT NULL, "last_sequence" integer NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_book_closure" UNIQUE ("book_id"), CONSTRAINT "pk_register_book_closure" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_custody_transfers" ("id" uuid NOT NULL, "issuer_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "from_org_id" uuid NOT NULL, "to_org_id" uuid NOT NULL, "effective_on" date NOT NULL, "record_no" text NOT NULL, "record_date" date NOT NULL, "books" jsonb NOT NULL, "entry_count" integer NOT NULL, "undelivered_count" integer NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_register_custody_transfer" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_custody_transfer_issuer" ON "register_custody_transfers"  ("issuer_org_id", "credential_type") `,
    );
    await queryRunner.query(
      `ALTER TABLE "graduation_decisions" ADD CONSTRAINT "fk_graduation_decision_school" FOREIGN KEY ("school_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "graduates" ADD CONSTRAINT "fk_graduate_decision" FOREIGN KEY ("decision_id") REFERENCES "graduation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_books" ADD CONSTRAINT "fk_register_book_issuer" FOREIGN KEY ("issuer_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_book" FOREIGN KEY ("book_id") REFERENCES "register_books"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_decision" FOREIGN KEY ("decision_id") REFERENCES "graduation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_graduate" FOREIGN KEY ("graduate_id") REFERENCES "graduates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_issuer" FOREIGN KEY ("issuer_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "handovers" ADD CONSTRAINT "fk_handover_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "issuances" ADD CONSTRAINT "fk_issuance_decision" FOREIGN KEY ("decision_id") REFERENCES "graduation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "issuances" ADD CONSTRAINT "fk_issuance_book" FOREIGN KEY ("book_id") REFERENCES "register_books"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_book_closures" ADD CONSTRAINT "fk_register_book_closure_book" FOREIGN KEY ("book_id") REFERENCES "register_books"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" ADD CONSTRAINT "fk_register_custody_transfer_issuer" FOREIGN KEY ("issuer_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" ADD CONSTRAINT "fk_register_custody_transfer_from" FOREIGN KEY ("from_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" ADD CONSTRAINT "fk_register_custody_transfer_to" FOREIGN KEY ("to_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" DROP CONSTRAINT "fk_register_custody_transfer_to"`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" DROP CONSTRAINT "fk_register_custody_transfer_from"`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_custody_transfers" DROP CONSTRAINT "fk_register_custody_transfer_issuer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_book_closures" DROP CONSTRAINT "fk_register_book_closure_book"`,
    );
    await queryRunner.query(`ALTER TABLE "issuances" DROP CONSTRAINT "fk_issuance_book"`);
    await queryRunner.query(`ALTER TABLE "issuances" DROP CONSTRAINT "fk_issuance_decision"`);
    await queryRunner.query(`ALTER TABLE "handovers" DROP CONSTRAINT "fk_handover_entry"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_issuer"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_graduate"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_decision"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_book"`);
    await queryRunner.query(`ALTER TABLE "register_books" DROP CONSTRAINT "fk_register_book_issuer"`);
    await queryRunner.query(`ALTER TABLE "graduates" DROP CONSTRAINT "fk_graduate_decision"`);
    await queryRunner.query(
      `ALTER TABLE "graduation_decisions" DROP CONSTRAINT "fk_graduation_decision_school"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_register_custody_transfer_issuer"`);
    await queryRunner.query(`DROP TABLE "register_custody_transfers"`);
    await queryRunner.query(`DROP TABLE "register_book_closures"`);
    await queryRunner.query(`DROP TABLE "issuances"`);
    await queryRunner.query(`DROP TABLE "handovers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_entry_decision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_entry_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_entry_serial"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_entry_school"`);
    await queryRunner.query(`DROP TABLE "register_entries"`);
    await queryRunner.query(`DROP TABLE "register_books"`);
    await queryRunner.query(`DROP INDEX "public"."ix_graduate_match"`);
    await queryRunner.query(`DROP INDEX "public"."ix_graduate_personal_id"`);
    await queryRunner.query(`DROP TABLE "graduates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_graduation_decision_school"`);
    await queryRunner.query(`DROP TABLE "graduation_decisions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_job_target"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
