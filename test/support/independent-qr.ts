import { createHash, createPublicKey, verify } from 'node:crypto';

// A second reader of QR payloads, written from docs/QR-FORMAT.md alone: it imports nothing from src/, so a
// bug shared by the codec's encoder and decoder (a wrong offset, a wrong alphabet, a wrong signing prefix)
// shows up as a disagreement. Keep it that way: no imports from src/, only the document and node:crypto.

export interface IndependentFields {
  credentialType: string;
  serialNumber: string | null;
  registerEntryNumber: string;
  fullName: string;
  dateOfBirth: string;
  issuerOrgCode: string;
  issuedOn: string;
  signedOn: string;
}

export interface IndependentParse {
  version: number;
  fields: IndependentFields;
  /** 8 lowercase hex. */
  keyId: string;
  signature: Buffer;
  /** "VBCC-QR\0" followed by every payload byte before the signature. */
  message: Buffer;
  payloadBytes: Buffer;
}

const TYPES: Record<number, string> = { 1: 'THCS', 2: 'THPT', 3: 'GCNHT', 4: 'CC' };
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -./';
const WIDTH_OF_BYTES = [0, 3, 5, 8, 10, 13, 15, 17];
const LIMITS = { issuerOrgCode: 40, serialNumber: 40, registerEntryNumber: 127, fullName: 127 };
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** Digits → bytes: 17-digit groups of 7 bytes, a shorter last group per the width table. */
export function digitsToBytesIndependent(text: string): Buffer {
  if (!/^[0-9]*$/.test(text)) throw new Error('not digits');
  const lastBytes = WIDTH_OF_BYTES.indexOf(text.length % 17);
  if (lastBytes < 0) throw new Error(`bad digit count ${text.length}`);
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const k = text.length - i >= 17 ? 7 : lastBytes;
    const width = WIDTH_OF_BYTES[k];
    let v = BigInt(text.slice(i, i + width));
    if (v >= 1n << BigInt(8 * k)) throw new Error('digit group out of range');
    const chunk: number[] = [];
    for (let j = 0; j < k; j++, v >>= 8n) chunk.unshift(Number(v & 0xffn));
    out.push(...chunk);
    i += width;
  }
  return Buffer.from(out);
}

function dateOf(day: number): string {
  const d = new Date(Date.UTC(1900, 0, 1));
  d.setUTCDate(d.getUTCDate() + day);
  return d.toISOString().slice(0, 10);
}

/** Parses the digit text (what follows `/v#`). Throws Error on anything the document rejects. */
export function parseQrDigits(digits: string): IndependentParse {
  const b = digitsToBytesIndependent(digits);
  let p = 0;
  const need = (n: number) => {
    if (p + n > b.length) throw new Error('truncated');
  };
  const u8 = () => {
    need(1);
    return b[p++];
  };
  const u16 = () => (u8() << 8) | u8();
  const text = (limit: number): string | null => {
    const h = u8();
    if (h === 0) return null;
    const n = h >> 1;
    if (n === 0 || n > limit) throw new Error('bad text length');
    if ((h & 1) === 0) {
      need(n);
      const s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(p, p + n));
      p += n;
      if (s.normalize('NFC') !== s) throw new Error('not NFC');
      if (/\p{Cc}/u.test(s)) throw new Error('control character');
      if ([...s].every((c) => ALPHABET.includes(c))) throw new Error('packable text sent as UTF-8');
      return s;
    }
    let s = '';
    for (let left = n; left > 0; left -= 3) {
      const group = Math.min(3, left);
      const v = group === 1 ? u8() : u16();
      if (v >= 40 ** group) throw new Error('packed group out of range');
      // (a, b, c) = a·1600 + b·40 + c; (a, b) = a·40 + b; (a) = a
      const indexes = [Math.floor(v / 1600), Math.floor(v / 40) % 40, v % 40].slice(3 - group);
      s += indexes.map((i) => ALPHABET[i]).join('');
    }
    return s;
  };
  const required = (s: string | null, what: string): string => {
    if (s === null) throw new Error(`${what} missing`);
    return s;
  };

  const version = u8();
  if (version !== 1) throw new Error(`version ${version}`);
  const credentialType = TYPES[u8()];
  if (credentialType === undefined) throw new Error('unknown type');
  need(4);
  const keyId = b.subarray(p, (p += 4)).toString('hex');
  const issuedOn = dateOf(u16());
  const signedOn = dateOf(u16());
  const dateOfBirth = dateOf(u16());
  const issuerOrgCode = required(text(LIMITS.issuerOrgCode), 'issuerOrgCode');
  if (!/^[A-Z0-9][A-Z0-9._-]{1,39}$/.test(issuerOrgCode)) throw new Error('bad issuer code');
  const serialNumber = text(LIMITS.serialNumber);
  const registerEntryNumber = required(text(LIMITS.registerEntryNumber), 'registerEntryNumber');
  const fullName = required(text(LIMITS.fullName), 'fullName');
  if (dateOfBirth > issuedOn) throw new Error('born after issue');
  const bodyEnd = p;
  if (b.length - bodyEnd !== 64) throw new Error(b.length - bodyEnd < 64 ? 'truncated' : 'trailing bytes');
  return {
    version,
    fields: {
      credentialType,
      serialNumber,
      registerEntryNumber,
      fullName,
      dateOfBirth,
      issuerOrgCode,
      issuedOn,
      signedOn,
    },
    keyId,
    signature: Buffer.from(b.subarray(bodyEnd)),
    message: Buffer.concat([Buffer.from('VBCC-QR\0', 'latin1'), b.subarray(0, bodyEnd)]),
    payloadBytes: b,
  };
}

/** Parses what a camera reads: `<base>/v#<digits>`. */
export function parseQrUrl(url: string): IndependentParse {
  const hash = url.indexOf('#');
  if (hash < 0 || !url.slice(0, hash).endsWith('/v')) throw new Error('not a VBCC QR URL');
  return parseQrDigits(url.slice(hash + 1));
}

/** The key id matches the raw key and the Ed25519 signature verifies, with node:crypto alone. */
export function verifyWithRawKey(parsed: IndependentParse, raw32: Buffer): boolean {
  if (raw32.length !== 32) return false;
  if (createHash('sha256').update(raw32).digest().subarray(0, 4).toString('hex') !== parsed.keyId)
    return false;
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw32]), format: 'der', type: 'spki' });
  try {
    return verify(null, parsed.message, key, parsed.signature);
  } catch {
    return false;
  }
}

/** Bytes → digits, the inverse of digitsToBytesIndependent: for tests that change one payload byte. */
export function bytesToDigitsIndependent(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 7) {
    const chunk = bytes.subarray(i, i + 7);
    out += BigInt(`0x${chunk.toString('hex')}`)
      .toString()
      .padStart(WIDTH_OF_BYTES[chunk.length], '0');
  }
  return out;
}
