import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustodyAssignmentEntity } from './entities/custody-assignment.entity';

@Injectable()
export class CustodyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The assignment in force on `date`: the latest one that took effect on or before it. */
  findEffective(issuerOrgId: string, credentialType: string, date: string, em?: EntityManager) {
    return (em ?? this.dataSource.manager)
      .getRepository(CustodyAssignmentEntity)
      .createQueryBuilder('c')
      .where('c.issuer_org_id = :issuerOrgId', { issuerOrgId })
      .andWhere('c.credential_type = :credentialType', { credentialType })
      .andWhere('c.effective_from <= :date', { date })
      .orderBy('c.effective_from', 'DESC')
      .getOne();
  }

  findOn(issuerOrgId: string, credentialType: string, effectiveFrom: string, em?: EntityManager) {
    return (em ?? this.dataSource.manager)
      .getRepository(CustodyAssignmentEntity)
      .findOne({ where: { issuerOrgId, credentialType, effectiveFrom } });
  }

  findForIssuer(issuerOrgId: string): Promise<CustodyAssignmentEntity[]> {
    return this.dataSource
      .getRepository(CustodyAssignmentEntity)
      .find({ where: { issuerOrgId }, order: { effectiveFrom: 'ASC' } });
  }

  async insertAssignment(em: EntityManager, a: CustodyAssignmentEntity): Promise<void> {
    await em.insert(CustodyAssignmentEntity, a);
  }
}
