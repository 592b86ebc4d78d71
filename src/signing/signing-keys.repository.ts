import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, Raw } from 'typeorm';
import { SigningKeyEntity, type KeyPurpose } from './entities/signing-key.entity';

@Injectable()
export class SigningKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(SigningKeyEntity);
  }

  /** The key in use for a purpose: the newest one not retired or compromised. */
  findActive(
    purpose: KeyPurpose,
    orgId: string | null,
    em?: EntityManager,
  ): Promise<SigningKeyEntity | null> {
    return this.repo(em).findOne({
      where: { purpose, orgId: orgId ?? IsNull(), retiredAt: IsNull(), compromisedAt: IsNull() },
      order: { validFrom: 'DESC' },
    });
  }

  /** Active issuer keys owned by any of these organisations. */
  findActiveIssuerKeys(orgIds: string[], em?: EntityManager): Promise<SigningKeyEntity[]> {
    if (!orgIds.length) return Promise.resolve([]);
    return this.repo(em).find({
      where: {
        purpose: 'issuer',
        // one array parameter, not one per id (IN): any number of organisations
        orgId: Raw((column) => `${column} = ANY(:orgIds)`, { orgIds }),
        retiredAt: IsNull(),
        compromisedAt: IsNull(),
      },
      order: { validFrom: 'DESC' },
    });
  }

  findByKeyId(keyId: string, em?: EntityManager): Promise<SigningKeyEntity | null> {
    return this.repo(em).findOne({ where: { keyId } });
  }

  /** Every key ever used for a purpose (verifiers need retired ones too). */
  findAll(purpose: KeyPurpose, em?: EntityManager): Promise<SigningKeyEntity[]> {
    return this.repo(em).find({ where: { purpose }, order: { validFrom: 'ASC' } });
  }

  async trustStamp(): Promise<string> {
    // Every field the trust list shows, hashed: cheap for the few thousand keys a country has.
    const [r] = await this.dataSource.query<{ stamp: string }[]>(
      `SELECT (SELECT md5(coalesce(string_agg(key_id || '/' || coalesce(retired_at::text, '') || '/' ||
                 coalesce(compromised_at::text, '') || '/' || covers_subtree::text, ',' ORDER BY key_id), ''))
               FROM signing_keys WHERE purpose IN ('root', 'issuer'))
           || '|' || (SELECT count(*) || ':' || count(valid_to) FROM organisations) AS stamp`,
    );
    return r.stamp;
  }

  async insertKey(em: EntityManager, key: SigningKeyEntity): Promise<void> {
    await em.insert(SigningKeyEntity, key);
  }

  async retire(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.update(SigningKeyEntity, { id, retiredAt: IsNull() }, { retiredAt: at });
  }

  async markCompromised(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.update(SigningKeyEntity, { id }, { compromisedAt: at });
  }
}
