import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DropBlankHolderFk1795619971688 implements MigrationInterface {
  name = 'DropBlankHolderFk1795619971688';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "blanks" DROP CONSTRAINT "fk_blank_holder"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "blanks" ADD CONSTRAINT "fk_blank_holder" FOREIGN KEY ("holder_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
