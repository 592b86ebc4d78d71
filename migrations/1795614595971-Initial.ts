import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795614595971 implements MigrationInterface {
  name = 'Initial1795614595971';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_kind" text NOT NULL, "actor_id" uuid, "actor_name" text, "actor_org_id" uuid, "scope_path" text, "action" text NOT NULL, "target_type" text, "target_id" text, "outcome" text NOT NULL, "request_id" text, "client_ip" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "ck_audit_event_actor_kind" CHECK ("actor_kind" IN ('user', 'apiKey', 'system', 'anonymous')), CONSTRAINT "ck_audit_event_outcome" CHECK ("outcome" IN ('success', 'failure')), CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_occurred" ON "audit_events"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL, "code" text NOT NULL, "name_vi" text NOT NULL, "name_en" text NOT NULL, "kind" text NOT NULL, "parent_id" uuid, "path" text NOT NULL, "depth" integer NOT NULL, "province_code" text, "superior_name_vi" text, "place_name" text, "valid_from" date, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_organisation_code" UNIQUE ("code"), CONSTRAINT "ck_organisation_valid_window" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "pk_organisation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisation_parent" ON "organisations"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL, "key_id" text NOT NULL, "secret_hash" text NOT NULL, "name" text NOT NULL, "org_id" uuid NOT NULL, "roles" text array NOT NULL, "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_api_key_key_id" UNIQUE ("key_id"), CONSTRAINT "pk_api_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_key_org" ON "api_keys"  ("org_id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" text NOT NULL, "display_name" text, "password_hash" text NOT NULL, "org_id" uuid NOT NULL, "roles" text array NOT NULL, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_user_username" UNIQUE ("username"), CONSTRAINT "pk_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_org" ON "users"  ("org_id") `);
    await queryRunner.query(
      `CREATE TABLE "custody_assignments" ("id" uuid NOT NULL, "issuer_org_id" uuid NOT NULL, "credential_type" text NOT NULL, "custodian_org_id" uuid NOT NULL, "effective_from" date NOT NULL, "transfer_record_ref" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_custody_assignment" UNIQUE ("issuer_org_id", "credential_type", "effective_from"), CONSTRAINT "pk_custody_assignment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_successions" ("id" uuid NOT NULL, "predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL, "kind" text NOT NULL, "effective_on" date NOT NULL, "legal_basis" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organisation_succession_kind" CHECK ("kind" IN ('merger', 'split', 'dissolution', 'reorganisation')), CONSTRAINT "pk_organisation_succession" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_succession_predecessor" ON "organisation_successions"  ("predecessor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_days" ("day" date NOT NULL, "kind" text NOT NULL, "name_vi" text NOT NULL, "name_en" text NOT NULL, "legal_basis" text, CONSTRAINT "ck_calendar_day_kind" CHECK ("kind" IN ('holiday', 'workingDay')), CONSTRAINT "pk_calendar_day" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "credential_types" ("code" text NOT NULL, "kind" text NOT NULL, "name_vi" text NOT NULL, "name_en" text NOT NULL, "uses_blanks" boolean NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "uq_credential_type_kind" UNIQUE ("kind"), CONSTRAINT "ck_credential_type_kind" CHECK ("kind" IN ('lowerSecondaryDiploma', 'upperSecondaryDiploma', 'generalEducationCompletion', 'certificate')), CONSTRAINT "pk_credential_type" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "settings" ("id" uuid NOT NULL, "key" text NOT NULL, "scope_org_id" uuid, "value" jsonb, "valid_from" date, "valid_to" date, "legal_basis" text NOT NULL, "rules" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_setting_window" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "pk_setting" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_setting_key" ON "settings"  ("key") `);
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisation_parent" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_key_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_user_org" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_assignments" ADD CONSTRAINT "fk_custody_assignment_issuer" FOREIGN KEY ("issuer_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_assignments" ADD CONSTRAINT "fk_custody_assignment_custodian" FOREIGN KEY ("custodian_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_successions" ADD CONSTRAINT "fk_organisation_succession_predecessor" FOREIGN KEY ("predecessor_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_successions" ADD CONSTRAINT "fk_organisation_succession_successor" FOREIGN KEY ("successor_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "settings" ADD CONSTRAINT "fk_setting_scope_org" FOREIGN KEY ("scope_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "settings" DROP CONSTRAINT "fk_setting_scope_org"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_successions" DROP CONSTRAINT "fk_organisation_succession_successor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_successions" DROP CONSTRAINT "fk_organisation_succession_predecessor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_assignments" DROP CONSTRAINT "fk_custody_assignment_custodian"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_assignments" DROP CONSTRAINT "fk_custody_assignment_issuer"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_user_org"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_key_org"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisation_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_setting_key"`);
    await queryRunner.query(`DROP TABLE "settings"`);
    await queryRunner.query(`DROP TABLE "credential_types"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_succession_predecessor"`);
    await queryRunner.query(`DROP TABLE "organisation_successions"`);
    await queryRunner.query(`DROP TABLE "custody_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_org"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_key_org"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_parent"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_occurred"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
