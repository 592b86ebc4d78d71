import { JwtService } from '@nestjs/jwt';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { TEST_JWT_SECRET } from '../support/test-env';
import { startTestApp, type TestApp } from '../support/test-app';

const LOCKOUT_SECONDS = 3;

describe('sign-in, lock-out, tokens and API keys', () => {
  let t: TestApp;
  const secretsSeen: string[] = [DEMO_PASSWORD];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS) } });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  it('signs in with the contract shape; passwords are stored as scrypt hashes', async () => {
    const res = await login('btr.signer', DEMO_PASSWORD).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      user: { username: 'btr.signer', orgCode: 'SGD-BTR', roles: ['signer'] },
    });
    secretsSeen.push(res.body.accessToken);
    const ttl = new Date(res.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(800_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    const [row] = await t.sql<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'btr.signer'`,
    );
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(row.password_hash).not.toContain(DEMO_PASSWORD);
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ kind: 'user', username: 'btr.signer', orgCode: 'SGD-BTR' });
  });

  it('usernames are case-insensitive; unknown users and wrong passwords give the same answer', async () => {
    await login('BTR.Signer', DEMO_PASSWORD).expect(200);
    const unknown = await login('nobody.here', 'Whatever-123');
    const wrong = await login('btr.printer', 'Wrong-password-1');
    secretsSeen.push('Whatever-123', 'Wrong-password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('five wrong passwords lock the account (ACCOUNT_LOCKED, Retry-After), even for the right password; the lock expires', async () => {
    const codes: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const pw = `Guess-number-${i}`;
      secretsSeen.push(pw);
      const res = await login('thcs.phutuc', pw);
      codes.push(`${res.status} ${res.body.code}`);
    }
    expect(codes).toEqual([
      '401 INVALID_CREDENTIALS',
      '401 INVALID_CREDENTIALS',
      '401 INVALID_CREDENTIALS',
      '401 INVALID_CREDENTIALS',
      '423 ACCOUNT_LOCKED',
    ]);
    const locked = await login('thcs.phutuc', DEMO_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(locked.body.details.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    expect(new Date(locked.body.details.lockedUntil).getTime()).toBeGreaterThan(Date.now());

    await new Promise((r) => setTimeout(r, LOCKOUT_SECONDS * 1000 + 200));
    await login('thcs.phutuc', DEMO_PASSWORD).expect(200);
  });

  it('the audit log shows every sign-in attempt with its reason, to auditors of the subtree', async () => {
    const res = await t.http
      .get('/api/v1/audit?action=auth.login&limit=200')
      .set(await t.auth('btr.auditor'))
      .expect(200);
    const mine = (
      res.body.items as {
        actorName: string;
        outcome: string;
        details: { reason?: string };
        requestId: string;
        clientIp: string;
      }[]
    ).filter((e) => e.actorName === 'thcs.phutuc');
    const reasons = mine.filter((e) => e.outcome === 'failure').map((e) => e.details.reason);
    expect(reasons.filter((r) => r === 'badPassword')).toHaveLength(5);
    expect(reasons).toContain('locked');
    expect(mine.some((e) => e.outcome === 'success')).toBe(true);
    expect(mine.every((e) => e.requestId && e.clientIp)).toBe(true);
    // the unknown user's attempt is visible to the ministry's auditor, not to a province's
    const bo = await t.http
      .get('/api/v1/audit?action=auth.login&outcome=failure&limit=200')
      .set(await t.auth('bo.auditor'))
      .expect(200);
    expect((bo.body.items as { actorName: string }[]).some((e) => e.actorName === 'nobody.here')).toBe(true);
    expect(mine.some((e) => e.actorName === 'nobody.here')).toBe(false);
  });

  it('an admin can unlock a locked account', async () => {
    for (let i = 0; i < 5; i++) await login('hpg.registrar', `Nope-nope-${i}`);
    await login('hpg.registrar', DEMO_PASSWORD).expect(423);
    const res = await t.http
      .post('/api/v1/users/hpg.registrar/unlock')
      .set(await t.auth('hpg.admin'))
      .expect(200);
    expect(res.body.lockedUntil).toBeNull();
    await login('hpg.registrar', DEMO_PASSWORD).expect(200);
  });

  it('expired, forged and malformed tokens are refused', async () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const [u] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'btr.registrar'`);
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await jwt.signAsync({ sub: u.id, typ: 'access', iat: past - 900, exp: past });
    const forged = await new JwtService({ secret: 'another-secret-of-enough-length-000000' }).signAsync({
      sub: u.id,
      typ: 'access',
    });
    const res1 = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`);
    const res2 = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`);
    const res3 = await t.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc');
    expect([res1.body.code, res2.body.code, res3.body.code]).toEqual([
      'TOKEN_EXPIRED',
      'TOKEN_INVALID',
      'TOKEN_INVALID',
    ]);
    expect([res1.status, res2.status, res3.status]).toEqual([401, 401, 401]);
  });

  it('changing the password invalidates earlier tokens; a weak new password is refused', async () => {
    const old = await t.token('btr.printer');
    await new Promise((r) => setTimeout(r, 1100)); // JWT iat has one-second resolution
    const weak = await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${old}`)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'short1' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');
    const newPassword = 'New-Printer-Pass-2027';
    secretsSeen.push(newPassword);
    await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${old}`)
      .send({ currentPassword: DEMO_PASSWORD, newPassword })
      .expect(204);
    const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${old}`);
    expect(res.body.code).toBe('TOKEN_INVALID');
    await login('btr.printer', newPassword).expect(200);
  });

  it('a disabled account cannot sign in and its tokens stop working', async () => {
    const token = await t.token('btr.registrar');
    await t.http
      .post('/api/v1/users/btr.registrar/disable')
      .set(await t.auth('btr.admin'))
      .expect(200);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    expect({ status: me.status, code: me.body.code }).toEqual({ status: 403, code: 'ACCOUNT_DISABLED' });
    const res = await login('btr.registrar', DEMO_PASSWORD);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    await t.http
      .post('/api/v1/users/btr.registrar/enable')
      .set(await t.auth('btr.admin'))
      .expect(200);
    await login('btr.registrar', DEMO_PASSWORD).expect(200);
  });

  it('API keys: shown once, stored hashed, work as X-Api-Key with their roles, stop working when revoked', async () => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set(await t.auth('bo.admin'))
      .send({ name: 'CSDL quốc gia', roles: ['sync'] })
      .expect(201);
    const apiKey: string = created.body.apiKey;
    secretsSeen.push(apiKey);
    expect(apiKey).toMatch(/^vbcc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = apiKey.split('_').slice(2).join('_');
    const rows = await t.sql<{ secret_hash: string }>(`SELECT secret_hash FROM api_keys WHERE id = $1`, [
      created.body.id,
    ]);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].secret_hash).not.toContain(secret);

    const list = await t.http
      .get('/api/v1/api-keys')
      .set(await t.auth('bo.admin'))
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const me = await t.http.get('/api/v1/auth/me').set('X-Api-Key', apiKey).expect(200);
    expect(me.body).toMatchObject({
      kind: 'apiKey',
      name: 'CSDL quốc gia',
      orgCode: 'BGDDT',
      roles: ['sync'],
    });
    await t.http.get('/api/v1/orgs/SGD-BTR').set('X-Api-Key', apiKey).expect(200);
    const denied = await t.http.get('/api/v1/users').set('X-Api-Key', apiKey);
    expect(denied.body.code).toBe('FORBIDDEN');

    await t.http
      .post(`/api/v1/api-keys/${created.body.id}/revoke`)
      .set(await t.auth('bo.admin'))
      .expect(200);
    const revoked = await t.http.get('/api/v1/auth/me').set('X-Api-Key', apiKey);
    expect({ status: revoked.status, code: revoked.body.code }).toEqual({
      status: 401,
      code: 'API_KEY_INVALID',
    });
  });

  it('passwords, tokens and API keys never appear in the logs', () => {
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(20);
    expect(all).toContain('"event":"http.request"');
    for (const s of secretsSeen) expect(all).not.toContain(s);
    for (const s of [DEMO_PASSWORD, 'Bearer ']) expect(all).not.toContain(s);
  });
});
