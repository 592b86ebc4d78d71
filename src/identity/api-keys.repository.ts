import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '../audit/audit.repository';
import { ApiKeyEntity } from './entities/api-key.entity';

export interface ApiKeyWithOrg extends ApiKeyEntity {
  orgCode: string;
  orgPath: string;
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private base(em?: EntityManager) {
    return (em ?? this.dataSource.manager)
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .innerJoin('k.org', 'o')
      .addSelect(['o.code', 'o.path']);
  }

  private static withOrg(k: ApiKeyEntity): ApiKeyWithOrg {
    const { org, ...rest } = k;
    return { ...rest, orgCode: org!.code, orgPath: org!.path };
  }

  async findByKeyId(keyId: string): Promise<ApiKeyWithOrg | null> {
    const k = await this.base().where('k.key_id = :keyId', { keyId }).getOne();
    return k ? ApiKeysRepository.withOrg(k) : null;
  }

  async findById(id: string, em?: EntityManager): Promise<ApiKeyWithOrg | null> {
    const k = await this.base(em).where('k.id = :id', { id }).getOne();
    return k ? ApiKeysRepository.withOrg(k) : null;
  }

  async findInSubtree(pathPrefix: string): Promise<ApiKeyWithOrg[]> {
    const rows = await this.base()
      .where('o.path LIKE :p', { p: escapeLike(pathPrefix) + '%' })
      .orderBy('k.created_at', 'DESC')
      .getMany();
    return rows.map((r) => ApiKeysRepository.withOrg(r));
  }

  async insertKey(em: EntityManager, k: ApiKeyEntity): Promise<void> {
    await em.insert(ApiKeyEntity, k);
  }

  async revoke(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }

  /** Coarse (hourly) so that reading with a key does not write on every request. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 hour')`,
      [id],
    );
  }
}
