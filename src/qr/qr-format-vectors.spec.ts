import { sign } from 'node:crypto';
import fc from 'fast-check';
import { AppError } from '../common/errors/app-error';
import { ORG_CODE_PATTERN } from '../orgs/dto/organisation.dto';
import { generateEd25519, privateKeyFromSeed, rawPublicKey } from '../signing/ed25519';
import { bytesToDigits, digitCount, digitsToBytes } from './qr-digits';
import type { QrRejectReason } from './qr-errors';
import { CREDENTIAL_TYPE_CODES, dayNumber, dayToDate, MAX_DAY, PACKED_ALPHABET } from './qr-fields';
import {
  decodeQrPayload,
  encodeQrPayload,
  keyIdOf,
  QR_SIGNING_CONTEXT,
  QR_TEXT_LIMITS,
  qrSigningMessage,
  type QrFields,
  verifyQrPayload,
} from './qr-payload';
import { qrSymbol, qrUrl } from './qr-symbol';
import { canonicalText, craft, GOOD, QR_DOC, QR_VECTORS, SIG, utf8Text } from '../../test/support/qr-doc';

// docs/QR-FORMAT.md is the contract third parties implement; these tests hold the codec to it.
const BASE_URL_40 = 'https://vanbang.sgddt.bentre.gov.vn/vbcc';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError && e.code === 'QR_PAYLOAD_INVALID') return String(e.details?.reason);
    throw e;
  }
  return undefined;
}

describe('docs/QR-FORMAT.md test vectors', () => {
  it('has the three required kinds of vector', () => {
    expect(QR_VECTORS.length).toBeGreaterThanOrEqual(3);
    expect(
      QR_VECTORS.some(
        (v) =>
          v.fields.credentialType === 'THPT' &&
          v.fields.serialNumber !== null &&
          v.fields.fullName === 'Công Tôn Nữ Thị Hoàng Phương Thảo',
      ),
    ).toBe(true);
    expect(QR_VECTORS.some((v) => v.fields.serialNumber === null)).toBe(true);
    expect(QR_VECTORS.some((v) => /^[0-9A-Z ./-]+$/.test(v.fields.fullName))).toBe(true);
  });

  describe.each(QR_VECTORS.map((v) => [v.vector, v] as const))('%s', (_name, v) => {
    const key = privateKeyFromSeed(Buffer.from(v.seed, 'hex'));

    it('derives the public key and key id from the seed', () => {
      expect(rawPublicKey(key).toString('hex')).toBe(v.publicKey);
      expect(keyIdOf(Buffer.from(v.publicKey, 'hex'))).toBe(v.keyId);
    });

    it('signs exactly the documented message and encodes to the documented digits', () => {
      const message = qrSigningMessage(v.fields, v.keyId);
      expect(message.toString('hex')).toBe(v.signingMessage);
      expect(message.subarray(0, 8).toString('hex')).toBe('564243432d515200');
      let signed: Buffer | undefined;
      const digits = encodeQrPayload(v.fields, v.keyId, (m) => (signed = sign(null, m, key)));
      expect(signed?.toString('hex')).toBe(v.signature);
      expect(digits).toBe(v.payload);
    });

    it('decodes to exactly the documented fields, and the signature verifies', () => {
      const decoded = decodeQrPayload(v.payload);
      expect(decoded.fields).toStrictEqual(v.fields);
      expect(decoded.keyId).toBe(v.keyId);
      expect(decoded.signature.toString('hex')).toBe(v.signature);
      expect(decoded.signedMessage.toString('hex')).toBe(v.signingMessage);
      expect(verifyQrPayload(decoded, Buffer.from(v.publicKey, 'hex'))).toBe(true);
      expect(verifyQrPayload(decoded, generateEd25519().publicKey)).toBe(false);
    });

    it('has the documented sizes', () => {
      expect(digitsToBytes(v.payload).length).toBe(v.sizes.payloadBytes);
      expect(v.payload.length).toBe(v.sizes.digits);
      expect(qrSymbol(BASE_URL_40, v.payload).version).toBe(v.sizes.qrVersionM);
    });
  });

  it('the long-name THPT vector fits QR version 10 at M', () => {
    const thpt = QR_VECTORS.find((v) => v.fields.fullName === 'Công Tôn Nữ Thị Hoàng Phương Thảo');
    expect(thpt?.sizes.qrVersionM).toBeLessThanOrEqual(10);
  });

  it('the size budget stated in the document holds: 166 bytes fit version 10, 167 do not', () => {
    expect(QR_DOC).toContain('up to **166 bytes** (404 digits) fits QR **version 10**');
    expect(BASE_URL_40).toHaveLength(40);
    expect(qrSymbol(BASE_URL_40, bytesToDigits(Buffer.alloc(166, 0xff))).version).toBe(10);
    expect(digitCount(166)).toBe(404);
    expect(qrSymbol(BASE_URL_40, bytesToDigits(Buffer.alloc(167, 0xff))).version).toBe(11);
  });

  it('the largest payload the limits allow is the size the document states', () => {
    const largest: QrFields = {
      ...QR_VECTORS[0].fields,
      issuerOrgCode: 'A'.repeat(40),
      serialNumber: 'a'.repeat(40), // lower case: UTF-8, 1 byte a character
      registerEntryNumber: 'a'.repeat(127),
      fullName: 'a'.repeat(127),
    };
    const digits = encodeQrPayload(largest, '0a0b0c0d', () => Buffer.alloc(64));
    expect(digitsToBytes(digits)).toHaveLength(401);
    expect(QR_DOC).toContain(`= 401 bytes (version ${qrSymbol(BASE_URL_40, digits).version} at M)`);
  });

  it('documents the same type codes, packed alphabet and text limits as the code', () => {
    const rows = [...QR_DOC.matchAll(/^\| (\d+) +\| `([A-Z]+)` +\|/gm)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(rows)).toStrictEqual(CREDENTIAL_TYPE_CODES);
    expect(QR_DOC).toContain('```\n' + PACKED_ALPHABET + '\n```');
    for (const [field, limit] of Object.entries(QR_TEXT_LIMITS)) {
      expect(QR_DOC).toMatch(new RegExp('^\\| `' + field + '` +\\| (yes|no) +\\| ' + limit + ' ', 'm'));
    }
  });
});

