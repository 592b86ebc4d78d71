import { createPublicKey, verify } from 'node:crypto';
import { keysCommand } from '../../src/cli/keys-command';
import { OrgsService } from '../../src/orgs/orgs.service';
import { SigningService } from '../../src/signing/signing.service';
import { startTestApp, type TestApp } from '../support/test-app';

// An independent RFC 8785 canonicaliser (strings, safe integers, booleans, null, arrays, objects).
const jcs = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(jcs).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${jcs((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

const ed25519 = (raw: string) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw, 'base64')]),
    format: 'der',
    type: 'spki',
  });

interface Listed {
  trustList: {
    root: { keyId: string; publicKey: string };
    keys: {
      keyId: string;
      ownerOrgCode: string;
      publicKey: string;
      validFrom: string;
      validTo: string | null;
      compromisedFrom: string | null;
      coversSubtree: boolean;
    }[];
    issuers: { code: string; nameVi: string; nameEn: string; keyIds: string[]; dissolvedOn: string | null }[];
  };
  signature: { keyId: string; value: string; canonicalization: string };
}

describe('signing keys and the trust list (ARCHITECTURE §5)', () => {
  let t: TestApp;
  const fetchList = async () => {
    const res = await t.http.get('/.well-known/vbcc/trust-list.json').expect(200);
    return { body: res.body as Listed, etag: res.headers.etag };
  };
  const rootKeyFromDb = async () =>
    (await t.sql<{ public_key: Buffer }>(`SELECT public_key FROM signing_keys WHERE purpose = 'root'`))[0]
      .public_key;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is public, signed by the root key over its RFC 8785 form, and verifiable with node:crypto alone', async () => {
    const { body } = await fetchList();
    expect(body.signature.canonicalization).toBe('RFC 8785');
    expect(Buffer.from(body.trustList.root.publicKey, 'base64')).toEqual(await rootKeyFromDb());
    const message = Buffer.from(jcs(body.trustList), 'utf8');
    const root = ed25519(body.trustList.root.publicKey);
    expect(verify(null, message, root, Buffer.from(body.signature.value, 'base64'))).toBe(true);
    // One changed character of the list breaks the signature.
    const forged = { ...body.trustList, issuers: [{ ...body.trustList.issuers[0], nameVi: 'Giả mạo' }] };
    expect(verify(null, Buffer.from(jcs(forged)), root, Buffer.from(body.signature.value, 'base64'))).toBe(
      false,
    );
  });

  it('lists issuers with Vietnamese and English names and the keys that sign for them (a province covers its schools)', async () => {
    const { body } = await fetchList();
    const btr = body.trustList.keys.find((k) => k.ownerOrgCode === 'SGD-BTR')!;
    expect(btr).toMatchObject({ coversSubtree: true, validTo: null, compromisedFrom: null });
    expect(btr.keyId).toMatch(/^[0-9a-f]{8}$/);
    const school = body.trustList.issuers.find((i) => i.code === 'THPT-BTR-CHUYENBT')!;
    expect(school).toMatchObject({ nameVi: expect.stringContaining('Bến Tre'), keyIds: [btr.keyId] });
    expect(school.nameEn).toEqual(expect.any(String));
    // A dissolved district bureau stays listed: what it issued stays valid (ORG-1).
    expect(body.trustList.issuers.some((i) => i.dissolvedOn !== null)).toBe(true);
    // Nothing of another province's key applies here.
    const hpg = body.trustList.keys.find((k) => k.ownerOrgCode === 'SGD-HPG')!;
    expect(school.keyIds).not.toContain(hpg.keyId);
  });

  it('answers 304 to a matching If-None-Match, and changes its ETag when a key changes', async () => {
    const first = await fetchList();
    await t.http.get('/.well-known/vbcc/trust-list.json').set('If-None-Match', first.etag).expect(304);
    const signing = t.running.app.get(SigningService);
    const commune = await t.running.app.get(OrgsService).getByCode('XA-BTR-PHUTUC');
    await signing.createKey('issuer', commune.id);
    const second = await fetchList();
    expect(second.etag).not.toBe(first.etag);
    const own = second.body.trustList.keys.find((k) => k.ownerOrgCode === 'XA-BTR-PHUTUC')!;
    expect(second.body.trustList.issuers.find((i) => i.code === 'XA-BTR-PHUTUC')!.keyIds).toContain(
      own.keyId,
    );
    // The commune now signs with its own key; a school without one still uses the province's.
    expect((await signing.issuerKey(commune.path))!.row.keyId).toBe(own.keyId);
    const school = await t.running.app.get(OrgsService).getByCode('THPT-BTR-CHUYENBT');
    const btr = second.body.trustList.keys.find((k) => k.ownerOrgCode === 'SGD-BTR')!;
    expect((await signing.issuerKey(school.path))!.row.keyId).toBe(btr.keyId);
  });

  it('CLI: rotation retires the old key (still listed, with its end date); a compromise sets the distrust date', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      lines.push(String(s));
      return true;
    });
    try {
      expect(await keysCommand(t.running, ['rotate', 'issuer', 'SGD-HPG'])).toBe(0);
      const [, created, retired] = /created (\w+); retired (\w+)/.exec(lines.join(''))!;
      const { body } = await fetchList();
      const keys = body.trustList.keys.filter((k) => k.ownerOrgCode === 'SGD-HPG');
      expect(keys.map((k) => k.keyId).sort()).toEqual([created, retired].sort());
      expect(keys.find((k) => k.keyId === retired)!.validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(keys.find((k) => k.keyId === created)!).toMatchObject({ validTo: null, coversSubtree: true });

      expect(await keysCommand(t.running, ['compromise', created, '2026-11-20T00:00:00+07:00'])).toBe(0);
      const after = (await fetchList()).body.trustList.keys.find((k) => k.keyId === created)!;
      expect(after.compromisedFrom).toBe('2026-11-20');
      // A compromised key is retired too; retiring it again is refused.
      await expect(keysCommand(t.running, ['retire', created])).rejects.toMatchObject({
        code: 'KEY_RETIRED',
      });
      expect(await keysCommand(t.running, ['create', 'issuer', 'THPT-HPG-TRANPHU'])).toBe(0);
      const own = /created issuer\s+(\w+)/.exec(lines.join(''))![1];
      expect(await keysCommand(t.running, ['retire', own])).toBe(0);
      expect((await fetchList()).body.trustList.keys.find((k) => k.keyId === own)!.validTo).not.toBeNull();
      expect(await keysCommand(t.running, ['rotate', 'issuer'])).toBe(2); // usage
    } finally {
      spy.mockRestore();
    }
  });
});
