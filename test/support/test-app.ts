import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { bootstrap, type RunningApp } from '../../src/bootstrap';
import { type AppConfig, loadConfig } from '../../src/config/app-config';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { databaseUrl, ENV, TEST_ENV } from './test-env';

export interface TestApp {
  running: RunningApp;
  http: TestAgent;
  /** Every log line the app wrote, for tests that check what reaches the logs. */
  logs: string[];
  dbUrl: string;
  /** A bearer token for a user (demo password by default). */
  token(username: string, password?: string): Promise<string>;
  /** Authorization header for a user. */
  auth(username: string, password?: string): Promise<{ Authorization: string }>;
  /** Runs SQL on the test database with a separate connection (superuser). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the e2e tests through jest (global setup)`);
  return v;
}

/** A fresh database cloned from a template, for one test file. */
export async function cloneDatabase(
  template: 'empty' | 'demo',
): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = required(ENV.serverUrl);
  const name = `vbcc_t_${required(ENV.runId)}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE ${required(template === 'demo' ? ENV.templateDemo : ENV.templateEmpty)}`,
    );
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(serverUrl, name),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function testConfig(dbUrl: string, env: Record<string, string> = {}): AppConfig {
  // Files a test app writes (print jobs) go to a temporary directory, never to ./data.
  const dataDir = join(tmpdir(), `vbcc-test-data-${process.pid}`);
  return loadConfig({ ...TEST_ENV, DATABASE_URL: dbUrl, LOG_LEVEL: 'debug', DATA_DIR: dataDir, ...env });
}

/** Boots the real app (same bootstrap() as main.ts) on its own database clone. */
export async function startTestApp(
  opts: { template?: 'empty' | 'demo'; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await cloneDatabase(opts.template ?? 'demo');
  const logs: string[] = [];
  const running = await bootstrap({ config: testConfig(db.url, opts.env), logSink: (l) => logs.push(l) });
  const http = request(running.app.getHttpServer());
  const tokens = new Map<string, string>();
  const sqlClient = new Client({ connectionString: db.url });
  await sqlClient.connect();
  const token = async (username: string, password = DEMO_PASSWORD) => {
    const key = `${username}\u0000${password}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const res = await http.post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const t = (res.body as { accessToken: string }).accessToken;
    tokens.set(key, t);
    return t;
  };
  return {
    running,
    http,
    logs,
    dbUrl: db.url,
    token,
    auth: async (u, p) => ({ Authorization: `Bearer ${await token(u, p)}` }),
    sql: async <T>(text: string, params?: unknown[]) => (await sqlClient.query(text, params)).rows as T[],
    async close() {
      await sqlClient.end();
      await running.close();
      await db.drop();
    },
  };
}
