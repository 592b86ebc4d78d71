import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Copy refusals are facts: append-only (COPY-8).

export class CopyRefusals1795991955981 implements MigrationInterface {
  name = 'CopyRefusals1795991955981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "copy_refusals" ("id" uuid NOT NULL, "custodian_org_id" uuid NOT NULL, "entry_id" uuid, "reason" text NOT NULL, "requested" jsonb NOT NULL, "requester_name" text NOT NULL, "requester_personal_id_number" text NOT NULL, "explanation" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_on" date NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_copy_refusal_reason" CHECK ("reason" IN ('noRegister', 'notEligible', 'incompleteDossier', 'needsCorrection', 'notValid')), CONSTRAINT "pk_copy_refusal" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_copy_refusal_custodian" ON "copy_refusals"  ("custodian_org_id", "decided_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "copy_refusals" ADD CONSTRAINT "fk_copy_refusal_custodian" FOREIGN KEY ("custodian_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "copy_refusals" ADD CONSTRAINT "fk_copy_refusal_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const sql of appendOnlyTriggerSql('copy_refusals')) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropAppendOnlyTriggerSql('copy_refusals')) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "copy_refusals" DROP CONSTRAINT "fk_copy_refusal_entry"`);
    await queryRunner.query(`ALTER TABLE "copy_refusals" DROP CONSTRAINT "fk_copy_refusal_custodian"`);
    await queryRunner.query(`DROP INDEX "public"."ix_copy_refusal_custodian"`);
    await queryRunner.query(`DROP TABLE "copy_refusals"`);
  }
}