describe('digits', () => {
  it('round-trips every length with the fixed widths of the document', () => {
    const widths = [0, 3, 5, 8, 10, 13, 15];
    for (let n = 0; n <= 30; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 97 + 255) & 0xff));
      const digits = bytesToDigits(bytes);
      expect(digits).toHaveLength(17 * Math.floor(n / 7) + widths[n % 7]);
      expect(digitCount(n)).toBe(digits.length);
      expect(digitsToBytes(digits).equals(bytes)).toBe(true);
    }
    expect(bytesToDigits(Buffer.from('ffffffffffffff', 'hex'))).toBe('72057594037927935');
    expect(bytesToDigits(Buffer.from('00000000000001ff', 'hex'))).toBe('00000000000000001255');
  });

  it('the URL and the symbol take digits only', () => {
    expect(qrUrl(`${BASE_URL_40}/`, '00123')).toBe(`${BASE_URL_40}/v#00123`);
    for (const bad of ['', '12a', '١٢٣', '123#4']) {
      expect(() => qrUrl(BASE_URL_40, bad)).toThrow(RangeError);
      expect(() => qrSymbol(BASE_URL_40, bad)).toThrow(RangeError);
    }
  });
});

describe('rejections: every reason is reachable', () => {
  // Record<QrRejectReason, …> makes the compiler list every reason: a new one needs a case here.
  const DECODE_CASES: Record<QrRejectReason, string[]> = {
    // a letter; 4 digits (no byte count gives 4); 256 in a 1-byte group; 2^56 in a 7-byte group
    encoding: ['12a', '1234', '256', '72057594037927936'],
    version: [craft({ version: 0 }), craft({ version: 2 })],
    truncated: [craft({ tail: SIG.subarray(0, 63) }), bytesToDigits(Buffer.from([1, 2, 0xa]))],
    trailing: [craft({ tail: Buffer.concat([SIG, Buffer.from([0])]) })],
    length: [
      craft({ issuer: [0x01] }),
      craft({ name: [0] }),
      craft({ register: [0] }),
      craft({ issuer: [0] }),
      craft({ issuer: canonicalText('A'.repeat(41)) }),
    ],
    utf8: [craft({ name: [4 << 1, 0x41, 0xff, 0xfe, 0x41] }), craft({ name: [3 << 1, 0xed, 0xa0, 0x80] })],
    nfc: [craft({ name: utf8Text('Nguye\u0302\u0303n') })],
    packed: [craft({ serial: [(3 << 1) | 1, 0xff, 0xff] }), craft({ serial: [(1 << 1) | 1, 40] })],
    type: [craft({ type: 0 }), craft({ type: 5 }), craft({ type: 255 })],
    date: [craft({ born: dayNumber(GOOD.issuedOn, 'issuedOn') + 1 })],
    field: [craft({ issuer: canonicalText('SGD BTR') }), craft({ name: utf8Text('Lê\tVăn') })],
    noncanonical: [craft({ name: utf8Text('PHAM MINH KHOA') }), craft({ issuer: utf8Text('SGD-BTR') })],
  };

  it('the crafted base payload itself decodes', () => {
    expect(decodeQrPayload(craft({})).fields).toStrictEqual(GOOD);
  });

  it.each(Object.entries(DECODE_CASES))('%s', (reason, inputs) => {
    expect(QR_DOC).toMatch(new RegExp('^\\| `' + reason + '` +\\|', 'm'));
    expect(inputs.length).toBeGreaterThan(0);
    for (const text of inputs) expect(reasonOf(() => decodeQrPayload(text))).toBe(reason);
  });

  it('the issuer side refuses what it cannot encode, with the same reasons', () => {
    const enc = (f: Partial<QrFields>, keyId = '0a0b0c0d') =>
      reasonOf(() => qrSigningMessage({ ...GOOD, ...f }, keyId));
    expect(enc({}, 'ABCDEF01')).toBe('field');
    expect(enc({}, '0a0b0c')).toBe('field');
    expect(enc({ credentialType: 'DH' })).toBe('type');
    expect(enc({ credentialType: 'toString' })).toBe('type');
    expect(enc({ dateOfBirth: '2026-07-21' })).toBe('date'); // born after issue
    expect(enc({ dateOfBirth: '2026-07-20' })).toBeUndefined();
    expect(enc({ issuedOn: '2026-02-29' })).toBe('date');
    expect(enc({ dateOfBirth: '1899-12-31' })).toBe('date');
    expect(enc({ signedOn: '2079-06-07' })).toBe('date');
    expect(enc({ signedOn: '2079-06-06' })).toBeUndefined();
    expect(enc({ issuedOn: '2026-7-20' })).toBe('date');
    expect(enc({ fullName: '' })).toBe('length');
    expect(enc({ fullName: 'ắ'.repeat(43) })).toBe('length'); // 129 UTF-8 bytes
    expect(enc({ fullName: 'ắ'.repeat(42) })).toBeUndefined(); // 126
    expect(enc({ serialNumber: '' })).toBe('length'); // '' is not "no serial": that is null
    expect(enc({ serialNumber: 'A'.repeat(41) })).toBe('length');
    expect(enc({ fullName: null as unknown as string })).toBe('length');
    expect(enc({ fullName: 'Lan\u0000' })).toBe('field');
    expect(enc({ fullName: 'Lan\uD800' })).toBe('field'); // would otherwise sign U+FFFD
    expect(enc({ issuerOrgCode: 'sgd-btr' })).toBe('field');
    expect(enc({ issuerOrgCode: '-SGD' })).toBe('field');
  });

  it('accepts every organisation code the registry accepts (ORG_CODE_PATTERN)', () => {
    fc.assert(
      fc.property(fc.stringMatching(ORG_CODE_PATTERN), (code) => {
        const d = decodeQrPayload(encodeQrPayload({ ...GOOD, issuerOrgCode: code }, '0a0b0c0d', () => SIG));
        expect(d.fields.issuerOrgCode).toBe(code);
      }),
    );
  });

  it('writes NFC: a decomposed name is signed and decoded composed', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A'; // "Nguyễn Văn A" in NFD
    const d = decodeQrPayload(encodeQrPayload({ ...GOOD, fullName: decomposed }, '0a0b0c0d', () => SIG));
    expect(d.fields.fullName).toBe('Nguyễn Văn A');
    expect(d.fields.fullName).toBe(decomposed.normalize('NFC'));
  });
});

