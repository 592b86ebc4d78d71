// The browser verifier of the /v page (public-portal/src), run in Node: Node 20 has the same WebCrypto
// (crypto.subtle with Ed25519), TextDecoder and BigInt the browser code uses.
//
// public-portal/src imports its modules with `.js` specifiers (ES modules in the browser). Jest's resolver
// does not map `./x.js` to `./x.ts`, so each module is registered here as a virtual module that loads the
// TypeScript source; the spec imports them through the same `.js` paths, so each is loaded once.
jest.mock('../../public-portal/src/jcs.js', () => jest.requireActual('../../public-portal/src/jcs.ts'), {
  virtual: true,
});
jest.mock(
  '../../public-portal/src/ed25519.js',
  () => jest.requireActual('../../public-portal/src/ed25519.ts'),
  {
    virtual: true,
  },
);
jest.mock(
  '../../public-portal/src/qr-decode.js',
  () => jest.requireActual('../../public-portal/src/qr-decode.ts'),
  {
    virtual: true,
  },
);
jest.mock('../../public-portal/src/trust.js', () => jest.requireActual('../../public-portal/src/trust.ts'), {
  virtual: true,
});
jest.mock(
  '../../public-portal/src/status.js',
  () => jest.requireActual('../../public-portal/src/status.ts'),
  {
    virtual: true,
  },
);
jest.mock('../../public-portal/src/i18n.js', () => jest.requireActual('../../public-portal/src/i18n.ts'), {
  virtual: true,
});
jest.mock(
  '../../public-portal/src/report.js',
  () => jest.requireActual('../../public-portal/src/report.ts'),
  {
    virtual: true,
  },
);
jest.mock(
  '../../public-portal/src/render.js',
  () => jest.requireActual('../../public-portal/src/render.ts'),
  {
    virtual: true,
  },
);

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ed25519Verify, keyIdOf } from '../../public-portal/src/ed25519.js';
import { msg } from '../../public-portal/src/i18n.js';
import { canonicalJson } from '../../public-portal/src/jcs.js';
import {
  decodeQrPayload,
  digitsToBytes,
  QrDecodeError,
  type QrRejectReason,
} from '../../public-portal/src/qr-decode.js';
import { buildReport, type PageState, type Report } from '../../public-portal/src/report.js';
import { interpretStatusAnswer, type StatusOutcome } from '../../public-portal/src/status.js';
import {
  checkPayload,
  loadTrustList,
  type TextStore,
  TRUST_LIST_CACHE_KEY,
  type TrustList,
  type TrustListIssuer,
  type TrustListKey,
  verifyTrustListText,
  windowCheck,
} from '../../public-portal/src/trust.js';
import { AppError } from '../common/errors/app-error';
import { canonicalJson as serverCanonicalJson } from '../common/json/canonical-json';
import { bytesToDigits } from '../qr/qr-digits';
import { dayNumber } from '../qr/qr-fields';
import {
  decodeQrPayload as serverDecode,
  encodeQrPayload,
  keyIdOf as serverKeyIdOf,
  type QrFields,
} from '../qr/qr-payload';
import { privateKeyFromSeed, rawPublicKey } from '../signing/ed25519';
import {
  canonicalText,
  craft,
  GOOD,
  QR_VECTORS,
  type QrVector,
  SIG,
  utf8Text,
} from '../../test/support/qr-doc';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

function reasonOf(digits: string): QrRejectReason | 'ok' {
  try {
    decodeQrPayload(digits);
    return 'ok';
  } catch (e) {
    if (e instanceof QrDecodeError) return e.reason;
    throw e;
  }
}

function serverReasonOf(digits: string): string {
  try {
    serverDecode(digits);
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return String(e.details?.reason);
    throw e;
  }
}

describe('docs/QR-FORMAT.md test vectors in the browser decoder', () => {
  it('finds the three vectors', () => {
    expect(QR_VECTORS).toHaveLength(3);
  });

  describe.each(QR_VECTORS.map((v) => [v.vector, v] as const))('%s', (_name, v) => {
    it('decodes to the documented fields, key id, message and signature', () => {
      const d = decodeQrPayload(v.payload);
      expect(d.fields).toStrictEqual(v.fields);
      expect(d.keyId).toBe(v.keyId);
      expect(hex(d.message)).toBe(v.signingMessage);
      expect(hex(d.signature)).toBe(v.signature);
    });

    it('verifies with its public key (WebCrypto Ed25519), and not with another', async () => {
      const d = decodeQrPayload(v.payload);
      expect(await keyIdOf(bytes(v.publicKey))).toBe(v.keyId);
      expect(await ed25519Verify(bytes(v.publicKey), d.message, d.signature)).toBe('valid');
      const other = QR_VECTORS.find((o) => o !== v)!;
      expect(await ed25519Verify(bytes(other.publicKey), d.message, d.signature)).toBe('invalid');
    });

    it('any one-digit change is a decode error or a failed signature', async () => {
      for (let i = 0; i < v.payload.length; i++) {
        const changed =
          v.payload.slice(0, i) + String((Number(v.payload[i]) + 1) % 10) + v.payload.slice(i + 1);
        let d;
        try {
          d = decodeQrPayload(changed);
        } catch (e) {
          expect(e).toBeInstanceOf(QrDecodeError);
          continue;
        }
        expect(await ed25519Verify(bytes(v.publicKey), d.message, d.signature)).toBe('invalid');
      }
    });
  });
});

