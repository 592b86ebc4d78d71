import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/with-database';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { isAlive, postmasterPid, spawnServer, waitHealthy } from '../support/spawned-app';

jest.setTimeout(180_000);

/**
 * Issue acceptance 1: with no DATABASE_URL, the server starts its own PostgreSQL under the data
 * folder, is healthy within 60 s the first time and 15 s afterwards, demo users sign in, Ctrl-C
 * stops PostgreSQL cleanly and the next start reuses the data.
 */
describe('start-up on the embedded PostgreSQL (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vbcc-start-'));
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    port = await freePort();
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO_DATA: '1',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = (username: string) =>
    fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });

  const countOrgs = async (token: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/orgs?limit=200`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { items: unknown[] }).items.length;
  };

  let orgsFirstRun = 0;

  it('first start: healthy within 60 s, demo users sign in, SIGINT stops PostgreSQL cleanly', async () => {
    const s = spawnServer(env);
    const ms = await waitHealthy(port, 60_000, s);
    expect(ms).toBeLessThan(60_000);
    const res = await signIn('bo.admin');
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { accessToken: string }).accessToken;
    orgsFirstRun = await countOrgs(token);
    expect(orgsFirstRun).toBeGreaterThanOrEqual(20);
    const pg = postmasterPid(dataDir);
    expect(pg && isAlive(pg)).toBe(true);

    s.proc.kill('SIGINT');
    expect(await s.exited).toBe(0);
    expect(isAlive(pg!)).toBe(false);
    expect(postmasterPid(dataDir)).toBeNull(); // a clean shutdown removes the lock file
  });

  it('second start reuses the data: healthy within 15 s, nothing seeded twice', async () => {
    const s = spawnServer(env);
    const ms = await waitHealthy(port, 15_000, s);
    expect(ms).toBeLessThan(15_000);
    const res = await signIn('bo.admin');
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { accessToken: string }).accessToken;
    expect(await countOrgs(token)).toBe(orgsFirstRun);
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('after a SIGKILL (PostgreSQL left running), the next start takes over and serves the same data', async () => {
    const s = spawnServer(env);
    await waitHealthy(port, 15_000, s);
    s.proc.kill('SIGKILL');
    await s.exited;
    const orphan = postmasterPid(dataDir);
    expect(orphan && isAlive(orphan)).toBe(true);

    const s2 = spawnServer(env);
    await waitHealthy(port, 30_000, s2);
    expect(isAlive(orphan!)).toBe(false);
    expect((await signIn('btr.registrar')).status).toBe(200);
    s2.proc.kill('SIGINT');
    expect(await s2.exited).toBe(0);
  });

  it('refuses to start with bad configuration and lists every bad variable', async () => {
    const s = spawnServer({
      ...env,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://nope',
      TOKEN_TTL_SECONDS: '5',
      BOOTSTRAP_ADMIN_PASSWORD: 'admin12',
    });
    expect(await s.exited).toBe(78);
    const out = s.output();
    for (const v of ['PORT', 'DATABASE_URL', 'TOKEN_TTL_SECONDS', 'BOOTSTRAP_ADMIN_PASSWORD'])
      expect(out).toContain(`${v}:`);
    expect(out).toContain('Start refused');
  });
});
