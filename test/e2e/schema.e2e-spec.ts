import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { OPENAPI_PATH, serialiseOpenApi } from '../../scripts/generate-openapi';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { buildOpenApi } from '../../src/http-setup';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { startTestApp, type TestApp } from '../support/test-app';

/** A column of each append-only table to try an UPDATE on (default: id). */
const COLUMN: Record<string, string> = { log_leaves: 'entry_id', log_nodes: 'hash', log_checkpoints: 'note' };

describe('schema, migrations and the published contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.running.app.get(TransparencyService).integrate(); // leaves, nodes and checkpoints exist
    // so that every append-only table has a row for the row-level triggers to guard
    await t.http
      .post('/api/v1/custody/assignments')
      .set(await t.auth('btr.admin'))
      .send({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the entities match the migrations (generating a migration would produce nothing)', async () => {
    const ds = new DataSource(dataSourceOptions(t.dbUrl, 1));
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('synchronize is off', () => {
    expect(dataSourceOptions('postgres://x/y').synchronize).toBe(false);
    expect(t.running.dataSource.options.synchronize).toBe(false);
  });

  it.each([
    'audit_events',
    'settings',
    'custody_assignments',
    'organisation_successions',
    'log_entries',
    'log_leaves',
    'log_nodes',
    'log_checkpoints',
    'outbox_events',
  ])('%s is append-only at the database level (UPDATE, DELETE and TRUNCATE fail)', async (table) => {
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    expect(Number(n)).toBeGreaterThan(0);
    await expect(
      t.sql(`UPDATE ${table} SET created_at = created_at`.replace(/created_at/g, COLUMN[table] ?? 'id')),
    ).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
    const [{ n: after }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    expect(after).toBe(n);
  });

  it('organisations are never deleted or edited; only valid_to may be set, once (ORG-1)', async () => {
    await expect(t.sql(`DELETE FROM organisations WHERE code = 'THCS-BTR-MOCAY'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.sql(`UPDATE organisations SET name_vi = 'Khác' WHERE code = 'THCS-BTR-MOCAY'`),
    ).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE organisations CASCADE`)).rejects.toThrow(/append-only/);
    await expect(
      t.sql(`UPDATE organisations SET valid_to = '2030-01-01' WHERE code = 'PGD-BTR-CHAUTHANH'`),
    ).rejects.toThrow(/append-only/);
    await t.sql(`UPDATE organisations SET valid_to = '2030-01-01' WHERE code = 'THCS-BTR-MOCAY'`);
    const [row] = await t.sql<{ valid_to: string }>(
      `SELECT valid_to::text FROM organisations WHERE code = 'THCS-BTR-MOCAY'`,
    );
    expect(row.valid_to).toBe('2030-01-01');
  });

  it('docs/openapi.json is what the app serves (run `npm run openapi` after changing the API)', async () => {
    const served = await t.http.get('/api/docs-json').expect(200);
    const built = serialiseOpenApi(buildOpenApi(t.running.app as NestExpressApplication));
    expect(serialiseOpenApi(served.body)).toBe(built);
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(built);
  });

  it('the OpenAPI document covers every contract path of this stage', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, unknown> };
    for (const p of [
      '/health',
      '/api/v1/auth/login',
      '/api/v1/orgs',
      '/api/v1/orgs/{code}',
      '/api/v1/users',
      '/api/v1/credential-types',
      '/api/v1/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('Swagger UI is served at /api/docs', async () => {
    const res = await t.http.get('/api/docs/').expect(200);
    expect(res.text).toContain('swagger');
  });
});
