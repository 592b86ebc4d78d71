import { CopyRefusalEntity } from './entities/copy-refusal.entity';
import { RegisterEntryEntity } from '../register/entities/register-entry.entity';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CopyRegisterBookEntity } from './entities/copy-register-book.entity';
import { CopyRequestEntity } from './entities/copy-request.entity';
import { RegisterCopyEntity } from './entities/register-copy.entity';

@Injectable()
export class CopiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the register entry FOR SHARE (copies go side by side; a revocation or re-issue, which lock
   * it FOR UPDATE, waits or is waited for) and tells whether it still stands.
   */
  async lockEntryStanding(
    em: EntityManager,
    entryId: string,
  ): Promise<{ revoked: boolean; replaced: boolean; corrections: number; serials: number } | null> {
    const [row] = await em.query<
      { revoked: boolean; replaced: boolean; corrections: number; serials: number }[]
    >(
      `WITH locked AS (SELECT id FROM register_entries WHERE id = $1 FOR SHARE)
       SELECT EXISTS (SELECT 1 FROM revocations r WHERE r.entry_id = l.id) AS revoked,
              EXISTS (SELECT 1 FROM reissues r WHERE r.entry_id = l.id) AS replaced,
              (SELECT count(*)::int FROM corrections c WHERE c.entry_id = l.id) AS corrections,
              (SELECT count(*)::int FROM register_entry_serials s WHERE s.entry_id = l.id) AS serials
         FROM locked l`,
      [entryId],
    );
    return row ?? null;
  }

  /** NUM-6: the copy register of a custodian, type and year, created on first use, locked for the caller. */
  async lockCopyBook(
    em: EntityManager,
    custodianOrgId: string,
    credentialType: string,
    year: number,
    newId: string,
  ): Promise<CopyRegisterBookEntity> {
    await em.query(
      `INSERT INTO copy_register_books (id, custodian_org_id, credential_type, year) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_copy_register_book DO NOTHING`,
      [newId, custodianOrgId, credentialType, year],
    );
    return (await em
      .getRepository(CopyRegisterBookEntity)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where(
        'b.custodian_org_id = :custodianOrgId AND b.credential_type = :credentialType AND b.year = :year',
        { custodianOrgId, credentialType, year },
      )
      .getOne())!;
  }

  async setLastSequence(em: EntityManager, bookId: string, lastSequence: number): Promise<void> {
    await em.update(CopyRegisterBookEntity, { id: bookId }, { lastSequence });
  }

  async insertRequest(em: EntityManager, r: CopyRequestEntity): Promise<void> {
    await em.insert(CopyRequestEntity, r);
  }

  async insertCopies(em: EntityManager, rows: RegisterCopyEntity[]): Promise<void> {
    await em.insert(RegisterCopyEntity, rows);
  }

  findCopy(id: string): Promise<RegisterCopyEntity | null> {
    return this.dataSource.getRepository(RegisterCopyEntity).findOne({ where: { id } });
  }

  /** The rows of a copy register (COPY-6), in copy number order. */
  copiesOfBook(custodianOrgId: string, credentialType: string, year: number): Promise<RegisterCopyEntity[]> {
    return this.dataSource
      .getRepository(RegisterCopyEntity)
      .find({ where: { custodianOrgId, credentialType, year }, order: { copySequence: 'ASC' } });
  }

  requestsByIds(ids: string[]): Promise<CopyRequestEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(CopyRequestEntity)
      .createQueryBuilder('r')
      .where('r.id = ANY(:ids)', { ids })
      .getMany();
  }

  async insertRefusal(em: EntityManager, r: CopyRefusalEntity): Promise<void> {
    await em.insert(CopyRefusalEntity, r);
  }

  findRefusal(id: string): Promise<CopyRefusalEntity | null> {
    return this.dataSource.getRepository(CopyRefusalEntity).findOne({ where: { id } });
  }

  entriesByIds(ids: string[]): Promise<RegisterEntryEntity[]> {
    return this.dataSource
      .getRepository(RegisterEntryEntity)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids)', { ids })
      .getMany();
  }
}
