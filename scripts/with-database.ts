import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs `work` against a fresh, empty database: a new database on DATABASE_URL's server when set,
 * otherwise a throw-away embedded PostgreSQL. Used by scripts that must not touch real data.
 */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.DATABASE_URL;
  let stop: () => Promise<void> = async () => {};
  let baseUrl: string;
  let dir: string | null = null;
  if (serverUrl) {
    baseUrl = serverUrl;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'vbcc-scratch-'));
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), fast: true });
    baseUrl = db.url;
    stop = () => db.stop();
  }
  const name = `vbcc_scratch_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
