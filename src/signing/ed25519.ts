import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

/** Raw Ed25519 keys (32-byte seed, 32-byte public key) ↔ Node KeyObjects, through JWK. */
export function generateEd25519(): { seed: Buffer; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { seed: Buffer.from(jwk.d!, 'base64url'), publicKey: Buffer.from(jwk.x!, 'base64url') };
}

export function privateKeyFromSeed(seed: Buffer, publicKey: Buffer): KeyObject {
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: publicKey.toString('base64url') },
    format: 'jwk',
  });
}

export function publicKeyFromRaw(publicKey: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
}

export function ed25519Sign(key: KeyObject, data: Buffer): Buffer {
  return sign(null, data, key);
}

export function ed25519Verify(publicKey: Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
}
