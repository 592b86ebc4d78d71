// QR payload format version 1 (docs/QR-FORMAT.md), read in the browser: digits → bytes → fields.
// Pure code (no DOM, no Node APIs) so the unit tests can run it in Node.

export type QrRejectReason =
  | 'encoding'
  | 'version'
  | 'truncated'
  | 'trailing'
  | 'length'
  | 'utf8'
  | 'nfc'
  | 'packed'
  | 'type'
  | 'date'
  | 'field'
  | 'noncanonical';

/** A malformed payload: `reason` is the stable rejection reason of docs/QR-FORMAT.md. */
export class QrDecodeError extends Error {
  constructor(
    readonly reason: QrRejectReason,
    readonly field?: string,
  ) {
    super(field ? `QR payload: ${reason} (${field})` : `QR payload: ${reason}`);
    this.name = 'QrDecodeError';
  }
}

export type CredentialType = 'THCS' | 'THPT' | 'GCNHT' | 'CC';
const TYPES: readonly (CredentialType | undefined)[] = [undefined, 'THCS', 'THPT', 'GCNHT', 'CC'];

export interface QrFields {
  credentialType: CredentialType;
  /** `null` for a digital-only credential (NUM-10). */
  serialNumber: string | null;
  registerEntryNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  issuerOrgCode: string;
  issuedOn: string;
  signedOn: string;
}

export interface DecodedQr {
  fields: QrFields;
  /** 8 lowercase hex: the first 4 bytes of SHA-256 of the signer's raw public key. */
  keyId: string;
  signature: Uint8Array<ArrayBuffer>;
  /** "VBCC-QR\0" followed by every payload byte before the signature: what the issuer signed. */
  message: Uint8Array<ArrayBuffer>;
}

const DIGITS_FOR = [0, 3, 5, 8, 10, 13, 15, 17]; // digits of a chunk of k bytes
const CHUNK_DIGITS = 17;
const SIGNATURE_BYTES = 64;
const CONTEXT = [0x56, 0x42, 0x43, 0x43, 0x2d, 0x51, 0x52, 0x00]; // "VBCC-QR\0"
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -./';
const PACKABLE = /^[0-9A-Z ./-]+$/;
const GROUP_LIMIT = [1, 40, 1600, 64000];
const GROUP_BYTES = [0, 1, 2, 2];
const CONTROL = /\p{Cc}/u;
const ISSUER_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
const LIMITS = { issuerOrgCode: 40, serialNumber: 40, registerEntryNumber: 127, fullName: 127 };
// A leading U+FEFF is a character of the text, not a byte order mark to drop.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const reject = (reason: QrRejectReason, field?: string): never => {
  throw new QrDecodeError(reason, field);
};

