import { qrInvalid } from './qr-errors';

// Field codecs of the QR payload (docs/QR-FORMAT.md): credential type codes, dates as day counts, and
// length-prefixed text that is either packed (3 characters in 2 bytes) or UTF-8.

/** Credential type codes. Codes are never reused; new types take the next free code. */
export const CREDENTIAL_TYPE_CODES: Readonly<Record<string, number>> = { THCS: 1, THPT: 2, GCNHT: 3, CC: 4 };
const TYPE_BY_CODE = new Map(Object.entries(CREDENTIAL_TYPE_CODES).map(([t, c]) => [c, t]));

export function typeCode(type: string): number {
  const code = Object.hasOwn(CREDENTIAL_TYPE_CODES, type) ? CREDENTIAL_TYPE_CODES[type] : undefined;
  if (code === undefined)
    throw qrInvalid('type', `QR payload: unknown credential type ${type}`, 'credentialType');
  return code;
}

export function typeOfCode(code: number): string {
  const type = TYPE_BY_CODE.get(code);
  if (type === undefined) throw qrInvalid('type', `QR payload: unknown credential type code ${code}`);
  return type;
}

// Dates: unsigned 16-bit count of days since 1900-01-01, so 1900-01-01 … 2079-06-06.
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1900, 0, 1);
export const MAX_DAY = 0xffff;

/** Day number of a YYYY-MM-DD date inside the format's range. */
export function dayNumber(date: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 02-30 over to 03-01; the round trip catches it.
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw qrInvalid('date', `QR payload: ${field} is not a YYYY-MM-DD date`, field);
  }
  const day = (ms - EPOCH_MS) / DAY_MS;
  if (day < 0 || day > MAX_DAY) {
    throw qrInvalid('date', `QR payload: ${field} is outside 1900-01-01..2079-06-06`, field);
  }
  return day;
}

export function dayToDate(day: number): string {
  return new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}

// Text: one header byte (length n << 1 | packed flag), then the body. Packed text uses the 40 characters
// below, three to a big-endian uint16 (40³ = 64000); a last group of 2 characters takes 2 bytes, of 1
// character 1 byte. n counts characters when packed and UTF-8 bytes otherwise; n = 0 is "no value".
export const PACKED_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -./';
const PACKED_INDEX = new Map([...PACKED_ALPHABET].map((c, i) => [c, i]));
const PACKED_RE = /^[0-9A-Z ./-]*$/;
const GROUP_LIMIT = [1, 40, 1600, 64000];
const GROUP_BYTES = [0, 1, 2, 2];
export const MAX_TEXT_UNITS = 127;
const CONTROL_RE = /\p{Cc}/u;
// A lone surrogate has no UTF-8 form: Buffer.from would silently sign U+FFFD in its place.
const LONE_SURROGATE_RE = /\p{Cs}/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // keep a BOM: bytes map 1:1;

export function packedLength(chars: number): number {
  return 2 * Math.floor(chars / 3) + GROUP_BYTES[chars % 3];
}

export class ByteWriter {
  private readonly parts: number[] = [];
  byte(b: number): void {
    this.parts.push(b);
  }
  bytes(b: Uint8Array): void {
    for (const x of b) this.parts.push(x);
  }
  uint16(v: number): void {
    this.parts.push(v >>> 8, v & 0xff);
  }
  /** Text after NFC; `null` is written as the empty header, which only an optional field may take. */
  text(value: string | null, field: string, maxUnits: number, optional = false): void {
    if (value === null && optional) return this.byte(0);
    // Typed callers cannot get here; plain-JS ones could, and header 0 would make an undecodable payload.
    if (typeof value !== 'string') throw qrInvalid('length', `QR payload: ${field} is missing`, field);
    const s = value.normalize('NFC');
    if (s.length === 0) throw qrInvalid('length', `QR payload: ${field} is empty`, field);
    if (CONTROL_RE.test(s)) throw qrInvalid('field', `QR payload: ${field} has a control character`, field);
    if (LONE_SURROGATE_RE.test(s)) {
      throw qrInvalid('field', `QR payload: ${field} has a lone surrogate (not Unicode text)`, field);
    }
    const packed = PACKED_RE.test(s);
    const body = packed ? packText(s) : Buffer.from(s, 'utf8');
    const n = packed ? s.length : body.length;
    if (n > maxUnits) throw qrInvalid('length', `QR payload: ${field} is longer than ${maxUnits}`, field);
    this.byte((n << 1) | (packed ? 1 : 0));
    this.bytes(body);
  }
  toBuffer(): Buffer {
    return Buffer.from(this.parts);
  }
}

function packText(s: string): Buffer {
  const out = Buffer.alloc(packedLength(s.length));
  let o = 0;
  for (let i = 0; i < s.length; i += 3) {
    const group = s.slice(i, i + 3);
    let v = 0;
    for (const c of group) v = v * 40 + (PACKED_INDEX.get(c) ?? 0);
    if (group.length === 1) out[o++] = v;
    else o = out.writeUInt16BE(v, o);
  }
  return out;
}

export class ByteReader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  get offset(): number {
    return this.pos;
  }
  get remaining(): number {
    return this.buf.length - this.pos;
  }
  take(n: number, what: string): Buffer {
    if (n > this.remaining) throw qrInvalid('truncated', `QR payload: truncated in ${what}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  byte(what: string): number {
    return this.take(1, what)[0];
  }
  uint16(what: string): number {
    return this.take(2, what).readUInt16BE(0);
  }
  /** Text or `null` for the empty header; the caller decides whether `null` is allowed. */
  text(field: string, maxUnits: number): string | null {
    const header = this.byte(field);
    if (header === 0) return null;
    const n = header >>> 1;
    if (n === 0 || n > maxUnits) throw qrInvalid('length', `QR payload: bad length for ${field}`, field);
    let s: string;
    if (header & 1) {
      s = unpackText(this.take(packedLength(n), field), n, field);
    } else {
      // take() first: running off the end is `truncated` (docs/QR-FORMAT.md), not a UTF-8 error.
      const body = this.take(n, field);
      try {
        s = UTF8.decode(body);
      } catch {
        throw qrInvalid('utf8', `QR payload: ${field} is not valid UTF-8`, field);
      }
      if (s.normalize('NFC') !== s) throw qrInvalid('nfc', `QR payload: ${field} is not in NFC`, field);
      if (CONTROL_RE.test(s)) throw qrInvalid('field', `QR payload: ${field} has a control character`, field);
    }
    return s;
  }
}

function unpackText(body: Buffer, n: number, field: string): string {
  let s = '';
  for (let i = 0, o = 0; i < n; i += 3) {
    const chars = Math.min(3, n - i);
    const v = chars === 1 ? body[o] : body.readUInt16BE(o);
    o += GROUP_BYTES[chars];
    if (v >= GROUP_LIMIT[chars]) throw qrInvalid('packed', `QR payload: bad packed text in ${field}`, field);
    let group = '';
    for (let j = 0, x = v; j < chars; j++, x = Math.floor(x / 40)) group = PACKED_ALPHABET[x % 40] + group;
    s += group;
  }
  return s;
}
