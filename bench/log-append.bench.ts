/**
 * Appending to the fact log (issue 3): N facts recorded in transactions of B facts each (fact row +
 * commitment + outbox row, as a legal act writes them), then integrated into the Merkle tree with
 * signed checkpoints. Baseline in the same run: the same rows inserted into a bare table, same batches.
 * Options: --facts 100000 --batch 1000
 */
import { uuidv7 } from '../src/common/ids/uuid-v7';
import { FactLogService } from '../src/facts/fact-log.service';
import { TransparencyService } from '../src/transparency/transparency.service';
import type { BenchResult } from './run';
import { arg, BENCH_FACT, CREATE_BENCH_TABLES, withBenchApp } from './support';

export async function run(args: string[]): Promise<BenchResult> {
  const total = arg(args, 'facts', 100_000);
  const batch = arg(args, 'batch', 1000);
  return withBenchApp(async (app) => {
    const ds = app.dataSource;
    await ds.query(CREATE_BENCH_TABLES);
    const facts = app.app.get(FactLogService);
    const log = app.app.get(TransparencyService);
    const rows = (n: number) => {
      const ids = Array.from({ length: n }, () => uuidv7());
      return {
        ids,
        subjects: ids.map((_, i) => `Nguyễn Văn Thử ${i}`),
        payloads: ids.map((id) => `{"decision":"123/QĐ-SGDĐT","id":"${id}"}`),
      };
    };
    const insertSql = (table: string) =>
      `INSERT INTO ${table} (id, subject, payload) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`;

    const t0 = Date.now();
    for (let done = 0; done < total; done += batch) {
      const r = rows(Math.min(batch, total - done));
      await ds.transaction(async (em) => {
        await em.query(insertSql('bench_plain'), [r.ids, r.subjects, r.payloads]);
      });
    }
    const plainMs = Date.now() - t0;

    const t1 = Date.now();
    for (let done = 0; done < total; done += batch) {
      const r = rows(Math.min(batch, total - done));
      await ds.transaction(async (em) => {
        await em.query(insertSql('bench_facts'), [r.ids, r.subjects, r.payloads]);
        await facts.record(em, { type: BENCH_FACT, ids: r.ids });
      });
    }
    const recordMs = Date.now() - t1;
    const t2 = Date.now();
    const leaves = await log.integrate();
    const integrateMs = Date.now() - t2;
    const [{ n: checkpoints }] = await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM log_checkpoints`);
    const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
    return {
      name: 'log-append',
      rows: [
        {
          step: `plain INSERT (baseline), batches of ${batch}`,
          facts: total,
          ms: plainMs,
          perSecond: perSec(total, plainMs),
          ratio: 1,
        },
        {
          step: 'record facts (row + commitment + outbox), same batches',
          facts: total,
          ms: recordMs,
          perSecond: perSec(total, recordMs),
          ratio: +(recordMs / plainMs).toFixed(1),
        },
        {
          step: 'integrate into the tree + sign checkpoints',
          facts: leaves,
          ms: integrateMs,
          perSecond: perSec(leaves, integrateMs),
          ratio: +(integrateMs / plainMs).toFixed(1),
        },
        {
          step: 'end to end (record + integrate)',
          facts: total,
          ms: recordMs + integrateMs,
          perSecond: perSec(total, recordMs + integrateMs),
          ratio: +((recordMs + integrateMs) / plainMs).toFixed(1),
        },
      ],
      notes: [`${checkpoints} signed checkpoints (one per integration batch of 20,000 leaves)`],
    };
  });
}
