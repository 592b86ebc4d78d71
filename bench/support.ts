import { bootstrap, type RunningApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import type { FactTypeDefinition } from '../src/facts/fact-type';
import { withScratchDatabase } from '../scripts/with-database';

/** The app booted on a throw-away database (embedded, fsync off; or a new database on DATABASE_URL). */
export function withBenchApp<T>(work: (app: RunningApp, dbUrl: string) => Promise<T>): Promise<T> {
  return withScratchDatabase(async (url) => {
    const running = await bootstrap({
      config: loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        JWT_SECRET: 'bench-'.padEnd(40, 'x'),
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
        LOG_LEVEL: 'warn',
        LOG_INTEGRATE_INTERVAL_MS: '0',
      }),
      logSink: () => {},
    });
    try {
      return await work(running, url);
    } finally {
      await running.close();
    }
  });
}

/** A fact table with the shape of a small legal fact (a text payload), registered only for benchmarks. */
export const BENCH_FACT: FactTypeDefinition = {
  type: 'bench.fact',
  table: 'bench_facts',
  versions: { 1: ['id', 'subject', 'payload', 'created_at'] },
  currentVersion: 1,
  rules: 'bench',
};

export const CREATE_BENCH_TABLES = `
  CREATE TABLE bench_facts (id uuid PRIMARY KEY, subject text NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE bench_plain (id uuid PRIMARY KEY, subject text NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

export function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
