import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with the key-encryption key: private keys never rest in the database in clear. */
export class KeyVault {
  private readonly kek: Buffer;

  constructor(keyEncryptionKeyBase64: string) {
    this.kek = Buffer.from(keyEncryptionKeyBase64, 'base64');
    if (this.kek.length !== 32) throw new Error('KEY_ENCRYPTION_KEY must decode to 32 bytes');
  }

  /** `aad` binds the ciphertext to its key id, so rows cannot be swapped. */
  seal(secret: Buffer, aad: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer, aad: string): Buffer {
    const nonce = sealed.subarray(0, 12);
    const tag = sealed.subarray(sealed.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.kek, nonce);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  }
}
