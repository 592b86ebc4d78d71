import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Blanks1795618911553 implements MigrationInterface {
  name = 'Blanks1795618911553';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "blank_movements" ("id" uuid NOT NULL, "kind" text NOT NULL, "credential_type" text NOT NULL, "serial_prefix" text NOT NULL, "digits" smallint NOT NULL, "ranges" jsonb NOT NULL, "quantity" integer NOT NULL, "usable_quantity" integer NOT NULL, "from_org_id" uuid NOT NULL, "to_org_id" uuid, "reason" text, "document_ref" text, "record_id" uuid, "occurred_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_blank_movement_quantity" CHECK ("quantity" > 0 AND "usable_quantity" BETWEEN 0 AND "quantity"), CONSTRAINT "ck_blank_movement_kind" CHECK ("kind" IN ('transfer', 'return', 'use', 'issue', 'spoil', 'destroy', 'lose')), CONSTRAINT "pk_blank_movement" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_movement_series" ON "blank_movements"  ("serial_prefix", "credential_type") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_movement_to" ON "blank_movements"  ("to_org_id", "occurred_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_movement_from" ON "blank_movements"  ("from_org_id", "occurred_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "blank_receipts" ("id" uuid NOT NULL, "org_id" uuid NOT NULL, "credential_type" text NOT NULL, "serial_prefix" text NOT NULL, "digits" smallint NOT NULL, "first_number" bigint NOT NULL, "last_number" bigint NOT NULL, "quantity" integer NOT NULL, "received_from" text NOT NULL, "document_ref" text NOT NULL, "received_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_blank_receipt_range" CHECK ("first_number" <= "last_number" AND "quantity" = "last_number" - "first_number" + 1), CONSTRAINT "pk_blank_receipt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_receipt_org" ON "blank_receipts"  ("org_id", "received_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "blank_records" ("id" uuid NOT NULL, "kind" text NOT NULL, "org_id" uuid NOT NULL, "record_no" text NOT NULL, "recorded_on" date NOT NULL, "council_members" jsonb NOT NULL DEFAULT '[]', "method" text, "reason" text, "quantity" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_blank_record_kind" CHECK ("kind" IN ('destruction', 'loss')), CONSTRAINT "pk_blank_record" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_record_org" ON "blank_records"  ("org_id", "recorded_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "blanks" ("serial_number" text NOT NULL, "credential_type" text NOT NULL, "serial_prefix" text NOT NULL, "number" bigint NOT NULL, "digits" smallint NOT NULL, "state" text NOT NULL, "holder_org_id" uuid NOT NULL, "receipt_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_blank_state" CHECK ("state" IN ('inStock', 'allocated', 'printed', 'issued', 'spoiled', 'destroyed', 'lost')), CONSTRAINT "pk_blank" PRIMARY KEY ("serial_number"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_holder_stock" ON "blanks"  ("holder_org_id", "credential_type", "state", "serial_prefix", "number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blank_series_number" ON "blanks"  ("serial_prefix", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "blank_movements" ADD CONSTRAINT "fk_blank_movement_from" FOREIGN KEY ("from_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blank_movements" ADD CONSTRAINT "fk_blank_movement_to" FOREIGN KEY ("to_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blank_receipts" ADD CONSTRAINT "fk_blank_receipt_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blank_records" ADD CONSTRAINT "fk_blank_record_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blanks" ADD CONSTRAINT "fk_blank_holder" FOREIGN KEY ("holder_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "blanks" DROP CONSTRAINT "fk_blank_holder"`);
    await queryRunner.query(`ALTER TABLE "blank_records" DROP CONSTRAINT "fk_blank_record_org"`);
    await queryRunner.query(`ALTER TABLE "blank_receipts" DROP CONSTRAINT "fk_blank_receipt_org"`);
    await queryRunner.query(`ALTER TABLE "blank_movements" DROP CONSTRAINT "fk_blank_movement_to"`);
    await queryRunner.query(`ALTER TABLE "blank_movements" DROP CONSTRAINT "fk_blank_movement_from"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_series_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_holder_stock"`);
    await queryRunner.query(`DROP TABLE "blanks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_record_org"`);
    await queryRunner.query(`DROP TABLE "blank_records"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_receipt_org"`);
    await queryRunner.query(`DROP TABLE "blank_receipts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_movement_from"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_movement_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_blank_movement_series"`);
    await queryRunner.query(`DROP TABLE "blank_movements"`);
  }
}
