/**
 * Blank-form inventory at scale (issue 4):
 *  - receiving a range of 1,000,000 serials (target ≤ 10 s), against a plain INSERT of 1,000,000 rows
 *    of the same shape into a bare table;
 *  - the reconciliation report over those 1,000,000 serials after 1,000 transfers and spoilages
 *    (target ≤ 3 s), against counting the rows once;
 *  - taking 100,000 blanks for issuance in one transaction (it feeds the register's issuance budget),
 *    against a plain UPDATE of 100,000 rows.
 * Options: --serials 1000000 --take 100000
 */
import { BlankReportsService } from '../src/blanks/blank-reports.service';
import { BlanksService } from '../src/blanks/blanks.service';
import type { Actor } from '../src/common/auth/actor';
import { OrgsService } from '../src/orgs/orgs.service';
import type { BenchResult } from './run';
import { arg, withBenchApp } from './support';

export async function run(args: string[]): Promise<BenchResult> {
  const serials = arg(args, 'serials', 1_000_000);
  const take = arg(args, 'take', 100_000);
  return withBenchApp(async (app) => {
    const ds = app.dataSource;
    const orgs = app.app.get(OrgsService);
    const blanks = app.app.get(BlanksService);
    const reports = app.app.get(BlankReportsService);
    const root = (await orgs.findRoot())!;
    const sgd = await orgs.create(null, {
      code: 'SGD-BENCH',
      nameVi: 'Sở GDĐT thử nghiệm',
      kind: 'provincialDepartment',
      parentCode: root.code,
    });
    const school = await orgs.create(null, {
      code: 'THPT-BENCH',
      nameVi: 'Trường THPT thử nghiệm',
      kind: 'school',
      parentCode: sgd.code,
    });
    const actor: Actor = {
      kind: 'system',
      id: null,
      name: 'bench',
      orgId: sgd.id,
      orgCode: sgd.code,
      orgPath: sgd.path,
      roles: ['registrar'],
    };

    await ds.query(`CREATE TABLE bench_plain_blanks (LIKE blanks INCLUDING DEFAULTS INCLUDING INDEXES)`);
    let t = Date.now();
    await ds.query(
      `INSERT INTO bench_plain_blanks (serial_number, credential_type, serial_prefix, number, digits, state, holder_org_id, receipt_id)
       SELECT 'PL' || lpad(n::text, 7, '0'), 'THPT', 'PL', n, 7, 'inStock', $1, $1 FROM generate_series(1, $2::bigint) n`,
      [sgd.id, serials],
    );
    const plainInsertMs = Date.now() - t;

    t = Date.now();
    await blanks.receive(actor, {
      credentialType: 'THPT',
      serialPrefix: 'BX',
      from: 1,
      to: serials,
      receivedFrom: 'VN-NARIC',
      documentRef: 'bench',
      receivedOn: '2026-01-05',
    });
    const receiveMs = Date.now() - t;

    // 1,000 acts of history: 500 transfers of 100 serials to the school, 500 spoilages of 2 serials.
    t = Date.now();
    const s = (n: number) => `BX${String(n).padStart(7, '0')}`;
    const step = Math.floor(serials / 500);
    for (let i = 0; i < 500; i++) {
      await blanks.transfer(actor, {
        toOrgCode: school.code,
        credentialType: 'THPT',
        ranges: [{ from: s(i * step + 1), to: s(i * step + 100) }],
      });
      await blanks.spoil(actor, { serials: [s(i * step + 150), s(i * step + 151)], reason: 'damaged' });
    }
    const historyMs = Date.now() - t;
    await ds.query('VACUUM ANALYZE');

    const year = Number(new Date().toISOString().slice(0, 4));
    t = Date.now();
    const rec = await reports.reconciliation(actor, sgd.code, year, 'THPT');
    const reconciliationMs = Date.now() - t;
    t = Date.now();
    await ds.query(
      `SELECT count(*) FROM blanks WHERE holder_org_id = $1 AND credential_type = 'THPT' AND state IN ('inStock', 'allocated')`,
      [sgd.id],
    );
    const countMs = Date.now() - t;
    const line = rec.lines[0];
    if (line.closing !== line.usableNow)
      throw new Error(`reconciliation does not balance: ${line.closing} vs ${line.usableNow}`);

    t = Date.now();
    await ds.query(
      `UPDATE bench_plain_blanks SET state = 'printed' WHERE serial_number IN (SELECT serial_number FROM bench_plain_blanks ORDER BY serial_prefix, number LIMIT $1)`,
      [take],
    );
    const plainUpdateMs = Date.now() - t;
    t = Date.now();
    const taken = await ds.transaction((em) =>
      blanks.takeForIssuance(em, sgd, 'THPT', take, 'bench decision'),
    );
    const takeMs = Date.now() - t;

    const r = (x: number, b: number) => +(x / b).toFixed(1);
    return {
      name: 'blanks',
      rows: [
        {
          case: `receive ${serials.toLocaleString('en')} serials (target ≤ 10 s)`,
          ms: receiveMs,
          baseline: 'plain INSERT of the same rows',
          baselineMs: plainInsertMs,
          ratio: r(receiveMs, plainInsertMs),
        },
        {
          case: `reconciliation over ${serials.toLocaleString('en')} serials, 1,000 acts (target ≤ 3 s)`,
          ms: reconciliationMs,
          baseline: 'count usable rows once',
          baselineMs: countMs,
          ratio: r(reconciliationMs, countMs),
        },
        {
          case: `take ${take.toLocaleString('en')} blanks for issuance (one transaction)`,
          ms: takeMs,
          baseline: `plain UPDATE of ${take.toLocaleString('en')} rows`,
          baselineMs: plainUpdateMs,
          ratio: r(takeMs, plainUpdateMs),
        },
      ],
      notes: [
        `1,000 transfers and spoilages recorded in ${Math.round(historyMs / 1000)} s (${Math.round(historyMs / 1000)} ms per act); reconciliation: ${line.exceptions.length} exceptions listed, closing ${line.closing} = usable now`,
        `taken: ${taken.length} serials, ${taken[0]} … ${taken[taken.length - 1]}`,
      ],
    };
  });
}