describe('rejections', () => {
  const CASES: Record<QrRejectReason, string[]> = {
    encoding: ['12a', '1234', '256', '72057594037927936', ' 123', '١٢٣'],
    version: [craft({ version: 0 }), craft({ version: 2 })],
    truncated: [craft({ tail: SIG.subarray(0, 63) }), bytesToDigits(Buffer.from([1, 2, 0xa])), ''],
    trailing: [craft({ tail: Buffer.concat([SIG, Buffer.from([0])]) })],
    length: [
      craft({ issuer: [0x01] }),
      craft({ name: [0] }),
      craft({ issuer: canonicalText('A'.repeat(41)) }),
    ],
    utf8: [craft({ name: [4 << 1, 0x41, 0xff, 0xfe, 0x41] }), craft({ name: [3 << 1, 0xed, 0xa0, 0x80] })],
    nfc: [craft({ name: utf8Text('Nguye\u0302\u0303n') })],
    packed: [craft({ serial: [(3 << 1) | 1, 0xff, 0xff] }), craft({ serial: [(1 << 1) | 1, 40] })],
    type: [craft({ type: 0 }), craft({ type: 5 })],
    date: [craft({ born: dayNumber(GOOD.issuedOn, 'issuedOn') + 1 })],
    field: [craft({ issuer: canonicalText('SGD BTR') }), craft({ name: utf8Text('Lê\tVăn') })],
    noncanonical: [craft({ name: utf8Text('PHAM MINH KHOA') }), craft({ issuer: utf8Text('SGD-BTR') })],
  };

  it('the crafted base payload decodes', () => {
    expect(decodeQrPayload(craft({})).fields).toStrictEqual(GOOD);
  });

  it.each(Object.entries(CASES))('%s, with the same reason as the server decoder', (reason, inputs) => {
    for (const input of inputs) {
      expect(reasonOf(input)).toBe(reason);
      if (input !== '') expect(serverReasonOf(input)).toBe(reason);
    }
  });

  it('a UTF-8 body cut short is "truncated", as the document says', () => {
    const cut = craft({ name: [20 << 1, 0x41, 0x42], tail: Buffer.alloc(0) });
    expect(reasonOf(cut)).toBe('truncated');
    expect(serverReasonOf(cut)).toBe('truncated'); // the server said 'utf8' here until this test found it
  });

  it('keeps a leading U+FEFF as a character (no BOM stripping)', () => {
    expect(decodeQrPayload(craft({ name: utf8Text('\uFEFFLan') })).fields.fullName).toBe('\uFEFFLan');
  });

  it('digits ↔ bytes: fixed widths and range checks', () => {
    expect(hex(digitsToBytes('00282943209902260'))).toBe('010155d98490b4');
    expect(hex(digitsToBytes('72057594037927935'))).toBe('ffffffffffffff');
    expect(hex(digitsToBytes('255'))).toBe('ff');
    expect(() => digitsToBytes('72057594037927936')).toThrow(QrDecodeError);
  });

  it('agrees with the server decoder on mutated vectors (accept/reject, reason, fields)', () => {
    const payloads = QR_VECTORS.map((v) => Buffer.from(digitsToBytes(v.payload)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: payloads.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (which, edits, resize) => {
          let b = Buffer.from(payloads[which]);
          for (const [at, value] of edits) b[at % b.length] = value;
          b = resize < 0 ? b.subarray(0, b.length + resize) : Buffer.concat([b, Buffer.alloc(resize, 1)]);
          const digits = bytesToDigits(b);
          const mine = reasonOf(digits);
          const server = serverReasonOf(digits);
          expect(mine).toBe(server);
          if (mine === 'ok')
            expect(decodeQrPayload(digits).fields).toStrictEqual(serverDecode(digits).fields);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example) and escapes as JSON.stringify', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes nested values without whitespace, integers only', () => {
    expect(canonicalJson({ b: [1, true, null, { d: 'x\n"', c: -0 }], a: false })).toBe(
      '{"a":false,"b":[1,true,null,{"c":0,"d":"x\\n\\""}]}',
    );
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 2 ** 53 })).toThrow(TypeError);
  });

  it('matches the server serializer on arbitrary JSON (strings, integers, booleans, null)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value')),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
      ),
    })).value;
    fc.assert(fc.property(json, (v) => expect(canonicalJson(v)).toBe(serverCanonicalJson(v))));
  });
});

// --- trust lists signed in the test ---

interface TestKey {
  privateKey: KeyObject;
  raw: Buffer;
  keyId: string;
}
function newKey(): TestKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(privateKey);
  return { privateKey, raw, keyId: serverKeyIdOf(raw) };
}
function vectorKey(v: QrVector): TestKey {
  const privateKey = privateKeyFromSeed(Buffer.from(v.seed, 'hex'));
  return { privateKey, raw: Buffer.from(v.publicKey, 'hex'), keyId: v.keyId };
}
function listKey(k: TestKey, over: Partial<TrustListKey> = {}): TrustListKey {
  return {
    keyId: k.keyId,
    ownerOrgCode: 'SGD-BTR',
    algorithm: 'Ed25519',
    publicKey: k.raw.toString('base64'),
    validFrom: '2026-01-05',
    validTo: null,
    compromisedFrom: null,
    coversSubtree: true,
    ...over,
  };
}
function listIssuer(code: string, keyIds: string[]): TrustListIssuer {
  return {
    code,
    nameVi: `Trường ${code}`,
    nameEn: `School ${code}`,
    kind: 'school',
    parentCode: 'SGD-BTR',
    dissolvedOn: null,
    keyIds,
  };
}

