import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '../audit/audit.repository';
import { OrganisationSuccessionEntity } from './entities/organisation-succession.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import type { OrganisationKind } from './org-kinds';

@Injectable()
export class OrgsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(OrganisationEntity);
  }

  findByCode(code: string, em?: EntityManager): Promise<OrganisationEntity | null> {
    return this.repo(em).findOne({ where: { code } });
  }

  findById(id: string, em?: EntityManager): Promise<OrganisationEntity | null> {
    return this.repo(em).findOne({ where: { id } });
  }

  findByIds(ids: string[]): Promise<OrganisationEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo().createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  findRoot(em?: EntityManager): Promise<OrganisationEntity | null> {
    return this.repo(em)
      .createQueryBuilder('o')
      .where('o.parent_id IS NULL')
      .orderBy('o.created_at')
      .getOne();
  }

  async insertOrganisation(em: EntityManager, org: OrganisationEntity): Promise<void> {
    await em.insert(OrganisationEntity, org);
  }

  async setValidTo(em: EntityManager, id: string, validTo: string): Promise<void> {
    await em.update(OrganisationEntity, { id }, { validTo });
  }

  async insertSuccession(em: EntityManager, s: OrganisationSuccessionEntity): Promise<void> {
    await em.insert(OrganisationSuccessionEntity, s);
  }

  findSuccessors(predecessorId: string): Promise<OrganisationSuccessionEntity[]> {
    return this.dataSource.getRepository(OrganisationSuccessionEntity).find({
      where: { predecessorId },
      order: { effectiveOn: 'ASC' },
    });
  }

  findSubtree(pathPrefix: string, kinds?: OrganisationKind[]): Promise<OrganisationEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('o')
      .where('o.path LIKE :prefix', { prefix: escapeLike(pathPrefix) + '%' });
    if (kinds?.length) qb.andWhere('o.kind = ANY(:kinds)', { kinds });
    return qb.orderBy('o.code').getMany();
  }

  /** Organisations under a path prefix, in code order, keyset-paginated on code. */
  findInSubtree(f: {
    pathPrefix: string;
    kind?: OrganisationKind;
    parentId?: string;
    afterCode?: string | null;
    limit: number;
  }) {
    const qb = this.repo()
      .createQueryBuilder('o')
      .where('o.path LIKE :prefix', { prefix: escapeLike(f.pathPrefix) + '%' });
    if (f.kind) qb.andWhere('o.kind = :kind', { kind: f.kind });
    if (f.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: f.parentId });
    if (f.afterCode) qb.andWhere('o.code > :afterCode', { afterCode: f.afterCode });
    return qb
      .orderBy('o.code', 'ASC')
      .limit(f.limit + 1)
      .getMany();
  }
}
