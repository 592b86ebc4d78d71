import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';

// Raw Ed25519 keys (32-byte RFC 8032 seed, 32-byte public key) ↔ Node KeyObjects, through the DER
// headers of SubjectPublicKeyInfo and PKCS #8 (RFC 8410) followed by the raw 32 bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const KEY_SIZE = 32;

function assertKeyBytes(key: Buffer, what: string): void {
  if (key.length !== KEY_SIZE) throw new RangeError(`Ed25519 ${what} must be ${KEY_SIZE} bytes`);
}

/** Ed25519 public KeyObject from its raw 32 bytes. */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  assertKeyBytes(raw, 'public key');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Ed25519 private KeyObject from its 32-byte seed. */
export function privateKeyFromSeed(seed: Buffer): KeyObject {
  assertKeyBytes(seed, 'seed');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Raw 32-byte Ed25519 public key of a public or private KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 key');
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/** A new key pair as raw bytes: the seed (to store encrypted) and the public key. */
export function generateEd25519(): { seed: Buffer; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  return { seed: Buffer.from(seed), publicKey: rawPublicKey(privateKey) };
}

export function ed25519Verify(publicKey: Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
}
