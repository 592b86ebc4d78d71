import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort } from '../../scripts/with-database';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsLocked } from '../../src/database/migrator';
import { databaseUrl, ENV, TEST_ENV } from './test-env';

/**
 * One PostgreSQL for the whole run: the embedded one (a throw-away cluster, fsync off) or
 * TEST_DATABASE_URL. Two template databases are built once, migrated (and one loaded with the demo
 * data); every test file clones one of them.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'vbcc-test-pg-'));
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), fast: true });
    (globalThis as { __vbccEmbedded?: unknown }).__vbccEmbedded = db;
    process.env[ENV.embeddedDir] = dir;
    serverUrl = db.url;
  }
  const empty = `vbcc_tpl_${runId}_empty`;
  const demo = `vbcc_tpl_${runId}_demo`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${empty}`);
    const ds = new DataSource(dataSourceOptions(databaseUrl(serverUrl, empty), 2));
    await ds.initialize();
    await runMigrationsLocked(ds);
    await ds.destroy();
    await admin.query(`CREATE DATABASE ${demo} TEMPLATE ${empty}`);
    const running = await bootstrap({
      config: loadConfig({
        ...TEST_ENV,
        DATABASE_URL: databaseUrl(serverUrl, demo),
        DEMO_DATA: '1',
        LOG_LEVEL: 'warn',
      }),
      logSink: () => {},
    });
    await running.close();
  } finally {
    await admin.end();
  }
  process.env[ENV.serverUrl] = serverUrl;
  process.env[ENV.templateEmpty] = empty;
  process.env[ENV.templateDemo] = demo;
  process.env[ENV.runId] = runId;
}
