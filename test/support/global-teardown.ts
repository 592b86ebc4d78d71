import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { ENV } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[ENV.serverUrl];
  const runId = process.env[ENV.runId];
  const embedded = (globalThis as { __vbccEmbedded?: { stop(): Promise<void> } }).__vbccEmbedded;
  if (embedded) {
    await embedded.stop();
    const dir = process.env[ENV.embeddedDir];
    if (dir) rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (!serverUrl || !runId) return;
  // On a shared server, drop what this run created (templates and any clone a crashed file left).
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`vbcc_tpl_${runId}_%`, `vbcc_t_${runId}_%`],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
