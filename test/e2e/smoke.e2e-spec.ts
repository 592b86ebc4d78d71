import { startTestApp, type TestApp } from '../support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /health answers ok with the database', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('a demo user signs in', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'btr.registrar', password: 'demo-2026-VBCC' })
      .expect(200);
    expect(res.body.user).toEqual({ username: 'btr.registrar', orgCode: 'SGD-BTR', roles: ['registrar'] });
  });
});
