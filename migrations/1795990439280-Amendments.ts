import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Corrections and re-issues are facts: append-only (REG-6). An original entry is unique per graduate;
// a re-issue is a further entry that names the one it replaces (REISSUE-8).
const FACT_TABLES = ['corrections', 'reissues'];

export class Amendments1795990439280 implements MigrationInterface {
  name = 'Amendments1795990439280';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "corrections" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "ground" text NOT NULL, "decision_no" text NOT NULL, "decided_on" date NOT NULL, "evidence_ref" text NOT NULL, "changes" jsonb NOT NULL, "received_on" date, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_correction_ground" CHECK ("ground" IN ('civilStatusChange', 'ethnicityOrGenderRedetermined', 'civilStatusSupplemented', 'lateBirthRegistration')), CONSTRAINT "pk_correction" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_correction_entry" ON "corrections"  ("entry_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reissues" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "new_entry_id" uuid NOT NULL, "decision_no" text NOT NULL, "decided_on" date NOT NULL, "reason" text NOT NULL, "received_on" date, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_reissue_new_entry" UNIQUE ("new_entry_id"), CONSTRAINT "uq_reissue_entry" UNIQUE ("entry_id"), CONSTRAINT "pk_reissue" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "register_entries" ADD "replaces_entry_id" uuid`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_graduate"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "uq_register_entry_graduate"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_register_entry_graduate" ON "register_entries"  ("graduate_id") WHERE "replaces_entry_id" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_graduate" FOREIGN KEY ("graduate_id") REFERENCES "graduates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_replaces" FOREIGN KEY ("replaces_entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "corrections" ADD CONSTRAINT "fk_correction_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reissues" ADD CONSTRAINT "fk_reissue_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reissues" ADD CONSTRAINT "fk_reissue_new_entry" FOREIGN KEY ("new_entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const t of FACT_TABLES) for (const sql of appendOnlyTriggerSql(t)) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of FACT_TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "reissues" DROP CONSTRAINT "fk_reissue_new_entry"`);
    await queryRunner.query(`ALTER TABLE "reissues" DROP CONSTRAINT "fk_reissue_entry"`);
    await queryRunner.query(`ALTER TABLE "corrections" DROP CONSTRAINT "fk_correction_entry"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_replaces"`);
    await queryRunner.query(`ALTER TABLE "register_entries" DROP CONSTRAINT "fk_register_entry_graduate"`);
    await queryRunner.query(`DROP INDEX "public"."uq_register_entry_graduate"`);
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "uq_register_entry_graduate" UNIQUE ("graduate_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entries" ADD CONSTRAINT "fk_register_entry_graduate" FOREIGN KEY ("graduate_id") REFERENCES "graduates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "register_entries" DROP COLUMN "replaces_entry_id"`);
    await queryRunner.query(`DROP TABLE "reissues"`);
    await queryRunner.query(`DROP INDEX "public"."ix_correction_entry"`);
    await queryRunner.query(`DROP TABLE "corrections"`);
  }
}
