import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/with-database';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { graduateRows } from '../support/register-fixtures';
import { spawnServer, waitHealthy } from '../support/spawned-app';

jest.setTimeout(600_000);

/** A JSON answer, read loosely: this script knows the shapes it asked for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const N = 50_000;

/**
 * Issue 5, acceptance 4: the server is killed (SIGKILL) in the middle of issuing a 50,000-graduate
 * decision. After a restart the decision is issued entirely or not at all, and the blank stock
 * still reconciles; issuing again then works.
 */
describe('crash in the middle of an issuance', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vbcc-crash-'));
  let port: number;
  let env: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO_DATA: '1',
      LOG_LEVEL: 'warn',
    };
  });
  const servers: ReturnType<typeof spawnServer>[] = [];
  afterAll(async () => {
    for (const s of servers)
      if (s.proc.exitCode === null) {
        s.proc.kill('SIGINT');
        await s.exited;
      }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (token: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((e: unknown) => {
      // A server gone between requests: show what it said before it went.
      const last = servers.at(-1);
      throw new Error(
        `${method} ${path} failed (server exit ${last?.proc.exitCode ?? 'running'}):\n${last?.output() ?? ''}`,
        { cause: e },
      );
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const login = async (username: string) =>
    (await call(null, 'POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD })).body
      .accessToken as string;

  it('SIGKILL during issuance leaves the decision fully issued or not at all; stock reconciles; issuing again works', async () => {
    let server = spawnServer(env);
    servers.push(server);
    await waitHealthy(port, 60_000, server);
    const registrar = await login('btr.registrar');
    const signer = await login('btr.signer');
    expect(
      (
        await call(registrar, 'POST', '/api/v1/blanks/receipts', {
          credentialType: 'THPT',
          serialPrefix: 'KX',
          from: 1,
          to: N + 100,
          receivedFrom: 'VN-NARIC',
          documentRef: 'PX 1',
          receivedOn: '2025-06-01',
        })
      ).status,
    ).toBe(201);
    const decision = await call(registrar, 'POST', '/api/v1/graduation-decisions', {
      decisionNo: '999/QĐ-SGDĐT',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-CHUYENBT',
      graduationYear: 2025,
      studyMode: 'regular',
      signerName: 'Trần Văn Khải',
      signerTitle: 'Giám đốc',
    });
    const id = decision.body.id as string;
    const imported = await call(registrar, 'POST', `/api/v1/graduation-decisions/${id}/graduates`, {
      graduates: graduateRows(N, 7),
    });
    expect(imported.body).toMatchObject({ imported: N });

    const job = await call(signer, 'POST', `/api/v1/graduation-decisions/${id}/issue`, {
      issuedOn: '2025-08-10',
    });
    expect(job.status).toBe(202);
    let progress = 0;
    for (let i = 0; i < 2000 && progress === 0; i++) {
      const j = await call(signer, 'GET', `/api/v1/jobs/${job.body.id}`);
      progress = j.body.progress.done as number;
      if (j.body.state !== 'running' && j.body.state !== 'queued')
        throw new Error(`job ended before the kill: ${JSON.stringify(j.body)}`);
      if (progress === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(N);
    server.proc.kill('SIGKILL');
    await server.exited;

    server = spawnServer(env);
    servers.push(server);
    await waitHealthy(port, 60_000, server);
    const signer2 = await login('btr.signer');
    const registrar2 = await login('btr.registrar');
    const after = await call(signer2, 'GET', `/api/v1/graduation-decisions/${id}`);
    const listed = await call(registrar2, 'GET', `/api/v1/diplomas?decisionId=${id}&limit=1`);
    // Not at all: the transaction died with the process; the job says so.
    expect({ status: after.body.status, entries: listed.body.total }).toEqual({
      status: 'draft',
      entries: 0,
    });
    const interrupted = await call(signer2, 'GET', `/api/v1/jobs/${job.body.id}`);
    expect(interrupted.body).toMatchObject({ state: 'failed', error: { code: 'JOB_INTERRUPTED' } });
    const stock = await call(registrar2, 'GET', '/api/v1/blanks/stock?credentialType=THPT');
    expect(stock.body.items[0]).toMatchObject({ usable: N + 100, printed: 0 });
    const rec = await call(
      registrar2,
      'GET',
      `/api/v1/blanks/reconciliation?year=${new Date().getFullYear()}&credentialType=THPT`,
    );
    expect(rec.body.items[0].closing).toBe(rec.body.items[0].usableNow);

    const again = await call(signer2, 'POST', `/api/v1/graduation-decisions/${id}/issue`, {
      issuedOn: '2025-08-10',
    });
    expect(again.status).toBe(202);
    let state = 'queued';
    let result: Record<string, unknown> = {};
    for (let i = 0; i < 6000 && (state === 'queued' || state === 'running'); i++) {
      const j = await call(signer2, 'GET', `/api/v1/jobs/${again.body.id}`);
      state = j.body.state as string;
      result = j.body.result as Record<string, unknown>;
      if (state === 'queued' || state === 'running') await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('succeeded');
    expect(result).toMatchObject({ issued: N, firstSequence: 1, lastSequence: N });
    const stock2 = await call(registrar2, 'GET', '/api/v1/blanks/stock?credentialType=THPT');
    expect(stock2.body.items[0]).toMatchObject({ usable: 100, printed: N });
    server.proc.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });
});