// Fields the registry could hold: packable and Vietnamese texts, any day in range, born ≤ issued.
const vietnamese = fc
  .array(
    fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ ÁÂ',
    ),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((cs) => cs.join(''));
const packable = fc
  .array(fc.constantFrom(...PACKED_ALPHABET), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join(''));
const anyText = fc.oneof(vietnamese, packable, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));
const qrFieldsArbitrary: fc.Arbitrary<QrFields> = fc
  .record({
    credentialType: fc.constantFrom(...Object.keys(CREDENTIAL_TYPE_CODES)),
    serialNumber: fc.option(fc.oneof(packable, fc.stringMatching(/^[A-Za-z0-9./-]{1,40}$/)), { nil: null }),
    registerEntryNumber: anyText,
    fullName: anyText,
    born: fc.integer({ min: 0, max: MAX_DAY }),
    issued: fc.integer({ min: 0, max: MAX_DAY }),
    signed: fc.integer({ min: 0, max: MAX_DAY }),
    issuerOrgCode: fc.stringMatching(ORG_CODE_PATTERN),
  })
  .filter(
    (r) =>
      r.born <= r.issued &&
      !/\p{Cc}/u.test(r.registerEntryNumber + r.fullName) &&
      Buffer.byteLength(r.registerEntryNumber.normalize('NFC')) <= 127 &&
      Buffer.byteLength(r.fullName.normalize('NFC')) <= 127,
  )
  .map(({ born, issued, signed, ...r }) => ({
    ...r,
    dateOfBirth: dayToDate(born),
    issuedOn: dayToDate(issued),
    signedOn: dayToDate(signed),
  }));

