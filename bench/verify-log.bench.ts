/**
 * verify-log over N facts (issue 3; default 1,000,000): facts are recorded through the fact log in
 * transactions of 10,000 and integrated, then the verifier recomputes every commitment, rebuilds the
 * tree and checks every checkpoint. Baseline in the same run: reading the same fact rows once
 * (SELECT of every row, in the verifier's page size). Target: ≤ 60 s at 1,000,000 facts.
 * Options: --facts 1000000
 */
import { uuidv7 } from '../src/common/ids/uuid-v7';
import { FactLogService } from '../src/facts/fact-log.service';
import { FACT_TYPES } from '../src/facts/fact-types';
import { FactVerifier } from '../src/facts/fact-verifier';
import { TransparencyService } from '../src/transparency/transparency.service';
import type { BenchResult } from './run';
import { arg, BENCH_FACT, CREATE_BENCH_TABLES, withBenchApp } from './support';

export async function run(args: string[]): Promise<BenchResult> {
  const total = arg(args, 'facts', 1_000_000);
  const batch = 10_000;
  return withBenchApp(async (app) => {
    const ds = app.dataSource;
    await ds.query(CREATE_BENCH_TABLES);
    const facts = app.app.get(FactLogService);
    const t0 = Date.now();
    for (let done = 0; done < total; done += batch) {
      const ids = Array.from({ length: Math.min(batch, total - done) }, () => uuidv7());
      await ds.transaction(async (em) => {
        await em.query(
          `INSERT INTO bench_facts (id, subject, payload) SELECT id, 'Trần Thị Bích Ngọc', '{"entry":' || ord || '}' FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, ord)`,
          [ids],
        );
        await facts.record(em, { type: BENCH_FACT, ids });
      });
    }
    const recordMs = Date.now() - t0;
    const t1 = Date.now();
    await app.app.get(TransparencyService).integrate();
    const integrateMs = Date.now() - t1;
    // Steady state: autovacuum has run on a live system (visibility map, hint bits).
    await ds.query('VACUUM ANALYZE');

    const t2 = Date.now();
    let read = 0;
    let after: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await ds.query(
        `SELECT id::text, subject::text, payload::text, created_at::text FROM bench_facts WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT 10000`,
        [after],
      );
      if (!rows.length) break;
      read += rows.length;
      after = rows[rows.length - 1].id;
    }
    const baselineMs = Date.now() - t2;

    const t3 = Date.now();
    const report = await app.app.get(FactVerifier).verify([...FACT_TYPES, BENCH_FACT]);
    const verifyMs = Date.now() - t3;
    return {
      name: 'verify-log',
      rows: [
        { step: 'baseline: read every fact row once', facts: read, ms: baselineMs, ratio: 1 },
        {
          step: 'verify-log (commitments + tree + checkpoints)',
          facts: report.facts,
          ms: verifyMs,
          ratio: +(verifyMs / baselineMs).toFixed(1),
        },
      ],
      notes: [
        `findings: ${report.findings.length}; leaves ${report.leaves}; checkpoints ${report.checkpoints}`,
        `setup: recorded ${total} facts in ${Math.round(recordMs / 1000)} s, integrated in ${Math.round(integrateMs / 1000)} s`,
        'target: verify-log ≤ 60 s at 1,000,000 facts (issue 3)',
      ],
    };
  });
}
