import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTriggerSql, dropAppendOnlyTriggerSql } from '../src/database/append-only';

// Revocation decisions are facts: append-only (REG-6, REVOKE-6).

export class Revocations1795990167885 implements MigrationInterface {
  name = 'Revocations1795990167885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revocations" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "ground" text NOT NULL, "decision_no" text NOT NULL, "decided_on" date NOT NULL, "signer_name" text, "signer_title" text, "detecting_body" text, "public_note" text, "return_due_on" date NOT NULL, "recorded_by_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_revocation_entry" UNIQUE ("entry_id"), CONSTRAINT "ck_revocation_ground" CHECK ("ground" IN ('fraud', 'ineligible', 'unauthorisedIssuer', 'altered', 'lentOrMisused')), CONSTRAINT "pk_revocation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "revocations" ADD CONSTRAINT "fk_revocation_entry" FOREIGN KEY ("entry_id") REFERENCES "register_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const sql of appendOnlyTriggerSql('revocations')) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropAppendOnlyTriggerSql('revocations')) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "revocations" DROP CONSTRAINT "fk_revocation_entry"`);
    await queryRunner.query(`DROP TABLE "revocations"`);
  }
}
