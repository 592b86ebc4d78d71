import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FactLog1795617190370 implements MigrationInterface {
  name = 'FactLog1795617190370';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" uuid NOT NULL, "fact_type" text NOT NULL, "fact_id" uuid NOT NULL, "log_entry_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_outbox_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_event_fact" ON "outbox_events"  ("fact_type", "fact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signing_keys" ("id" uuid NOT NULL, "key_id" text NOT NULL, "purpose" text NOT NULL, "org_id" uuid, "algorithm" text NOT NULL, "public_key" bytea NOT NULL, "private_key_encrypted" bytea NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "compromised_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_signing_key_key_id" UNIQUE ("key_id"), CONSTRAINT "ck_signing_key_algorithm" CHECK ("algorithm" = 'Ed25519'), CONSTRAINT "ck_signing_key_purpose" CHECK ("purpose" IN ('log', 'root', 'issuer')), CONSTRAINT "pk_signing_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_signing_key_purpose" ON "signing_keys"  ("purpose", "org_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "log_checkpoints" ("tree_size" bigint NOT NULL, "root_hash" bytea NOT NULL, "note" text NOT NULL, "key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_log_checkpoint" PRIMARY KEY ("tree_size"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "log_cosignatures" ("tree_size" bigint NOT NULL, "witness" text NOT NULL, "signature_line" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_log_cosignature" PRIMARY KEY ("tree_size", "witness"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "log_entries" ("id" uuid NOT NULL, "fact_type" text NOT NULL, "fact_id" uuid NOT NULL, "canonical_version" smallint NOT NULL, "salt" bytea NOT NULL, "commitment" bytea NOT NULL, "leaf_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_log_entry_fact" UNIQUE ("fact_type", "fact_id"), CONSTRAINT "pk_log_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "log_leaves" ("leaf_index" bigint NOT NULL, "entry_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_log_leaf_entry" UNIQUE ("entry_id"), CONSTRAINT "pk_log_leaf" PRIMARY KEY ("leaf_index"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "log_nodes" ("level" smallint NOT NULL, "idx" bigint NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "pk_log_node" PRIMARY KEY ("level", "idx"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "log_pending" ("entry_id" uuid NOT NULL, CONSTRAINT "pk_log_pending" PRIMARY KEY ("entry_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "signing_keys" ADD CONSTRAINT "fk_signing_key_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "log_cosignatures" ADD CONSTRAINT "fk_log_cosignature_checkpoint" FOREIGN KEY ("tree_size") REFERENCES "log_checkpoints"("tree_size") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "log_leaves" ADD CONSTRAINT "fk_log_leaf_entry" FOREIGN KEY ("entry_id") REFERENCES "log_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "log_leaves" DROP CONSTRAINT "fk_log_leaf_entry"`);
    await queryRunner.query(`ALTER TABLE "log_cosignatures" DROP CONSTRAINT "fk_log_cosignature_checkpoint"`);
    await queryRunner.query(`ALTER TABLE "signing_keys" DROP CONSTRAINT "fk_signing_key_org"`);
    await queryRunner.query(`DROP TABLE "log_pending"`);
    await queryRunner.query(`DROP TABLE "log_nodes"`);
    await queryRunner.query(`DROP TABLE "log_leaves"`);
    await queryRunner.query(`DROP TABLE "log_entries"`);
    await queryRunner.query(`DROP TABLE "log_cosignatures"`);
    await queryRunner.query(`DROP TABLE "log_checkpoints"`);
    await queryRunner.query(`DROP INDEX "public"."ix_signing_key_purpose"`);
    await queryRunner.query(`DROP TABLE "signing_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_event_fact"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