describe('fuzz', () => {
  const { seed, publicKey } = generateEd25519();
  const key = privateKeyFromSeed(seed);
  const keyId = keyIdOf(publicKey);
  const nfc = (f: QrFields): QrFields => ({
    ...f,
    fullName: f.fullName.normalize('NFC'),
    registerEntryNumber: f.registerEntryNumber.normalize('NFC'),
  });

  it('sign → encode → decode → verify round-trips any encodable fields', () => {
    fc.assert(
      fc.property(qrFieldsArbitrary, (fields) => {
        const digits = encodeQrPayload(fields, keyId, (m) => sign(null, m, key));
        const decoded = decodeQrPayload(digits);
        expect(decoded.fields).toStrictEqual(nfc(fields));
        expect(verifyQrPayload(decoded, publicKey)).toBe(true);
        expect(decoded.signedMessage.subarray(0, 8).equals(QR_SIGNING_CONTEXT)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random input never crashes the decoder: it decodes or gives QR_PAYLOAD_INVALID', () => {
    // reasonOf rethrows anything that is not QR_PAYLOAD_INVALID (a RangeError from a Buffer read, say).
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,420}$/), (text) => {
        expect(() => reasonOf(() => decodeQrPayload(text))).not.toThrow();
      }),
    );
    // Past the digit layer: version 1, a known type, then random bytes, so the field parsers run.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.uint8Array({ maxLength: 200 }), (type, rest) => {
        const text = bytesToDigits(Buffer.concat([Buffer.from([1, type]), rest]));
        expect(() => reasonOf(() => decodeQrPayload(text))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tampering', () => {
  const v = QR_VECTORS[0];
  const raw = Buffer.from(v.publicKey, 'hex');
  // Either the payload no longer parses, or it parses and no longer verifies: never accepted.
  const accepted = (digits: string) => {
    const reason = reasonOf(() => decodeQrPayload(digits));
    return reason === undefined && verifyQrPayload(decodeQrPayload(digits), raw);
  };

  it('the untouched vector is accepted', () => {
    expect(accepted(v.payload)).toBe(true);
  });

  it('any one changed byte is rejected', () => {
    const bytes = digitsToBytes(v.payload);
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const b = Buffer.from(bytes);
        b[i] ^= mask;
        expect(accepted(bytesToDigits(b))).toBe(false);
      }
    }
  });

  it('any one changed digit is rejected', () => {
    for (let i = 0; i < v.payload.length; i++) {
      const d = String((Number(v.payload[i]) + 1) % 10);
      expect(accepted(v.payload.slice(0, i) + d + v.payload.slice(i + 1))).toBe(false);
    }
  });

  it('a hand-built payload pairing other fields with a real signature does not verify', () => {
    const decoded = decodeQrPayload(v.payload);
    const forged = { ...decoded, fields: { ...decoded.fields, fullName: 'Nguyễn Văn Giả' } };
    expect(verifyQrPayload(forged, raw)).toBe(false);
  });
});
