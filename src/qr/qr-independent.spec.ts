import { sign } from 'node:crypto';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { create as createQr } from 'qrcode';
import { parseQrDigits, parseQrUrl, verifyWithRawKey } from '../../test/support/independent-qr';
import { QR_VECTORS } from '../../test/support/qr-doc';
import { generateEd25519, privateKeyFromSeed } from '../signing/ed25519';
import { bytesToDigits, digitsToBytes } from './qr-digits';
import { CREDENTIAL_TYPE_CODES, dayToDate, MAX_DAY, PACKED_ALPHABET } from './qr-fields';
import { encodeQrPayload, keyIdOf, type QrFields } from './qr-payload';
import { qrSymbol, qrUrl, type QrSymbol } from './qr-symbol';

// The codec signs and draws; a decoder and a verifier that share no code with it (jsQR, and
// test/support/independent-qr.ts written from docs/QR-FORMAT.md) must read and accept the result.

const BASE_URL = 'https://vanbang.sgddt.bentre.gov.vn/vbcc';
const MODULE_PX = 4;
const QUIET_MODULES = 4;

/** RGBA pixels of the symbol: 4 px a module, a 4-module light quiet zone. */
function render(symbol: QrSymbol): { data: Uint8ClampedArray; width: number; height: number } {
  const side = (symbol.size + 2 * QUIET_MODULES) * MODULE_PX;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < symbol.size; y++) {
    for (let x = 0; x < symbol.size; x++) {
      if (!symbol.isDark(x, y)) continue;
      for (let dy = 0; dy < MODULE_PX; dy++) {
        const row = (y + QUIET_MODULES) * MODULE_PX + dy;
        const col = (x + QUIET_MODULES) * MODULE_PX;
        const start = (row * side + col) * 4;
        // R, G, B to 0 for MODULE_PX pixels; alpha stays 255.
        for (let i = 0; i < MODULE_PX; i++) data.fill(0, start + i * 4, start + i * 4 + 3);
      }
    }
  }
  return { data, width: side, height: side };
}

function scan(symbol: QrSymbol) {
  const { data, width, height } = render(symbol);
  const result = jsQR(data, width, height, { inversionAttempts: 'dontInvert' });
  if (!result) throw new Error('jsQR found no QR code');
  return result;
}

const { seed, publicKey } = generateEd25519();
const privateKey = privateKeyFromSeed(seed);
const keyId = keyIdOf(publicKey);
const signer = (m: Buffer) => sign(null, m, privateKey);

// Acceptance 3: a long Vietnamese name, a long school code, a 40-character base URL.
const LONG: QrFields = {
  credentialType: 'THPT',
  serialNumber: 'BT0123456',
  registerEntryNumber: 'THPT-2026-000123',
  fullName: 'Công Tôn Nữ Thị Hoàng Phương Thảo',
  dateOfBirth: '2008-09-14',
  issuerOrgCode: 'SGD-BTR-THPT-NGUYEN-DINH-CHIEU',
  issuedOn: '2026-07-20',
  signedOn: '2026-07-21',
};

describe('QR: printed by the codec, read by jsQR and an independent verifier', () => {
  const digits = encodeQrPayload(LONG, keyId, signer);
  const symbol = qrSymbol(BASE_URL, digits);

  it('scans back to the exact URL, and the independent verifier accepts it', () => {
    const scanned = scan(symbol);
    expect(scanned.data).toBe(qrUrl(BASE_URL, digits));
    expect(scanned.data).toBe(`${BASE_URL}/v#${digits}`);
    const parsed = parseQrUrl(scanned.data);
    expect(parsed.fields).toStrictEqual(LONG);
    expect(parsed.keyId).toBe(keyId);
    expect(verifyWithRawKey(parsed, publicKey)).toBe(true);
    expect(verifyWithRawKey(parsed, generateEd25519().publicKey)).toBe(false);
  });

  it('one changed payload byte: the scan still reads, the independent verifier refuses', () => {
    const bytes = digitsToBytes(digits);
    // A byte of the name, of the signature, and of the key id.
    for (const at of [bytes.length - 70, bytes.length - 1, 3]) {
      const tampered = Buffer.from(bytes);
      tampered[at] ^= 0x04;
      const url = scan(qrSymbol(BASE_URL, bytesToDigits(tampered))).data;
      let ok: boolean;
      try {
        ok = verifyWithRawKey(parseQrUrl(url), publicKey);
      } catch {
        ok = false; // no longer parses: also a refusal
      }
      expect(ok).toBe(false);
    }
  });

  it('acceptance 3: the long-name THPT payload with a 40-character base URL fits version 10 at M', () => {
    expect(BASE_URL).toHaveLength(40);
    expect(symbol.version).toBeLessThanOrEqual(10);
    expect(symbol.size).toBe(17 + 4 * symbol.version);
    // The library's own report for the same segments at level M...
    const direct = createQr(
      [
        { mode: 'byte', data: Buffer.from(`${BASE_URL}/v#`, 'latin1') },
        { mode: 'numeric', data: digits },
      ],
      { errorCorrectionLevel: 'M' },
    );
    expect(direct.version).toBe(symbol.version);
    expect(direct.errorCorrectionLevel.bit).toBe(0); // M is 0b00 in the format bits
    // ...and what an independent decoder reads from the pixels.
    expect(scan(symbol).version).toBe(symbol.version);
    expect(scan(symbol).version).toBeLessThanOrEqual(10);
  });
});

describe('the independent verifier agrees with the codec', () => {
  const vectors = QR_VECTORS;

  it('on every documented vector', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(3);
    for (const v of vectors) {
      const parsed = parseQrDigits(v.payload);
      expect(parsed.fields).toStrictEqual(v.fields);
      expect(parsed.keyId).toBe(v.keyId);
      expect(parsed.message.toString('hex')).toBe(v.signingMessage);
      expect(parsed.signature.toString('hex')).toBe(v.signature);
      expect(verifyWithRawKey(parsed, Buffer.from(v.publicKey, 'hex'))).toBe(true);
      // And the codec, fed the seed, prints what the independent reader read.
      const k = privateKeyFromSeed(Buffer.from(v.seed, 'hex'));
      expect(encodeQrPayload(parsed.fields, parsed.keyId, (m) => sign(null, m, k))).toBe(v.payload);
    }
  });

  it('on random fields (fuzz)', () => {
    const letters = [...'aăâbdđeêioôơuưyàảãáạằắặầấậèẻéẹềếệìíịòỏóọồốộờớợùúụừứựỳýĐ ', ...PACKED_ALPHABET];
    const text = fc
      .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 40 })
      .map((cs) => cs.join(''));
    const fields = fc
      .record({
        credentialType: fc.constantFrom(...Object.keys(CREDENTIAL_TYPE_CODES)),
        serialNumber: fc.option(fc.stringMatching(/^[A-Za-z0-9./-]{1,40}$/), { nil: null }),
        registerEntryNumber: text,
        fullName: text,
        days: fc.array(fc.integer({ min: 0, max: MAX_DAY }), { minLength: 3, maxLength: 3 }),
        issuerOrgCode: fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{1,39}$/),
      })
      .map(({ days: [a, b, signed], ...r }): QrFields => ({
        ...r,
        dateOfBirth: dayToDate(Math.min(a, b)),
        issuedOn: dayToDate(Math.max(a, b)),
        signedOn: dayToDate(signed),
      }));
    fc.assert(
      fc.property(fields, (f) => {
        const parsed = parseQrDigits(encodeQrPayload(f, keyId, signer));
        expect(parsed.fields).toStrictEqual(f);
        expect(verifyWithRawKey(parsed, publicKey)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