const ROOT = newKey();
const ROOT_B64 = ROOT.raw.toString('base64');

/** The trust list as the server writes it, signed with the server's serializer and node:crypto; pretty-printed. */
function signedList(keys: TrustListKey[], issuers: TrustListIssuer[], root: TestKey = ROOT): string {
  const trustList: TrustList = {
    format: 'vbcc-trust-list',
    version: 1,
    publisher: 'https://vanbang.example.vn',
    issuedAt: '2026-11-25T10:00:00.000Z',
    root: { keyId: 'root-test', algorithm: 'Ed25519', publicKey: root.raw.toString('base64') },
    keys,
    issuers,
  };
  const value = sign(null, Buffer.from(serverCanonicalJson(trustList), 'utf8'), root.privateKey).toString(
    'base64',
  );
  return JSON.stringify(
    {
      trustList,
      signature: { algorithm: 'Ed25519', keyId: 'root-test', canonicalization: 'RFC 8785', value },
    },
    null,
    2,
  );
}

const VECTOR_LIST = signedList(
  QR_VECTORS.map((v) => listKey(vectorKey(v))),
  QR_VECTORS.map((v) => listIssuer(v.fields.issuerOrgCode, [v.keyId])),
);

async function verified(text: string): Promise<TrustList> {
  const v = await verifyTrustListText(text, ROOT_B64);
  if (!v.ok) throw new Error(`trust list: ${v.reason}`);
  return v.list;
}

describe('trust list verification', () => {
  it('a list signed with node:crypto over the server serializer verifies', async () => {
    const list = await verified(VECTOR_LIST);
    expect(list.keys).toHaveLength(3);
  });

  it('a modified list, another root, a wrong pinned key or garbage do not', async () => {
    const doc = JSON.parse(VECTOR_LIST);
    doc.trustList.issuers[0].nameVi = 'Trường giả';
    expect(await verifyTrustListText(JSON.stringify(doc), ROOT_B64)).toStrictEqual({
      ok: false,
      reason: 'signature',
    });

    const forged = JSON.parse(VECTOR_LIST);
    forged.trustList.keys[0].compromisedFrom = '2026-01-01';
    expect((await verifyTrustListText(JSON.stringify(forged), ROOT_B64)).ok).toBe(false);

    const other = newKey();
    const byOther = signedList([], [], other);
    expect(await verifyTrustListText(byOther, ROOT_B64)).toStrictEqual({ ok: false, reason: 'rootKey' });
    // The list names the pinned key but another key signed it.
    const lying = JSON.parse(byOther);
    lying.trustList.root.publicKey = ROOT_B64;
    expect(await verifyTrustListText(JSON.stringify(lying), ROOT_B64)).toStrictEqual({
      ok: false,
      reason: 'signature',
    });
    expect(await verifyTrustListText(VECTOR_LIST, other.raw.toString('base64'))).toStrictEqual({
      ok: false,
      reason: 'rootKey',
    });
    expect(await verifyTrustListText('{not json', ROOT_B64)).toStrictEqual({ ok: false, reason: 'format' });
    const float = JSON.parse(VECTOR_LIST);
    float.trustList.version = 1.5;
    expect(await verifyTrustListText(JSON.stringify(float), ROOT_B64)).toStrictEqual({
      ok: false,
      reason: 'format',
    });
  });

  describe('loading: network first, then the saved copy', () => {
    const memory = (): TextStore & { data: Map<string, string> } => {
      const data = new Map<string, string>();
      return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    };
    const now = () => new Date('2026-12-01T03:04:05.000Z');
    const down = () => Promise.reject(new TypeError('Failed to fetch'));

    it('saves a verified network copy with its fetch time, and uses it when the network is down', async () => {
      const store = memory();
      const first = await loadTrustList({
        fetchText: async () => VECTOR_LIST,
        rootKey: ROOT_B64,
        store,
        now,
      });
      expect(first).toMatchObject({ ok: true, source: 'network' });
      expect(JSON.parse(store.data.get(TRUST_LIST_CACHE_KEY)!)).toStrictEqual({
        savedAt: '2026-12-01T03:04:05.000Z',
        text: VECTOR_LIST,
      });
      const offline = await loadTrustList({ fetchText: down, rootKey: ROOT_B64, store });
      expect(offline).toMatchObject({ ok: true, source: 'cache', savedAt: '2026-12-01T03:04:05.000Z' });
    });

    it('re-verifies the saved copy; none usable is "unavailable"', async () => {
      const store = memory();
      expect(await loadTrustList({ fetchText: down, rootKey: ROOT_B64, store })).toStrictEqual({
        ok: false,
        reason: 'unavailable',
      });
      store.setItem(
        TRUST_LIST_CACHE_KEY,
        JSON.stringify({ savedAt: 'x', text: VECTOR_LIST.replace('Trường', 'Truong') }),
      );
      expect(await loadTrustList({ fetchText: down, rootKey: ROOT_B64, store })).toStrictEqual({
        ok: false,
        reason: 'unavailable',
      });
      const throwing: TextStore = {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      };
      expect(
        await loadTrustList({ fetchText: async () => VECTOR_LIST, rootKey: ROOT_B64, store: throwing }),
      ).toMatchObject({ ok: true, source: 'network' });
    });

    it('a network copy that does not verify is not saved; a saved copy is used instead', async () => {
      const store = memory();
      await loadTrustList({ fetchText: async () => VECTOR_LIST, rootKey: ROOT_B64, store, now });
      const tampered = VECTOR_LIST.replace('Trường', 'Truong');
      const r = await loadTrustList({ fetchText: async () => tampered, rootKey: ROOT_B64, store });
      expect(r).toMatchObject({ ok: true, source: 'cache', networkFailure: 'signature' });
      expect(JSON.parse(store.data.get(TRUST_LIST_CACHE_KEY)!).text).toBe(VECTOR_LIST);
      expect(
        await loadTrustList({ fetchText: async () => tampered, rootKey: ROOT_B64, store: null }),
      ).toStrictEqual({
        ok: false,
        reason: 'signature',
      });
    });
  });
});

