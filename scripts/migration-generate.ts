/**
 * Writes a migration with the SQL that brings a freshly migrated database in line with the
 * entities (what `typeorm migration:generate` does), and registers it in migrations/index.ts.
 * Usage: npm run migration:generate -- PascalName
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { withScratchDatabase } from './with-database';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- PascalName');
    process.exit(2);
  }
  const root = join(__dirname, '..', '..');
  await withScratchDatabase(async (url) => {
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const sql = await ds.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('No changes: the entities match the migrations.');
        return;
      }
      const ts = Date.now();
      const cls = `${name}${ts}`;
      const q = (s: string) =>
        '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
      const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
      const down = sql.downQueries
        .reverse()
        .map((x) => `    await queryRunner.query(${q(x.query)});`)
        .join('\n');
      const file = `${ts}-${name}`;
      writeFileSync(
        join(root, 'migrations', `${file}.ts`),
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${cls} implements MigrationInterface {\n  name = '${cls}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      const indexPath = join(root, 'migrations', 'index.ts');
      let index = readFileSync(indexPath, 'utf8');
      index = index.replace(
        "import type { MigrationInterface } from 'typeorm';\n",
        `import type { MigrationInterface } from 'typeorm';\nimport { ${cls} } from './${file}';\n`,
      );
      index = index.replace(/\[([^\]]*)\];\s*$/, (_m, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        items.push(cls);
        return `[\n  ${items.join(',\n  ')},\n];\n`;
      });
      writeFileSync(indexPath, index);
      execFileSync(process.execPath, [
        require.resolve('prettier/bin/prettier.cjs'),
        '--write',
        join(root, 'migrations', `${file}.ts`),
        indexPath,
      ]);
      console.log(
        `Wrote migrations/${file}.ts (${sql.upQueries.length} statements). Review it before committing.`,
      );
    } finally {
      await ds.destroy();
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