/** Decimal digits → bytes: 17-digit groups of 7 bytes, a last group of D(k) digits for k bytes. */
export function digitsToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[0-9]*$/.test(text)) reject('encoding');
  const tail = DIGITS_FOR.indexOf(text.length % CHUNK_DIGITS);
  if (tail < 0) reject('encoding');
  const out = new Uint8Array(Math.floor(text.length / CHUNK_DIGITS) * 7 + tail);
  for (let i = 0, o = 0; i < text.length;) {
    const k = Math.min(7, out.length - o);
    let v = BigInt(text.slice(i, i + DIGITS_FOR[k]));
    if (v >> BigInt(8 * k) !== 0n) reject('encoding');
    for (let j = k - 1; j >= 0; j--, v >>= 8n) out[o + j] = Number(v & 0xffn);
    i += DIGITS_FOR[k];
    o += k;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const EPOCH_MS = Date.UTC(1900, 0, 1);

/** Day number (days since 1900-01-01) → YYYY-MM-DD. */
export function dayToDate(day: number): string {
  return new Date(EPOCH_MS + day * 86_400_000).toISOString().slice(0, 10);
}

class Reader {
  pos = 0;
  /** The first text written as UTF-8 although it packs; rejected after the rest, as the issuer side does. */
  noncanonical: string | null = null;
  constructor(readonly b: Uint8Array<ArrayBuffer>) {}
  take(n: number, what: string): Uint8Array<ArrayBuffer> {
    if (this.pos + n > this.b.length) reject('truncated', what);
    return this.b.subarray(this.pos, (this.pos += n));
  }
  byte(what: string): number {
    return this.take(1, what)[0];
  }
  uint16(what: string): number {
    const [hi, lo] = this.take(2, what);
    return (hi << 8) | lo;
  }
  /** A text field, or null for the empty header (the caller decides whether that is allowed). */
  text(field: keyof typeof LIMITS): string | null {
    const h = this.byte(field);
    if (h === 0) return null;
    const n = h >> 1;
    if (n === 0 || n > LIMITS[field]) reject('length', field);
    if (h & 1) return unpack(this.take(2 * Math.floor(n / 3) + GROUP_BYTES[n % 3], field), n, field);
    const body = this.take(n, field);
    let s = '';
    try {
      s = UTF8.decode(body);
    } catch {
      reject('utf8', field);
    }
    if (s.normalize('NFC') !== s) reject('nfc', field);
    if (CONTROL.test(s)) reject('field', field);
    // One encoding per value: text that packs must be packed.
    if (PACKABLE.test(s) && this.noncanonical === null) this.noncanonical = field;
    return s;
  }
}

function unpack(body: Uint8Array, n: number, field: string): string {
  let s = '';
  for (let i = 0, o = 0; i < n; i += 3) {
    const chars = Math.min(3, n - i);
    const v = chars === 1 ? body[o] : (body[o] << 8) | body[o + 1];
    o += GROUP_BYTES[chars];
    if (v >= GROUP_LIMIT[chars]) reject('packed', field);
    let group = '';
    for (let j = 0, x = v; j < chars; j++, x = Math.floor(x / 40)) group = ALPHABET[x % 40] + group;
    s += group;
  }
  return s;
}

function required(value: string | null, field: string): string {
  return value ?? reject('length', field);
}

/** Parses the digit text that follows `/v#`. Throws QrDecodeError for anything the format rejects. */
export function decodeQrPayload(digits: string): DecodedQr {
  const bytes = digitsToBytes(digits);
  const r = new Reader(bytes);
  const version = r.byte('version');
  if (version !== 1) reject('version');
  const code = r.byte('credentialType');
  const credentialType = TYPES[code] ?? reject('type');
  const keyId = toHex(r.take(4, 'keyId'));
  const issued = r.uint16('issuedOn');
  const signedOn = dayToDate(r.uint16('signedOn'));
  const born = r.uint16('dateOfBirth');
  const issuerOrgCode = required(r.text('issuerOrgCode'), 'issuerOrgCode');
  const serialNumber = r.text('serialNumber');
  const registerEntryNumber = required(r.text('registerEntryNumber'), 'registerEntryNumber');
  const fullName = required(r.text('fullName'), 'fullName');
  const bodyEnd = r.pos;
  const signature = r.take(SIGNATURE_BYTES, 'signature');
  if (r.pos !== bytes.length) reject('trailing');
  if (!ISSUER_CODE.test(issuerOrgCode)) reject('field', 'issuerOrgCode');
  if (born > issued) reject('date', 'dateOfBirth');
  if (r.noncanonical !== null) reject('noncanonical', r.noncanonical);
  const message = new Uint8Array(CONTEXT.length + bodyEnd);
  message.set(CONTEXT);
  message.set(bytes.subarray(0, bodyEnd), CONTEXT.length);
  return {
    fields: {
      credentialType,
      serialNumber,
      registerEntryNumber,
      fullName,
      dateOfBirth: dayToDate(born),
      issuerOrgCode,
      issuedOn: dayToDate(issued),
      signedOn,
    },
    keyId,
    signature: signature.slice(),
    message,
  };
}
