import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GraduationDecisionEntity } from '../register/entities/graduation-decision.entity';
import { RegisterEntryEntity } from '../register/entities/register-entry.entity';
import { DiplomaPrintEntity } from './entities/diploma-print.entity';

@Injectable()
export class PrintingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertPrints(em: EntityManager, rows: DiplomaPrintEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1_000)
      await em.insert(DiplomaPrintEntity, rows.slice(i, i + 1_000));
  }

  /** "entryId|serial" of every (entry, blank) pair already printed, among these entries. */
  async printedPairs(entryIds: string[], em?: EntityManager): Promise<Set<string>> {
    if (!entryIds.length) return new Set();
    const rows = await (em ?? this.dataSource.manager).query<
      { entry_id: string; serial_number: string | null }[]
    >(`SELECT DISTINCT entry_id, serial_number FROM diploma_prints WHERE entry_id = ANY($1::uuid[])`, [
      entryIds,
    ]);
    return new Set(rows.map((r) => `${r.entry_id}|${r.serial_number ?? ''}`));
  }

  /**
   * Locks the entries (FOR SHARE: prints may record side by side, a misprint or handover, which lock
   * FOR UPDATE, waits) and reads what a print depends on: the current blank and whether it was handed over.
   */
  async lockForPrinting(
    em: EntityManager,
    entryIds: string[],
  ): Promise<
    Map<string, { serialNumber: string | null; handedOver: boolean; standing: boolean; corrections: number }>
  > {
    const rows = await em.query<
      {
        id: string;
        serial_number: string | null;
        handed_over: boolean;
        standing: boolean;
        corrections: number;
      }[]
    >(
      `WITH locked AS (SELECT id, serial_number FROM register_entries WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE)
       SELECT l.id,
              COALESCE((SELECT r.serial_number FROM register_entry_serials r WHERE r.entry_id = l.id
                        ORDER BY r.created_at DESC, r.id DESC LIMIT 1), l.serial_number) AS serial_number,
              EXISTS (SELECT 1 FROM handovers h WHERE h.entry_id = l.id) AS handed_over,
              NOT EXISTS (SELECT 1 FROM revocations r WHERE r.entry_id = l.id)
                AND NOT EXISTS (SELECT 1 FROM reissues r WHERE r.entry_id = l.id) AS standing,
              (SELECT count(*)::int FROM corrections c WHERE c.entry_id = l.id) AS corrections
         FROM locked l`,
      [entryIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          serialNumber: r.serial_number,
          handedOver: r.handed_over,
          standing: r.standing,
          corrections: r.corrections,
        },
      ]),
    );
  }

  async decisionExists(id: string): Promise<boolean> {
    return (await this.dataSource.getRepository(GraduationDecisionEntity).countBy({ id })) > 0;
  }

  printsOf(entryId: string): Promise<DiplomaPrintEntity[]> {
    return this.dataSource
      .getRepository(DiplomaPrintEntity)
      .find({ where: { entryId }, order: { createdAt: 'ASC' } });
  }

  async decisionsByIds(ids: string[]): Promise<Map<string, GraduationDecisionEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource
      .getRepository(GraduationDecisionEntity)
      .createQueryBuilder('d')
      .where('d.id = ANY(:ids)', { ids })
      .getMany();
    return new Map(rows.map((d) => [d.id, d]));
  }

  /** Ids of a decision's diplomas in register order, the order a batch is printed in. */
  async entryIdsOfDecision(decisionId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(RegisterEntryEntity)
      .createQueryBuilder('e')
      .select('e.id', 'id')
      .where('e.decision_id = :decisionId', { decisionId })
      .orderBy('e.register_sequence')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  entriesByIds(ids: string[]): Promise<RegisterEntryEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(RegisterEntryEntity)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids)', { ids })
      .getMany();
  }
}
