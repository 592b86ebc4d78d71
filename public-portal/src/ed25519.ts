// WebCrypto wrappers: SHA-256, Ed25519 verification (RFC 8032) and base64, for browsers and Node 20.

export type VerifyOutcome = 'valid' | 'invalid' | 'unsupported';

type Subtle = typeof crypto.subtle;

function subtle(): Subtle {
  // crypto.subtle exists only in secure contexts (https, localhost).
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
}

const isNotSupported = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'NotSupportedError';

export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

/** The trust-list key id of a raw public key: the first 4 bytes of its SHA-256, as 8 lowercase hex. */
export async function keyIdOf(rawPublicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = await sha256(rawPublicKey);
  let s = '';
  for (const b of d.subarray(0, 4)) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Plain Ed25519 verification with a raw 32-byte public key. 'unsupported' when this browser's WebCrypto
 * has no Ed25519 (Chromium < 137, Firefox < 129, Safari < 17) or no crypto.subtle at all.
 */
export async function ed25519Verify(
  rawPublicKey: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
): Promise<VerifyOutcome> {
  if (rawPublicKey.length !== 32 || signature.length !== 64) return 'invalid';
  let s: Subtle;
  try {
    s = subtle();
  } catch {
    return 'unsupported';
  }
  try {
    const key = await s.importKey('raw', rawPublicKey, { name: 'Ed25519' }, false, ['verify']);
    return (await s.verify({ name: 'Ed25519' }, key, signature, message)) ? 'valid' : 'invalid';
  } catch (e) {
    // NotSupportedError: no Ed25519 here. Anything else (DataError: not a curve point) is a bad key.
    return isNotSupported(e) ? 'unsupported' : 'invalid';
  }
}

/** Strict base64 (standard alphabet, padded) → bytes; null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  const e = new TextEncoder().encode(text);
  const out = new Uint8Array(e.length);
  out.set(e);
  return out;
}