describe('key, issuer and window checks (steps 3–6)', () => {
  const v = QR_VECTORS[0];
  const qr = decodeQrPayload(v.payload);
  const signedOn = v.fields.signedOn; // 2026-07-21
  const key = vectorKey(v);
  const trustOf = async (keys: TrustListKey[], issuers = [listIssuer(v.fields.issuerOrgCode, [v.keyId])]) =>
    checkPayload(qr, await verified(signedList(keys, issuers)));

  it('windowCheck: validFrom ≤ signedOn ≤ validTo, signedOn < compromisedFrom', () => {
    const k = listKey(key, { validFrom: '2026-07-21', validTo: '2026-07-21' });
    expect(windowCheck(k, signedOn)).toStrictEqual({ ok: true });
    expect(windowCheck(k, '2026-07-20')).toStrictEqual({
      ok: false,
      reason: 'notYetValid',
      date: '2026-07-21',
    });
    expect(windowCheck(k, '2026-07-22')).toStrictEqual({ ok: false, reason: 'expired', date: '2026-07-21' });
    const c = listKey(key, { compromisedFrom: '2026-07-22' });
    expect(windowCheck(c, '2026-07-21')).toStrictEqual({ ok: true });
    expect(windowCheck(c, '2026-07-22')).toStrictEqual({
      ok: false,
      reason: 'compromised',
      date: '2026-07-22',
    });
  });

  it('all steps pass for the vector key and its issuer', async () => {
    const t = await trustOf([listKey(key)]);
    expect(t).toMatchObject({
      keyFound: true,
      issuerAllows: true,
      window: { ok: true },
      signature: 'valid',
      valid: true,
    });
    expect(t.issuer?.code).toBe(v.fields.issuerOrgCode);
  });

  it.each([
    [{ validFrom: '2026-07-22' }, 'notYetValid'],
    [{ validTo: '2026-07-20' }, 'expired'],
    [{ compromisedFrom: '2026-07-21' }, 'compromised'],
    [{ compromisedFrom: '2026-07-20' }, 'compromised'],
  ])('a key window %o fails as %s although the signature verifies', async (over, reason) => {
    const t = await trustOf([listKey(key, over)]);
    expect(t).toMatchObject({ window: { ok: false, reason }, signature: 'valid', valid: false });
  });

  it('a key compromised after signedOn leaves the diploma valid', async () => {
    expect((await trustOf([listKey(key, { compromisedFrom: '2026-07-22' })])).valid).toBe(true);
  });

  it("the issuer's keyIds must contain the key id; an unlisted issuer fails", async () => {
    const notListed = await trustOf([listKey(key)], [listIssuer(v.fields.issuerOrgCode, ['00000000'])]);
    expect(notListed).toMatchObject({ issuerAllows: false, signature: 'valid', valid: false });
    const noIssuer = await trustOf([listKey(key)], [listIssuer('OTHER-ORG', [v.keyId])]);
    expect(noIssuer).toMatchObject({ issuer: null, issuerAllows: false, valid: false });
  });

  it('a key id whose listed public key does not hash to it is ignored; every match is tried', async () => {
    const impostor = newKey();
    const fake = listKey(impostor, { keyId: v.keyId });
    expect(await trustOf([fake])).toMatchObject({
      keyFound: false,
      window: null,
      signature: null,
      valid: false,
    });
    expect(await trustOf([])).toMatchObject({ keyFound: false, valid: false });
    expect((await trustOf([fake, listKey(key)])).valid).toBe(true);
  });

  it('a signature by another key under the same key id fails', async () => {
    const impostor = newKey();
    const forged = encodeQrPayload(v.fields, v.keyId, (m) => sign(null, m, impostor.privateKey));
    const list = await verified(signedList([listKey(key)], [listIssuer(v.fields.issuerOrgCode, [v.keyId])]));
    expect(await checkPayload(decodeQrPayload(forged), list)).toMatchObject({
      keyFound: true,
      signature: 'invalid',
      valid: false,
    });
  });

  it('a browser without Ed25519 gets "unsupported", not a failure', async () => {
    const spy = jest
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    try {
      expect(await ed25519Verify(new Uint8Array(key.raw), qr.message, qr.signature)).toBe('unsupported');
      expect(await verifyTrustListText(VECTOR_LIST, ROOT_B64)).toStrictEqual({
        ok: false,
        reason: 'unsupported',
      });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('registry status answers', () => {
  const diploma = (over: Record<string, unknown>) => ({
    credentialType: 'THPT',
    fullName: 'x',
    dateOfBirth: '2008-09-14',
    serialNumber: null,
    registerEntryNumber: '1',
    issuer: { code: 'A', nameVi: 'A', nameEn: 'A' },
    issuedOn: '2026-07-20',
    status: 'valid',
    hasCorrections: false,
    ...over,
  });
  const ok = (body: unknown) => ({ status: 200, retryAfter: null, text: JSON.stringify(body) });

  it('reads match/valid, revoked, replaced with decisions and corrections, and noMatch', () => {
    expect(interpretStatusAnswer(ok({ result: 'match', checks: [], diploma: diploma({}) }))).toStrictEqual({
      kind: 'valid',
      detail: null,
      corrected: false,
      corrections: [],
    });
    const revoked = diploma({
      status: 'revoked',
      statusDetail: {
        kind: 'revocation',
        decisionNo: '12/QĐ-SGDĐT',
        decidedOn: '2026-10-01',
        publicNote: 'gian lận',
      },
      hasCorrections: true,
      corrections: [{ decisionNo: '7/QĐ', decidedOn: '2026-08-01' }],
    });
    expect(interpretStatusAnswer(ok({ result: 'match', checks: [], diploma: revoked }))).toStrictEqual({
      kind: 'revoked',
      detail: {
        kind: 'revocation',
        decisionNo: '12/QĐ-SGDĐT',
        decidedOn: '2026-10-01',
        publicNote: 'gian lận',
      },
      corrected: true,
      corrections: [{ decisionNo: '7/QĐ', decidedOn: '2026-08-01' }],
    });
    expect(interpretStatusAnswer(ok({ result: 'noMatch', checks: [] }))).toStrictEqual({ kind: 'noMatch' });
  });

  it('429 is rate limited with Retry-After; anything else unexpected is "unavailable"', () => {
    expect(interpretStatusAnswer({ status: 429, retryAfter: '42', text: '' })).toStrictEqual({
      kind: 'rateLimited',
      retryAfterSeconds: 42,
    });
    expect(
      interpretStatusAnswer(
        { status: 429, retryAfter: 'Tue, 01 Dec 2026 00:01:00 GMT', text: '' },
        new Date('2026-12-01T00:00:00Z'),
      ),
    ).toStrictEqual({ kind: 'rateLimited', retryAfterSeconds: 60 });
    expect(interpretStatusAnswer({ status: 500, retryAfter: null, text: '{}' })).toStrictEqual({
      kind: 'unavailable',
      httpStatus: 500,
    });
    expect(interpretStatusAnswer({ status: 200, retryAfter: null, text: '<html>' })).toMatchObject({
      kind: 'unavailable',
    });
    expect(interpretStatusAnswer(ok({ result: 'match', diploma: diploma({ status: 'odd' }) }))).toMatchObject(
      {
        kind: 'unavailable',
      },
    );
  });
});

describe('report (what the page says)', () => {
  const v = QR_VECTORS[1]; // no serial
  const qr = decodeQrPayload(v.payload);
  const decoded = async (status: StatusOutcome | null, lang: 'vi' | 'en' = 'vi'): Promise<Report> => {
    const list = await verified(VECTOR_LIST);
    const state: PageState = {
      kind: 'decoded',
      qr,
      trust: { ok: true, list, source: 'network' },
      trusted: await checkPayload(qr, list),
      status,
    };
    return buildReport(lang, state);
  };

  it('lists the signed fields with dates as dd/mm/yyyy, the type and issuer names, no serial', async () => {
    const r = await decoded({ kind: 'valid', detail: null, corrected: false, corrections: [] });
    expect(Object.fromEntries(r.fields.map((f) => [f.label, f.value]))).toStrictEqual({
      'Họ và tên': 'Lê Thị Ngọc Ánh',
      'Ngày sinh': '28/02/2011',
      'Loại văn bằng': 'Bằng tốt nghiệp trung học cơ sở',
      'Số hiệu': 'không có (văn bằng số)',
      'Số vào sổ gốc cấp văn bằng': '45/THCS/2026',
      'Đơn vị cấp': 'Trường PGD-BTR-CHAUTHANH (PGD-BTR-CHAUTHANH)',
      'Ngày cấp': '15/06/2026',
      'Ngày ký mã QR': '15/06/2026',
    });
    expect(r.verdict).toBe('Văn bằng hợp lệ, đúng với sổ gốc');
    expect(r.banner).toBe('status-valid');
    expect(r.checks.map((c) => [c.id, c.state])).toStrictEqual([
      ['format', 'pass'],
      ['trustList', 'pass'],
      ['key', 'pass'],
      ['issuer', 'pass'],
      ['window', 'pass'],
      ['signature', 'pass'],
      ['status', 'pass'],
    ]);
    const en = await decoded({ kind: 'valid', detail: null, corrected: false, corrections: [] }, 'en');
    expect(en.verdict).toBe('Valid: matches the register');
    expect(en.fields.map((f) => f.value)).toContain('Lower secondary school diploma');
    expect(en.fields.map((f) => f.value)).toContain('none (digital-only)');
    expect(en.fields.map((f) => f.value)).toContain('School PGD-BTR-CHAUTHANH (PGD-BTR-CHAUTHANH)');
  });

  it('revoked and replaced: the verdict, the banner and the decision', async () => {
    const revoked = await decoded({
      kind: 'revoked',
      detail: { kind: 'revocation', decisionNo: '12/QĐ', decidedOn: '2026-10-01', publicNote: 'gian lận' },
      corrected: false,
      corrections: [],
    });
    expect([revoked.verdict, revoked.banner]).toStrictEqual(['Văn bằng đã bị thu hồi', 'status-bad']);
    expect(revoked.details).toStrictEqual([
      'Quyết định thu hồi số 12/QĐ ngày 01/10/2026',
      'Ghi chú: gian lận',
    ]);
    expect(revoked.checks.at(-1)).toMatchObject({ id: 'status', state: 'fail' });
    const replaced = await decoded(
      {
        kind: 'replaced',
        detail: { kind: 'reissue', decisionNo: '3/QĐ', decidedOn: '2026-11-02', publicNote: null },
        corrected: false,
        corrections: [],
      },
      'en',
    );
    expect([replaced.verdict, replaced.banner]).toStrictEqual(['Re-issued (replaced)', 'status-warn']);
    expect(replaced.details).toStrictEqual(['Re-issue decision no. 3/QĐ of 02/11/2026']);
  });

  it('corrections, noMatch, 429 and an unreachable registry', async () => {
    const corrected = await decoded({
      kind: 'valid',
      detail: null,
      corrected: true,
      corrections: [{ decisionNo: '9/QĐ', decidedOn: '2026-09-09' }],
    });
    expect(corrected.details).toStrictEqual(['Đã chỉnh sửa theo quyết định số 9/QĐ ngày 09/09/2026']);
    const noMatch = await decoded({ kind: 'noMatch' });
    expect([noMatch.verdict, noMatch.banner]).toStrictEqual(['Không khớp với sổ gốc', 'status-bad']);
    const limited = await decoded({ kind: 'rateLimited', retryAfterSeconds: 30 });
    expect(limited.verdict).toBe('Quá nhiều lượt tra cứu, vui lòng thử lại sau 30 giây');
    expect((await decoded({ kind: 'rateLimited', retryAfterSeconds: 30 }, 'en')).verdict).toBe(
      'Too many lookups; try again in 30 seconds',
    );
    const down = await decoded({ kind: 'unavailable', httpStatus: null });
    expect([down.verdict, down.banner]).toStrictEqual([
      'Chữ ký hợp lệ, chưa kiểm tra được trạng thái',
      'status-warn',
    ]);
    expect(down.checks.find((c) => c.id === 'status')?.state).toBe('unknown');
  });

  it('empty, malformed, trust list unavailable and unsupported', () => {
    expect(buildReport('vi', { kind: 'empty' }).verdict).toBe('Không có mã QR trong địa chỉ');
    expect(buildReport('en', { kind: 'empty' }).verdict).toBe('No QR payload in the address');
    const bad = buildReport('en', { kind: 'malformed', reason: 'nfc', field: 'fullName' });
    expect([bad.verdict, bad.banner, bad.checks[0].state]).toStrictEqual([
      'Invalid QR code',
      'status-bad',
      'fail',
    ]);
    expect(bad.checks[0].reason).toContain('nfc');
    const none = buildReport('vi', {
      kind: 'decoded',
      qr,
      trust: { ok: false, reason: 'unavailable' },
      trusted: null,
      status: null,
    });
    expect([none.verdict, none.banner]).toStrictEqual(['Không kiểm tra được', 'status-warn']);
    expect(none.checks[1]).toMatchObject({ id: 'trustList', state: 'unknown' });
    const old = buildReport('en', {
      kind: 'decoded',
      qr,
      trust: { ok: false, reason: 'unsupported' },
      trusted: null,
      status: null,
    });
    expect(old.checks[1]).toMatchObject({
      state: 'unknown',
      reason: 'This browser cannot check Ed25519 signatures',
    });
  });

  it('has every message in both languages', () => {
    expect(msg('vi', 'unsupported')).toBe('Trình duyệt không hỗ trợ kiểm tra chữ ký Ed25519');
    expect(msg('en', 'badAnswer', '502')).toBe('Unexpected answer from the registry (HTTP 502)');
  });
});

// --- the page itself, on a minimal fake DOM (no innerHTML: setting it throws) ---

class FakeNode {
  get textContent(): string {
    return '';
  }
}
class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
}
class FakeElement extends FakeNode {
  id = '';
  className = '';
  readonly dataset: Record<string, string> = {};
  childNodes: FakeNode[] = [];
  constructor(readonly tagName: string) {
    super();
  }
  appendChild<T extends FakeNode>(c: T): T {
    this.childNodes.push(c);
    return c;
  }
  append(...cs: FakeNode[]): void {
    for (const c of cs) this.appendChild(c);
  }
  replaceChildren(...cs: FakeNode[]): void {
    this.childNodes = [];
    this.append(...cs);
  }
  override get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set innerHTML(_html: string) {
    throw new Error('innerHTML must not be used');
  }
  all(): FakeElement[] {
    const kids = this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement);
    return kids.flatMap((k) => [k, ...k.all()]);
  }
  byId(id: string): FakeElement | undefined {
    return this.all().find((e) => e.id === id);
  }
}

interface FetchCall {
  url: string;
  init: { method?: string; cache?: string; headers?: Record<string, string>; body?: string };
}

async function runPage(opts: {
  hash: string;
  lang?: 'vi' | 'en';
  trustList?: string | null;
  status?: { status: number; body: string; retryAfter?: string } | 'down';
  stored?: Map<string, string>;
}): Promise<{ result: FakeElement; calls: FetchCall[]; stored: Map<string, string> }> {
  const result = new FakeElement('DIV');
  result.id = 'qr-result';
  const app = new FakeElement('MAIN');
  app.id = 'qr-app';
  Object.assign(app.dataset, {
    lang: opts.lang ?? 'vi',
    rootKey: ROOT_B64,
    trustListUrl: '/.well-known/vbcc/trust-list.json',
    statusUrl: '/api/v1/public/qr',
  });
  app.appendChild(result);
  const stored = opts.stored ?? new Map<string, string>();
  const calls: FetchCall[] = [];
  const fakeFetch = async (url: string, init: FetchCall['init']) => {
    calls.push({ url, init });
    if (url.endsWith('trust-list.json')) {
      if (opts.trustList === null) throw new TypeError('Failed to fetch');
      return { ok: true, status: 200, text: async () => opts.trustList ?? VECTOR_LIST };
    }
    const s = opts.status ?? { status: 200, body: '{}' };
    if (s === 'down') throw new TypeError('Failed to fetch');
    return {
      ok: s.status < 300,
      status: s.status,
      headers: { get: (h: string) => (h.toLowerCase() === 'retry-after' ? (s.retryAfter ?? null) : null) },
      text: async () => s.body,
    };
  };
  const g = globalThis as Record<string, unknown>;
  const saved = { document: g.document, window: g.window, fetch: g.fetch };
  g.document = {
    getElementById: (id: string) => (id === 'qr-app' ? app : app.byId(id)) ?? null,
    createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
    createTextNode: (data: string) => new FakeText(data),
  };
  g.window = {
    location: { hash: opts.hash },
    localStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    },
    addEventListener: () => undefined,
  };
  g.fetch = fakeFetch;
  try {
    jest.isolateModules(() => {
      jest.requireActual('../../public-portal/src/qr-page.ts');
    });
    const busy = (t: string) => t.endsWith('…');
    for (let i = 0; i < 200; i++) {
      const verdict = result.byId('qr-verdict')?.textContent ?? '…';
      if (!busy(verdict)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 20)); // nothing else may follow
  } finally {
    Object.assign(g, saved);
  }
  return { result, calls, stored };
}

function signedFor(fields: QrFields, key: TestKey): string {
  return encodeQrPayload(fields, key.keyId, (m) => sign(null, m, key.privateKey));
}

const checkStates = (result: FakeElement) =>
  result
    .byId('qr-checks')!
    .all()
    .filter((e) => e.tagName === 'LI')
    .map((li) => `${li.dataset.check}:${li.className}`);

describe('the /v page (qr-page.js) on a fake DOM', () => {
  const v = QR_VECTORS[0];
  const validBody = JSON.stringify({
    result: 'match',
    checks: [],
    diploma: { status: 'valid', hasCorrections: false },
  });

  it('valid signature and a valid diploma: the full report, one GET and one POST', async () => {
    const { result, calls, stored } = await runPage({
      hash: `#${v.payload}`,
      status: { status: 200, body: validBody },
    });
    expect(result.byId('qr-verdict')?.textContent).toBe('Văn bằng hợp lệ, đúng với sổ gốc');
    expect(result.byId('qr-banner')?.className).toBe('verdict status-valid');
    expect(checkStates(result)).toStrictEqual([
      'format:check pass',
      'trustList:check pass',
      'key:check pass',
      'issuer:check pass',
      'window:check pass',
      'signature:check pass',
      'status:check pass',
    ]);
    const dl = result.byId('qr-fields')!;
    expect(dl.all().map((e) => e.tagName)).toStrictEqual(Array(8).fill(['DT', 'DD']).flat());
    expect(dl.textContent).toContain('Công Tôn Nữ Thị Hoàng Phương Thảo');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ url: '/.well-known/vbcc/trust-list.json', init: { cache: 'no-cache' } });
    expect(calls[1]).toMatchObject({
      url: '/api/v1/public/qr',
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ payload: v.payload }),
      },
    });
    expect(JSON.parse(stored.get('vbcc.trustList')!).text).toBe(VECTOR_LIST);
  });

  it('an HTML-looking name is shown as literal text', async () => {
    const key = newKey();
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const fields: QrFields = { ...v.fields, fullName: name, issuerOrgCode: 'THPT-BTR-X' };
    const list = signedList([listKey(key)], [listIssuer('THPT-BTR-X', [key.keyId])]);
    const revoked = JSON.stringify({
      result: 'match',
      checks: [],
      diploma: {
        status: 'revoked',
        hasCorrections: false,
        statusDetail: {
          kind: 'revocation',
          decisionNo: '<b>1</b>',
          decidedOn: '2026-10-01',
          publicNote: null,
        },
      },
    });
    const { result } = await runPage({
      hash: `#${signedFor(fields, key)}`,
      lang: 'en',
      trustList: list,
      status: { status: 200, body: revoked },
    });
    expect(result.byId('qr-verdict')?.textContent).toBe('Revoked');
    expect(result.byId('qr-banner')?.className).toBe('verdict status-bad');
    const dd = result
      .byId('qr-fields')!
      .all()
      .find((e) => e.textContent === name)!;
    expect(dd.tagName).toBe('DD');
    expect(dd.childNodes).toStrictEqual([new FakeText(name)]);
    expect(result.byId('qr-banner')?.textContent).toContain('Revocation decision no. <b>1</b> of 01/10/2026');
    const src = ['render.ts', 'report.ts', 'qr-page.ts'].map((f) =>
      readFileSync(join(__dirname, '..', '..', 'public-portal', 'src', f), 'utf8'),
    );
    for (const s of src) expect(s).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('an invalid signature: "Chữ ký không hợp lệ" and no call to the registry', async () => {
    const b = Buffer.from(digitsToBytes(v.payload));
    b[b.length - 1] ^= 1;
    const { result, calls } = await runPage({ hash: `#${bytesToDigits(b)}` });
    expect(result.byId('qr-verdict')?.textContent).toBe('Chữ ký không hợp lệ');
    expect(result.byId('qr-banner')?.className).toBe('verdict status-bad');
    expect(checkStates(result)).toContain('signature:check fail');
    expect(checkStates(result)).toContain('status:check unknown');
    expect(calls.map((c) => c.url)).toStrictEqual(['/.well-known/vbcc/trust-list.json']);
  });

  it('a malformed payload: "Mã QR không hợp lệ" with the reason, no network at all', async () => {
    const { result, calls } = await runPage({ hash: `#${v.payload}0` });
    expect(result.byId('qr-verdict')?.textContent).toBe('Mã QR không hợp lệ');
    expect(result.byId('qr-banner')?.textContent).toContain('encoding');
    expect(checkStates(result)).toStrictEqual(['format:check fail']);
    expect(calls).toHaveLength(0);
  });

  it('no payload', async () => {
    const { result, calls } = await runPage({ hash: ' ', lang: 'en' });
    expect(result.byId('qr-verdict')?.textContent).toBe('No QR payload in the address');
    expect(calls).toHaveLength(0);
  });

  it('offline with a saved trust list: verified from the cache, with a note', async () => {
    const stored = new Map([
      ['vbcc.trustList', JSON.stringify({ savedAt: '2026-11-30T08:00:00.000Z', text: VECTOR_LIST })],
    ]);
    const { result } = await runPage({ hash: `#${v.payload}`, trustList: null, status: 'down', stored });
    expect(result.byId('qr-verdict')?.textContent).toBe('Chữ ký hợp lệ, chưa kiểm tra được trạng thái');
    expect(result.byId('qr-banner')?.className).toBe('verdict status-warn');
    const notes = result.all().filter((e) => e.className === 'muted');
    expect(notes.map((n) => n.textContent).join('\n')).toMatch(
      /dùng danh sách tin cậy đã lưu ngày \d\d\/11\/2026/i,
    );
    expect(checkStates(result)).toContain('status:check unknown');
  });

  it('offline without a saved list: "Không kiểm tra được", trust list unavailable', async () => {
    const { result, calls } = await runPage({ hash: `#${v.payload}`, trustList: null });
    expect(result.byId('qr-verdict')?.textContent).toBe('Không kiểm tra được');
    expect(checkStates(result)[1]).toBe('trustList:check unknown');
    expect(calls).toHaveLength(1);
  });

  it('429: the lookup limit with the Retry-After delay', async () => {
    const { result } = await runPage({
      hash: `#${v.payload}`,
      status: { status: 429, body: '{"code":"RATE_LIMITED"}', retryAfter: '42' },
    });
    expect(result.byId('qr-verdict')?.textContent).toBe(
      'Quá nhiều lượt tra cứu, vui lòng thử lại sau 42 giây',
    );
  });

  it('a registry error: signature valid, status not checked', async () => {
    const { result } = await runPage({
      hash: `#${v.payload}`,
      lang: 'en',
      status: { status: 503, body: 'busy' },
    });
    expect(result.byId('qr-verdict')?.textContent).toBe('Signature valid, status not checked');
    expect(result.byId('qr-banner')?.className).toBe('verdict status-warn');
  });

  it('a browser without Ed25519: an unknown check, "Could not verify"', async () => {
    const spy = jest
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    try {
      const { result, calls } = await runPage({ hash: `#${v.payload}`, lang: 'en' });
      expect(result.byId('qr-verdict')?.textContent).toBe('Could not verify');
      expect(result.byId('qr-checks')?.textContent).toContain('This browser cannot check Ed25519 signatures');
      expect(checkStates(result)).not.toContain('trustList:check fail');
      expect(calls).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
