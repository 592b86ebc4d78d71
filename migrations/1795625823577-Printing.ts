import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Prints and serial replacements are facts: append-only (REG-6, BLANK-9).
const FACT_TABLES = ['diploma_prints', 'register_entry_serials'];

export class Printing1795625823577 implements MigrationInterface {
  name = 'Printing1795625823577';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "diploma_prints" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "serial_number" text, "job_id" uuid, "mode" text NOT NULL, "template_version" text NOT NULL, "calibration_name" text NOT NULL, "offset_x_mm" numeric(6,2) NOT NULL, "offset_y_mm" numeric(6,2) NOT NULL, "scale" numeric(6,4) NOT NULL, "qr_payload" text NOT NULL, "key_id" text NOT NULL, "signed_on" date NOT NULL, "reprint" boolean NOT NULL, "printed_by" text NOT NULL, "printed_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_diploma_print_mode" CHECK ("mode" IN ('overlay')), CONSTRAINT "pk_diploma_print" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_diploma_print_job" ON "diploma_prints"  ("job_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_diploma_print_first" ON "diploma_prints" ("entry_id", "serial_number") WHERE NOT "reprint"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_diploma_print_entry" ON "diploma_prints"  ("entry_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "print_calibrations" ("id" uuid NOT NULL, "org_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "offset_x_mm" numeric(6,2) NOT NULL, "offset_y_mm" numeric(6,2) NOT NULL, "scale" numeric(6,4) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_print_calibration_name" UNIQUE ("org_id", "name"), CONSTRAINT "ck_print_calibration_scale" CHECK ("scale" BETWEEN 0.9 AND 1.1), CONSTRAINT "ck_print_calibration_offsets" CHECK (abs("offset_x_mm") <= 30 AND abs("offset_y_mm") <= 30), CONSTRAINT "pk_print_calibration" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "register_entry_serials" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "serial_number" text NOT NULL, "previous_serial_number" text NOT NULL, "reason" text NOT NULL, "note" text, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_register_entry_serial" UNIQUE ("serial_number"), CONSTRAINT "ck_register_entry_serial_reason" CHECK ("reason" IN ('misprinted')), CONSTRAINT "pk_register_entry_serial" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_register_entry_serial_entry" ON "register_entry_serials"  ("entry_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "diploma_prints" ADD CONSTRAINT "fk_diploma_print_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_calibrations" ADD CONSTRAINT "fk_print_calibration_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "register_entry_serials" ADD CONSTRAINT "fk_register_entry_serial_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const t of FACT_TABLES) for (const sql of appendOnlyTriggerSql(t)) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of FACT_TABLES) for (const sql of dropAppendOnlyTriggerSql(t)) await queryRunner.query(sql);
    await queryRunner.query(
      `ALTER TABLE "register_entry_serials" DROP CONSTRAINT "fk_register_entry_serial_entry"`,
    );
    await queryRunner.query(`ALTER TABLE "print_calibrations" DROP CONSTRAINT "fk_print_calibration_org"`);
    await queryRunner.query(`ALTER TABLE "diploma_prints" DROP CONSTRAINT "fk_diploma_print_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_register_entry_serial_entry"`);
    await queryRunner.query(`DROP TABLE "register_entry_serials"`);
    await queryRunner.query(`DROP TABLE "print_calibrations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_diploma_print_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_diploma_print_job"`);
    await queryRunner.query(`DROP INDEX "public"."uq_diploma_print_first"`);
    await queryRunner.query(`DROP TABLE "diploma_prints"`);
  }
}
