/**
 * Import and issue a province's cohort (issue 5), the way an office does it: against the built
 * server (`node dist/src/main.js`, embedded PostgreSQL, fact log on) over HTTP. N graduates (default
 * 100,000) are posted to one decision (validation, duplicate checks, graduate facts), then issued
 * (register numbers, N blanks, entry facts) as a job. The server's peak RSS (VmHWM) is read from /proc.
 * Baseline in the same run: a plain COPY of the same N rows into a bare table of the same database.
 * Targets: import + issue ≤ 60 s, server peak RSS ≤ 500 MB.
 * Options: --graduates 100000; env BENCH_NODE_FLAGS adds node flags to the server's (e.g. a heap size).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort } from '../scripts/with-database';
import { DEMO_PASSWORD } from '../seeds/demo-data';
import { graduateRows } from '../test/support/register-fixtures';
import { spawnServer, waitHealthy } from '../test/support/spawned-app';
import type { BenchResult } from './run';
import { arg } from './support';

/** A JSON answer, read loosely: this script knows the shapes it asked for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const peakRssMb = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
/** 0 once the process has gone (its status no longer lists memory). */
const rssMb = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/** The rows in the import template's columns (docs/IMPORT-TEMPLATE.md), as Excel would save them. */
async function templateXlsx(rows: ReturnType<typeof graduateRows>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sach');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Giới tính', 'Dân tộc', 'Lớp']);
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.fullName,
      r.dateOfBirth.split('-').reverse().join('/'),
      r.placeOfBirth,
      r.gender === 'male' ? 'Nam' : 'Nữ',
      r.ethnicity,
      r.className,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'graduates', 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'vbcc-bench-issue-'));
  const port = await freePort();
  const pgPort = await freePort();
  const server = spawnServer({
    DATA_DIR: dir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_DATA: '1',
    LOG_LEVEL: 'warn',
    ...(process.env.BENCH_NODE_FLAGS ? { NODE_FLAGS: process.env.BENCH_NODE_FLAGS } : {}),
  });
  try {
    await waitHealthy(port, 120_000, server);
    const base = `http://127.0.0.1:${port}`;
    const call = async (token: string | null, method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Json;
      if (res.status >= 400)
        throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
      return json;
    };
    const login = async (u: string) =>
      (await call(null, 'POST', '/api/v1/auth/login', { username: u, password: DEMO_PASSWORD }))
        .accessToken as string;
    const registrar = await login('btr.registrar');
    const signer = await login('btr.signer');
    await call(registrar, 'POST', '/api/v1/blanks/receipts', {
      credentialType: 'THPT',
      serialPrefix: 'BE',
      from: 1,
      to: n + 10,
      receivedFrom: 'VN-NARIC',
      documentRef: 'bench',
      receivedOn: '2025-06-01',
    });
    const decision = await call(registrar, 'POST', '/api/v1/graduation-decisions', {
      decisionNo: '1/QĐ-BENCH',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-CHUYENBT',
      graduationYear: 2025,
      studyMode: 'regular',
      signerName: 'Trần Văn Khải',
      signerTitle: 'Giám đốc',
    });
    const rows = graduateRows(n, 3);
    const rssBefore = rssMb(server.proc.pid!);

    // Baseline: COPY of the same rows into a bare table, in the server's database.
    const { password } = JSON.parse(readFileSync(join(dir, 'pg-credentials.json'), 'utf8')) as {
      password: string;
    };
    const pg = new Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password, database: 'vbcc' });
    await pg.connect();
    await pg.query(
      `CREATE TABLE bench_copy (full_name text, date_of_birth date, place_of_birth text, gender text, ethnicity text, class_name text)`,
    );
    const esc = (s: string) =>
      s.replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\'));
    let t = Date.now();
    await pipeline(
      Readable.from(
        rows.map(
          (r) =>
            [r.fullName, r.dateOfBirth, r.placeOfBirth, r.gender, r.ethnicity, r.className]
              .map(esc)
              .join('\t') + '\n',
        ),
      ),
      pg.query(copyFrom('COPY bench_copy FROM STDIN')),
    );
    const copyMs = Date.now() - t;
    await pg.end();

    const pid = server.proc.pid!;
    let phase = 'import';
    const peaks: Record<string, number> = {};
    const sampler = setInterval(() => (peaks[phase] = Math.max(peaks[phase] ?? 0, rssMb(pid))), 100);
    t = Date.now();
    const imported = await call(registrar, 'POST', `/api/v1/graduation-decisions/${decision.id}/graduates`, {
      graduates: rows,
    });
    const importMs = Date.now() - t;
    phase = 'issue';
    t = Date.now();
    const job = await call(signer, 'POST', `/api/v1/graduation-decisions/${decision.id}/issue`, {
      issuedOn: '2025-08-10',
    });
    let state = job;
    while (state.state === 'queued' || state.state === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      state = await call(signer, 'GET', `/api/v1/jobs/${job.id}`);
    }
    const issueMs = Date.now() - t;
    if (state.state !== 'succeeded') throw new Error(`issuance failed: ${JSON.stringify(state.error)}`);

    // The same number of graduates of another school as an .xlsx file of the template.
    phase = 'xlsx';
    const second = await call(registrar, 'POST', '/api/v1/graduation-decisions', {
      decisionNo: '2/QĐ-BENCH',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-NDCHIEU',
      graduationYear: 2025,
      studyMode: 'regular',
      signerName: 'Trần Văn Khải',
      signerTitle: 'Giám đốc',
    });
    // Born four years earlier: other people (the duplicate check spans schools, ISSUE-1).
    const others = graduateRows(n, 3).map((r) => ({
      ...r,
      dateOfBirth: `${Number(r.dateOfBirth.slice(0, 4)) - 4}${r.dateOfBirth.slice(4)}`,
    }));
    const xlsx = await templateXlsx(others);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(xlsx)]), 'danh-sach.xlsx');
    t = Date.now();
    const xlsxRes = await fetch(`${base}/api/v1/graduation-decisions/${second.id}/graduates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar}` },
      body: form,
    });
    const xlsxImported = (await xlsxRes.json()) as Json;
    if (xlsxRes.status !== 200) throw new Error(`xlsx import: ${JSON.stringify(xlsxImported).slice(0, 500)}`);
    const xlsxMs = Date.now() - t;
    clearInterval(sampler);
    const peak = peakRssMb(pid);
    const ratio = (x: number) => +(x / copyMs).toFixed(1);
    return {
      name: 'issuance',
      rows: [
        {
          step: `plain COPY of ${n.toLocaleString('en')} rows into a bare table (baseline)`,
          ms: copyMs,
          ratio: 1,
        },
        {
          step: `POST ${Number(imported.imported).toLocaleString('en')} graduates as JSON (validate, duplicates, write, facts)`,
          ms: importMs,
          ratio: ratio(importMs),
        },
        {
          step: 'issue them as a job (numbers, blanks, entries, facts; one transaction)',
          ms: issueMs,
          ratio: ratio(issueMs),
        },
        { step: 'import + issue (target ≤ 60 s)', ms: importMs + issueMs, ratio: ratio(importMs + issueMs) },
        {
          step: `POST ${Number(xlsxImported.imported).toLocaleString('en')} graduates of another school as an .xlsx file (${(xlsx.length / 1048576).toFixed(1)} MB)`,
          ms: xlsxMs,
          ratio: ratio(xlsxMs),
        },
      ],
      notes: [
        `server peak RSS (VmHWM): ${peak} MB (target ≤ 500 MB); RSS before the import: ${rssBefore} MB; sampled peaks: JSON import ${peaks.import} MB, issue ${peaks.issue} MB, XLSX import ${peaks.xlsx} MB`,
        `job result: ${JSON.stringify(state.result)}`,
        'the log integration runs in the background every 2 s (see log-append for its throughput)',
      ],
    };
  } catch (e) {
    throw new Error(`${(e as Error).message}\nserver output (tail):\n${server.output().slice(-3000)}`, {
      cause: e,
    });
  } finally {
    server.proc.kill('SIGINT');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
