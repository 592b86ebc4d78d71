import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { createDecision, graduateRows } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A graduate import is read only for a caller allowed to import (so strangers cannot make the
 * server parse tens of megabytes), and IMPORT_CONCURRENCY of them at a time per process.
 */
describe('graduate import intake', () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  let decisionId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { IMPORT_CONCURRENCY: '1' } });
    server = t.running.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    decisionId = await createDecision(t, 'btr.registrar', {
      decisionNo: '77/QĐ-INTAKE',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-CHUYENBT',
      graduationYear: 2025,
    });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  /** Sends the headers and a first slice of a declared 40 MB body, then waits. */
  function openUpload(headers: Record<string, string>): {
    req: ClientRequest;
    response: Promise<{ status: number; body: Record<string, unknown> }>;
  } {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/graduation-decisions/${decisionId}/graduates`,
      headers: { 'content-type': 'application/json', 'content-length': String(40 * 1024 * 1024), ...headers },
    });
    const response = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }),
        );
      });
      req.on('error', reject);
    });
    req.write('{"graduates": [');
    return { req, response };
  }

  it('answers a caller without a token before reading the body', async () => {
    const { req, response } = openUpload({});
    const res = await response;
    req.destroy();
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });

  it('answers a caller who may not import before reading the body', async () => {
    const { Authorization: authorization } = await t.auth('btr.auditor');
    const { req, response } = openUpload({ authorization });
    const res = await response;
    req.destroy();
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'register.manage' } });
  });

  it('reads one import at a time; the next waits its turn and then succeeds', async () => {
    const headers = await t.auth('btr.registrar');
    const rows = graduateRows(20, 9);
    // The first import holds the only slot while its body is still arriving.
    const body = JSON.stringify({ graduates: rows.slice(0, 10) });
    const first = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/graduation-decisions/${decisionId}/graduates?dryRun=true`,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        authorization: headers.Authorization,
      },
    });
    const firstDone = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      first.on('error', reject);
    });
    first.write(body.slice(0, 20));
    await new Promise((r) => setTimeout(r, 300));

    let secondSettled = false;
    const second = t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(headers)
      .send({ graduates: rows.slice(10) })
      .then((res) => ((secondSettled = true), res));
    await new Promise((r) => setTimeout(r, 700));
    expect(secondSettled).toBe(false);

    first.end(body.slice(20));
    expect(await firstDone).toBe(200);
    const res = await second;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 10 });
  });

  it('other routes are not held up by a waiting import', async () => {
    const { Authorization: authorization } = await t.auth('btr.registrar');
    const { req, response } = openUpload({ authorization });
    await new Promise((r) => setTimeout(r, 200));
    const res = await t.http.get(`/api/v1/graduation-decisions/${decisionId}`).set({ authorization });
    expect(res.status).toBe(200);
    req.destroy();
    await response.catch(() => undefined);
  });
});
