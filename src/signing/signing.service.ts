import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import { generateEd25519, privateKeyFromSeed } from './ed25519';
import type { KeyPurpose, SigningKeyEntity } from './entities/signing-key.entity';
import { KeyVault } from './key-vault';
import { SigningKeysRepository } from './signing-keys.repository';

export const KEY_VAULT = Symbol('KEY_VAULT');

export interface UsableKey {
  row: SigningKeyEntity;
  privateKey: KeyObject;
}

/** Creates, rotates and opens Ed25519 keys. Private keys are decrypted only in memory, when signing. */
@Injectable()
export class SigningService {
  constructor(
    private readonly repo: SigningKeysRepository,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    @Inject(KEY_VAULT) private readonly vault: KeyVault,
  ) {}

  async createKey(
    purpose: KeyPurpose,
    orgId: string | null,
    em?: EntityManager,
    opts: { coversSubtree?: boolean } = {},
  ): Promise<SigningKeyEntity> {
    const work = async (m: EntityManager) => {
      let { seed, publicKey } = generateEd25519();
      // Issuer keys are named by their fingerprint, which QR payloads carry in 4 bytes; a clash with
      // an existing key (about 1 in 4 billion per pair) is avoided by drawing another key.
      while (purpose === 'issuer' && (await this.repo.findByKeyId(issuerKeyId(publicKey), m))) {
        ({ seed, publicKey } = generateEd25519());
      }
      const now = new Date();
      const keyId =
        purpose === 'issuer'
          ? issuerKeyId(publicKey)
          : `${purpose}-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
      const row: SigningKeyEntity = {
        id: uuidv7(),
        keyId,
        purpose,
        orgId,
        algorithm: 'Ed25519',
        publicKey,
        privateKeyEncrypted: this.vault.seal(seed, keyId),
        coversSubtree: purpose === 'issuer' && opts.coversSubtree === true,
        validFrom: now,
        retiredAt: null,
        compromisedAt: null,
        createdAt: now,
      };
      await this.repo.insertKey(m, row);
      await this.audit.record(m, {
        action: 'key.create',
        targetType: 'signingKey',
        targetId: keyId,
        details: { purpose, orgId, coversSubtree: row.coversSubtree },
      });
      return row;
    };
    return em ? work(em) : this.tx.run(work);
  }

  /**
   * The key that signs for an issuer (PRINT-10): its own active issuer key, else the nearest
   * ancestor's active key that covers its subtree. `orgPath` is the issuer's materialised path.
   */
  async issuerKey(orgPath: string): Promise<UsableKey | null> {
    const ancestors = orgPath.split('/').filter(Boolean).reverse(); // the issuer first
    const keys = await this.repo.findActiveIssuerKeys(ancestors);
    for (const [i, orgId] of ancestors.entries()) {
      const row = keys.find((k) => k.orgId === orgId && (i === 0 || k.coversSubtree));
      if (row) return { row, privateKey: this.open(row) };
    }
    return null;
  }

  /** The active key for a purpose, created on first use. */
  async activeKey(purpose: KeyPurpose, orgId: string | null = null, em?: EntityManager): Promise<UsableKey> {
    const row =
      (await this.repo.findActive(purpose, orgId, em)) ?? (await this.createKey(purpose, orgId, em));
    return { row, privateKey: this.open(row) };
  }

  open(row: SigningKeyEntity): KeyObject {
    try {
      return privateKeyFromSeed(this.vault.open(row.privateKeyEncrypted, row.keyId));
    } catch (e) {
      throw new AppError(
        'INTERNAL_ERROR',
        `Signing key ${row.keyId} cannot be decrypted (wrong KEY_ENCRYPTION_KEY?)`,
        undefined,
        undefined,
        {
          cause: e,
        },
      );
    }
  }

  /**
   * Rotation: a new key takes over; the old one is retired (its signatures stay valid). An issuer
   * key keeps its predecessor's subtree coverage unless told otherwise.
   */
  async rotate(
    purpose: KeyPurpose,
    orgId: string | null = null,
    opts: { coversSubtree?: boolean } = {},
  ): Promise<{ retired: string | null; created: string }> {
    return this.tx.run(async (em) => {
      const old = await this.repo.findActive(purpose, orgId, em);
      const created = await this.createKey(purpose, orgId, em, {
        coversSubtree: opts.coversSubtree ?? old?.coversSubtree ?? false,
      });
      if (old) {
        await this.repo.retire(em, old.id, created.validFrom);
        await this.audit.record(em, {
          action: 'key.retire',
          targetType: 'signingKey',
          targetId: old.keyId,
          details: { purpose },
        });
      }
      return { retired: old?.keyId ?? null, created: created.keyId };
    });
  }

  /** Retirement: the key signs nothing new; its signatures stay valid. */
  async retire(keyId: string): Promise<SigningKeyEntity> {
    return this.tx.run(async (em) => {
      const key = await this.repo.findByKeyId(keyId, em);
      if (!key) throw new AppError('NOT_FOUND', `No signing key ${keyId}`);
      if (key.retiredAt)
        throw new AppError('KEY_RETIRED', `Key ${keyId} was retired on ${key.retiredAt.toISOString()}`);
      const at = new Date();
      await this.repo.retire(em, key.id, at);
      await this.audit.record(em, {
        action: 'key.retire',
        targetType: 'signingKey',
        targetId: keyId,
        details: { purpose: key.purpose },
      });
      return { ...key, retiredAt: at };
    });
  }

  /** Signatures made after `at` are no longer trusted; the key is also retired. */
  async markCompromised(keyId: string, at: Date): Promise<void> {
    await this.tx.run(async (em) => {
      const key = await this.repo.findByKeyId(keyId, em);
      if (!key) throw new AppError('NOT_FOUND', `No signing key ${keyId}`);
      await this.repo.markCompromised(em, key.id, at);
      await this.repo.retire(em, key.id, at);
      await this.audit.record(em, {
        action: 'key.compromise',
        targetType: 'signingKey',
        targetId: keyId,
        details: { at: at.toISOString() },
      });
    });
  }

  keys(purpose: KeyPurpose): Promise<SigningKeyEntity[]> {
    return this.repo.findAll(purpose);
  }

  /** Changes whenever a root or issuer key, or the organisation tree, changes: the trust list's cache key. */
  trustStamp(): Promise<string> {
    return this.repo.trustStamp();
  }

  findKey(keyId: string): Promise<SigningKeyEntity | null> {
    return this.repo.findByKeyId(keyId);
  }
}

/** An issuer key's id: the first 4 bytes of SHA-256 of its raw public key, in hex (docs/QR-FORMAT.md). */
export function issuerKeyId(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest().subarray(0, 4).toString('hex');
}
