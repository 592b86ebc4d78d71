import { randomUUID } from 'node:crypto';
import { OrgsRepository } from '../../src/orgs/orgs.repository';
import { PrintingRepository } from '../../src/printing/printing.repository';
import { RegisterRepository } from '../../src/register/register.repository';
import { SigningKeysRepository } from '../../src/signing/signing-keys.repository';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Lists of ids go to PostgreSQL as one array parameter (`= ANY(:ids)`), not one parameter each
 * (`IN (:...ids)`): the protocol allows 65,535 parameters, and a ministry-wide subtree or a province's
 * graduation batch can hold more ids than that.
 */
describe('repository lookups by long lists of ids', () => {
  let t: TestApp;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    ids = Array.from({ length: 70_000 }, () => randomUUID());
  });
  afterAll(async () => {
    await t.close();
  });

  it('70,000 ids, one of them real, in every repository method that takes a list', async () => {
    const [org] = await t.sql<{ id: string }>(`SELECT id FROM organisations ORDER BY code LIMIT 1`);
    const app = t.running.app;
    await expect(app.get(OrgsRepository).findByIds([...ids, org.id])).resolves.toEqual([
      expect.objectContaining({ id: org.id }),
    ]);
    await expect(app.get(PrintingRepository).entriesByIds(ids)).resolves.toEqual([]);
    await expect(app.get(PrintingRepository).decisionsByIds(ids)).resolves.toEqual(new Map());
    await expect(app.get(RegisterRepository).decisionsOfSchools(ids, null, 10)).resolves.toEqual([]);
    await expect(app.get(RegisterRepository).booksOfIssuers(ids)).resolves.toEqual([]);
    const [root] = await t.sql<{ org_id: string }>(
      `SELECT org_id FROM signing_keys WHERE purpose = 'issuer' AND retired_at IS NULL LIMIT 1`,
    );
    const keys = await app.get(SigningKeysRepository).findActiveIssuerKeys([...ids, root.org_id]);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.orgId === root.org_id)).toBe(true);
  });
});
