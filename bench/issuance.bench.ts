/**
 * Import and issue a province's cohort (issue 5): N graduates (default 100,000) imported into one
 * decision (validation, duplicate checks, graduate facts), then issued (register numbers, N blanks,
 * entry facts), with the fact log on; the log integration is timed too. Peak RSS of the process is
 * reported. Baseline in the same run: a plain COPY of the same N rows into a bare table.
 * Targets: import + issue ≤ 60 s, peak RSS ≤ 500 MB.
 * Options: --graduates 100000
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { BlanksService } from '../src/blanks/blanks.service';
import type { Actor } from '../src/common/auth/actor';
import { JobsService } from '../src/jobs/jobs.service';
import { OrgsService } from '../src/orgs/orgs.service';
import { DecisionsService } from '../src/register/decisions.service';
import { IssuanceService } from '../src/register/issuance.service';
import { TransparencyService } from '../src/transparency/transparency.service';
import { graduateRows } from '../test/support/register-fixtures';
import type { BenchResult } from './run';
import { arg, withBenchApp } from './support';

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'graduates', 100_000);
  return withBenchApp(async (app) => {
    const orgs = app.app.get(OrgsService);
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
      roles: ['registrar', 'signer'],
    };
    await app.app.get(BlanksService).receive(actor, {
      credentialType: 'THPT',
      serialPrefix: 'BE',
      from: 1,
      to: n + 10,
      receivedFrom: 'VN-NARIC',
      documentRef: 'bench',
      receivedOn: '2025-06-01',
    });
    const decisions = app.app.get(DecisionsService);
    const d = await decisions.create(actor, {
      decisionNo: '1/QĐ-BENCH',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: school.code,
      graduationYear: 2025,
      studyMode: 'regular',
      signerName: 'Giám đốc',
      signerTitle: 'Giám đốc',
    });
    const rows = graduateRows(n, 3);

    // Baseline: COPY the same rows into a bare table.
    const ds = app.dataSource;
    await ds.query(
      `CREATE TABLE bench_copy (full_name text, date_of_birth date, place_of_birth text, gender text, ethnicity text, class_name text)`,
    );
    const esc = (s: string) =>
      s.replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\'));
    let t = Date.now();
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      const client = (await runner.connect()) as PoolClient;
      await pipeline(
        Readable.from(
          rows.map(
            (r) =>
              [r.fullName, r.dateOfBirth, r.placeOfBirth, r.gender, r.ethnicity, r.className]
                .map(esc)
                .join('\t') + '\n',
          ),
        ),
        client.query(copyFrom('COPY bench_copy FROM STDIN')),
      );
    } finally {
      await runner.release();
    }
    const copyMs = Date.now() - t;

    t = Date.now();
    const imported = await decisions.importGraduates(actor, d.decision.id, { kind: 'json', rows }, false);
    const importMs = Date.now() - t;
    t = Date.now();
    const job = await app.app.get(IssuanceService).issue(actor, d.decision.id, '2025-08-10');
    const done = await app.app.get(JobsService).whenDone(job.id);
    const issueMs = Date.now() - t;
    if (done.state !== 'succeeded') throw new Error(`issuance failed: ${JSON.stringify(done.error)}`);
    t = Date.now();
    const leaves = await app.app.get(TransparencyService).integrate();
    const integrateMs = Date.now() - t;
    const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const r = (x: number) => +(x / copyMs).toFixed(1);
    return {
      name: 'issuance',
      rows: [
        {
          step: `plain COPY of ${n.toLocaleString('en')} rows into a bare table (baseline)`,
          ms: copyMs,
          ratio: 1,
        },
        {
          step: `import ${imported.imported.toLocaleString('en')} graduates (validate, duplicates, write, facts)`,
          ms: importMs,
          ratio: r(importMs),
        },
        {
          step: `issue them (numbers, blanks, entries, facts; one transaction)`,
          ms: issueMs,
          ratio: r(issueMs),
        },
        { step: 'import + issue (target ≤ 60 s)', ms: importMs + issueMs, ratio: r(importMs + issueMs) },
        {
          step: `integrate ${leaves.toLocaleString('en')} log leaves + checkpoints`,
          ms: integrateMs,
          ratio: r(integrateMs),
        },
      ],
      notes: [
        `peak RSS of the process: ${rssMb} MB (target ≤ 500 MB)`,
        `result: ${JSON.stringify(done.result)}`,
      ],
    };
  });
}
