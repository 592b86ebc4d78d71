import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * A free TCP port for a server a test or script starts later. Picked at random below the kernel's
 * ephemeral range (32768+): a port handed out by `listen(0)` can be taken, before our server binds
 * it, by any outgoing connection of a parallel test worker (CI saw EADDRINUSE exactly so).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 15000 + Math.floor(Math.random() * 17000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port found in 15000-31999 after 50 tries');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
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
