import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IssuerKeys1795625526268 implements MigrationInterface {
  name = 'IssuerKeys1795625526268';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signing_keys" ADD "covers_subtree" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "covers_subtree"`);
  }
}
