import { startTestApp, type TestApp } from '../support/test-app';

describe('smoke: health, metrics, portal, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /health answers ok with the database', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /health answers 503 SERVICE_UNAVAILABLE when the database is gone', async () => {
    const other = await startTestApp({ template: 'empty' });
    await other.running.dataSource.destroy();
    const res = await other.http.get('/health');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    await other.close();
  });

  // Two apps in one process (as here) must not share passport strategies.
  it('a demo user signs in (after another app in this process was shut down)', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'btr.registrar', password: 'demo-2026-VBCC' })
      .expect(200);
    expect(res.body.user).toEqual({ username: 'btr.registrar', orgCode: 'SGD-BTR', roles: ['registrar'] });
  });

  it('GET /metrics is Prometheus text and needs METRICS_TOKEN when one is set', async () => {
    await t.http.get('/health').expect(200);
    const denied = await t.http.get('/metrics');
    expect({ status: denied.status, code: denied.body.code }).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    const res = await t.http
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-0123456789')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^# HELP http_request_duration_seconds/m);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('every response carries a request id, echoed in error bodies; a sane incoming id is kept', async () => {
    const res = await t.http.get('/api/v1/orgs').set('X-Request-Id', 'client-req-12345678');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('client-req-12345678');
    expect(res.body.requestId).toBe('client-req-12345678');
    const bad = await t.http.get('/nope').set('X-Request-Id', 'x');
    expect(bad.body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: 'No such route',
      requestId: bad.headers['x-request-id'],
    });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the portal home in Vietnamese with a strict Content-Security-Policy', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.text).toContain('<html lang="vi">');
    expect(res.text).toContain('văn bằng, chứng chỉ');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('the first start created the ministry root even without demo data', async () => {
    const other = await startTestApp({
      template: 'empty',
      env: { BOOTSTRAP_ADMIN_PASSWORD: 'First-root-pass-2026' },
    });
    try {
      const login = await other.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: 'First-root-pass-2026' })
        .expect(200);
      expect(login.body.user).toEqual({ username: 'admin', orgCode: 'BGDDT', roles: ['admin'] });
      const orgs = await other.http
        .get('/api/v1/orgs')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(orgs.body.items.map((o: { code: string }) => o.code)).toEqual(['BGDDT']);
      const audit = await other.http
        .get('/api/v1/audit?action=user.create')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        actorKind: 'system',
        targetType: 'user',
        details: { username: 'admin' },
      });
    } finally {
      await other.close();
    }
  });
});
