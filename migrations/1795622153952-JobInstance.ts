import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobInstance1795622153952 implements MigrationInterface {
  name = 'JobInstance1795622153952';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" ADD "instance_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "instance_id"`);
  }
}
