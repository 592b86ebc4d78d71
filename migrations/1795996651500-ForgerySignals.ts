import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Forgery signals (PUB-6) are evidence for agencies: append-only.

export class ForgerySignals1795996651500 implements MigrationInterface {
  name = 'ForgerySignals1795996651500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "forgery_signals" ("id" uuid NOT NULL, "channel" text NOT NULL, "kind" text NOT NULL, "reason" text, "serial_number" text, "entry_id" uuid, "org_id" uuid, "blank_state" text, "presented_full_name" text, "presented_date_of_birth" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_forgery_signal_channel" CHECK ("channel" IN ('lookup', 'qr')), CONSTRAINT "ck_forgery_signal_kind" CHECK ("kind" IN ('unknownSerial', 'dataMismatch', 'voidBlank', 'qrNotInRegister', 'qrSignatureInvalid')), CONSTRAINT "pk_forgery_signal" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_forgery_signal_serial" ON "forgery_signals"  ("serial_number") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_forgery_signal_org" ON "forgery_signals"  ("org_id", "id") `);
    await queryRunner.query(
      `ALTER TABLE "forgery_signals" ADD CONSTRAINT "fk_forgery_signal_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "forgery_signals" ADD CONSTRAINT "fk_forgery_signal_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const sql of appendOnlyTriggerSql('forgery_signals')) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropAppendOnlyTriggerSql('forgery_signals')) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "forgery_signals" DROP CONSTRAINT "fk_forgery_signal_org"`);
    await queryRunner.query(`ALTER TABLE "forgery_signals" DROP CONSTRAINT "fk_forgery_signal_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_forgery_signal_org"`);
    await queryRunner.query(`DROP INDEX "public"."ix_forgery_signal_serial"`);
    await queryRunner.query(`DROP TABLE "forgery_signals"`);
  }
}
