import { qrInvalid } from './qr-errors';

// Bytes ↔ decimal digits for QR numeric mode (10 bits per 3 digits, ~3.33 bits a character). Each chunk of
// 7 bytes is read as a big-endian number and written as 17 digits with leading zeros (10^17 > 2^56), as
// RFC 9285 does with 2 bytes and base 45. A final chunk of k < 7 bytes takes the fewest digits that hold
// 256^k values. Fixed widths make the text canonical: one byte string, one digit string.

const CHUNK_BYTES = 7;
/** Digits for a chunk of k bytes: ceil(8k · log10 2). */
const DIGITS_FOR = [0, 3, 5, 8, 10, 13, 15, 17];
const BYTES_FOR = new Map(DIGITS_FOR.map((d, k) => [d, k]));
const CHUNK_DIGITS = DIGITS_FOR[CHUNK_BYTES];

/** Number of digits for `n` bytes. */
export function digitCount(n: number): number {
  return Math.floor(n / CHUNK_BYTES) * CHUNK_DIGITS + DIGITS_FOR[n % CHUNK_BYTES];
}

export function bytesToDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
    const chunk = bytes.subarray(i, i + CHUNK_BYTES);
    let v = 0n;
    for (const b of chunk) v = (v << 8n) | BigInt(b);
    out += v.toString().padStart(DIGITS_FOR[chunk.length], '0');
  }
  return out;
}

/** Throws AppError QR_PAYLOAD_INVALID (reason 'encoding') on any character other than 0–9, a digit count
 * that no byte count gives, or a chunk whose value does not fit its bytes. */
export function digitsToBytes(text: string): Buffer {
  if (!/^[0-9]*$/.test(text)) throw qrInvalid('encoding', 'QR payload: only the digits 0-9 are allowed');
  const tail = BYTES_FOR.get(text.length % CHUNK_DIGITS);
  if (tail === undefined)
    throw qrInvalid('encoding', `QR payload: ${text.length} digits is not a valid length`);
  const out = Buffer.alloc(Math.floor(text.length / CHUNK_DIGITS) * CHUNK_BYTES + tail);
  for (let i = 0, o = 0; i < text.length;) {
    const k = Math.min(CHUNK_BYTES, out.length - o);
    let v = BigInt(text.slice(i, i + DIGITS_FOR[k]));
    if (v >> BigInt(8 * k) !== 0n) throw qrInvalid('encoding', 'QR payload: a digit chunk is out of range');
    for (let j = k - 1; j >= 0; j--, v >>= 8n) out[o + j] = Number(v & 0xffn);
    i += DIGITS_FOR[k];
    o += k;
  }
  return out;
}
