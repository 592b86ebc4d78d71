/**
 * Cold start to healthy, as a user runs `npm start` (the build excluded): a fresh data folder
 * (initdb, migrations, demo data) and a restart on the same data. Baseline in the same run: the
 * embedded PostgreSQL alone (initdb + start, and start), i.e. what the app adds on top.
 * Options: --runs N (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/with-database';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { spawnServer, waitHealthy } from '../test/support/spawned-app';
import type { BenchResult } from './run';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(args: string[]): Promise<BenchResult> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const first: number[] = [];
  const reuse: number[] = [];
  const pgFirst: number[] = [];
  const pgReuse: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'vbcc-bench-start-'));
    try {
      const env = {
        DATA_DIR: dir,
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        DEMO_DATA: '1',
        LOG_LEVEL: 'warn',
      };
      for (const bucket of [first, reuse]) {
        const t0 = Date.now();
        const s = spawnServer(env);
        await waitHealthy(Number(env.PORT), 120_000, s);
        bucket.push(Date.now() - t0);
        s.proc.kill('SIGINT');
        await s.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pgDir = mkdtempSync(join(tmpdir(), 'vbcc-bench-pg-'));
    try {
      const port = await freePort();
      for (const bucket of [pgFirst, pgReuse]) {
        const t0 = Date.now();
        const db = await startEmbeddedPostgres({ dir: pgDir, port });
        bucket.push(Date.now() - t0);
        await db.stop();
      }
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
    }
  }
  return {
    name: 'cold-start',
    rows: [
      {
        case: 'first start (initdb + migrate + demo data)',
        medianMs: median(first),
        runs: first.join(' '),
        baselineMs: median(pgFirst),
        ratio: +(median(first) / median(pgFirst)).toFixed(1),
      },
      {
        case: 'restart on existing data',
        medianMs: median(reuse),
        runs: reuse.join(' '),
        baselineMs: median(pgReuse),
        ratio: +(median(reuse) / median(pgReuse)).toFixed(1),
      },
    ],
    notes: [
      'baseline = embedded PostgreSQL alone (initdb + start; start) in the same run',
      'acceptance: first start ≤ 60 s, restart ≤ 15 s (issue 2)',
    ],
  };
}
