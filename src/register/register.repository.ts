import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GraduateEntity } from './entities/graduate.entity';
import { GraduationDecisionEntity } from './entities/graduation-decision.entity';
import { HandoverEntity } from './entities/handover.entity';
import { IssuanceEntity } from './entities/issuance.entity';
import { RegisterBookClosureEntity } from './entities/register-book-closure.entity';
import { RegisterBookEntity } from './entities/register-book.entity';
import { RegisterCustodyTransferEntity } from './entities/register-custody-transfer.entity';
import { RegisterEntryEntity } from './entities/register-entry.entity';
import { RegisterEntrySerialEntity } from './entities/register-entry-serial.entity';
import { RevocationEntity } from './entities/revocation.entity';
import { CorrectionEntity } from './entities/correction.entity';
import { ReissueEntity } from './entities/reissue.entity';

/** Arrays for `INSERT … SELECT * FROM unnest(...)`: one round trip per batch of rows. */
function columns<T>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((k) => rows.map((r) => r[k] ?? null));
}

const GRADUATE_COLUMNS: (keyof GraduateEntity)[] = [
  'id',
  'decisionId',
  'rowNo',
  'fullName',
  'nameKey',
  'dateOfBirth',
  'placeOfBirth',
  'gender',
  'ethnicity',
  'nationality',
  'personalIdNumber',
  'learnerCode',
  'classification',
  'className',
  'examScores',
];

const ENTRY_COLUMNS: (keyof RegisterEntryEntity)[] = [
  'id',
  'bookId',
  'decisionId',
  'graduateId',
  'issuanceId',
  'registerSequence',
  'registerEntryNumber',
  'serialNumber',
  'issuerOrgId',
  'credentialType',
  'issuedOn',
  'ruleSet',
  'signerName',
  'signerTitle',
  'schoolOrgId',
  'graduationYear',
  'fullName',
  'nameKey',
  'dateOfBirth',
  'placeOfBirth',
  'gender',
  'ethnicity',
  'nationality',
  'personalIdNumber',
  'classification',
  'examScores',
];

@Injectable()
export class RegisterRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  // ---- decisions and graduates

  async insertDecision(em: EntityManager, d: GraduationDecisionEntity): Promise<void> {
    await em.insert(GraduationDecisionEntity, d);
  }

  findDecision(id: string, em?: EntityManager): Promise<GraduationDecisionEntity | null> {
    return this.m(em).getRepository(GraduationDecisionEntity).findOne({ where: { id } });
  }

  findDecisionByNo(schoolOrgId: string, credentialType: string, decisionNo: string, em?: EntityManager) {
    return this.m(em)
      .getRepository(GraduationDecisionEntity)
      .findOne({ where: { schoolOrgId, credentialType, decisionNo } });
  }

  async decisionsOfSchools(
    schoolOrgIds: string[],
    afterId: string | null,
    limit: number,
  ): Promise<GraduationDecisionEntity[]> {
    const qb = this.dataSource
      .getRepository(GraduationDecisionEntity)
      .createQueryBuilder('d')
      .where('d.school_org_id = ANY(:ids)', {
        ids: schoolOrgIds.length ? schoolOrgIds : ['00000000-0000-0000-0000-000000000000'],
      });
    if (afterId) qb.andWhere('d.id < :afterId', { afterId });
    return qb
      .orderBy('d.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** Serialises imports into one decision (row numbers stay continuous). */
  async lockDecision(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`decision:${id}`]);
  }

  async maxRowNo(em: EntityManager, decisionId: string): Promise<number> {
    const [row] = await em.query<{ n: number | null }[]>(
      `SELECT max(row_no) AS n FROM graduates WHERE decision_id = $1`,
      [decisionId],
    );
    return row.n ?? 0;
  }

  async insertGraduates(em: EntityManager, rows: GraduateEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      await em.query(
        `INSERT INTO graduates (id, decision_id, row_no, full_name, name_key, date_of_birth, place_of_birth, gender, ethnicity,
           nationality, personal_id_number, learner_code, classification, class_name, exam_scores)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])`,
        columns(rows.slice(i, i + 10_000), GRADUATE_COLUMNS),
      );
    }
  }

  /**
   * ISSUE-1: graduates already recorded for this credential type who match one of the given people
   * by matching key and birth date, or by personal ID number.
   */
  async findRecordedMatches(
    em: EntityManager,
    credentialType: string,
    people: { nameKey: string; dateOfBirth: string; personalIdNumber: string | null }[],
  ): Promise<
    { nameKey: string; dateOfBirth: string; personalIdNumber: string | null; decisionNo: string }[]
  > {
    if (!people.length) return [];
    return em.query(
      `SELECT g.name_key AS "nameKey", g.date_of_birth AS "dateOfBirth", g.personal_id_number AS "personalIdNumber", d.decision_no AS "decisionNo"
       FROM graduates g JOIN graduation_decisions d ON d.id = g.decision_id
       WHERE d.credential_type = $1 AND (
         (g.name_key, g.date_of_birth) IN (SELECT * FROM unnest($2::text[], $3::date[]))
         OR g.personal_id_number = ANY($4::text[]))`,
      [
        credentialType,
        people.map((p) => p.nameKey),
        people.map((p) => p.dateOfBirth),
        people.map((p) => p.personalIdNumber).filter(Boolean),
      ],
    );
  }

  async countGraduates(decisionId: string, em?: EntityManager): Promise<number> {
    const [row] = await this.m(em).query<{ n: string }[]>(
      `SELECT count(*) AS n FROM graduates WHERE decision_id = $1`,
      [decisionId],
    );
    return Number(row.n);
  }

  graduatesPage(
    em: EntityManager,
    decisionId: string,
    afterRowNo: number,
    limit: number,
  ): Promise<GraduateEntity[]> {
    return em
      .getRepository(GraduateEntity)
      .createQueryBuilder('g')
      .where('g.decision_id = :decisionId AND g.row_no > :afterRowNo', { decisionId, afterRowNo })
      .orderBy('g.row_no')
      .limit(limit)
      .getMany();
  }

  // ---- register books

  /** The book of an issuer, type and year, created on first use, locked for the caller's transaction. */
  async lockBook(
    em: EntityManager,
    issuerOrgId: string,
    credentialType: string,
    year: number,
    newId: string,
  ): Promise<RegisterBookEntity> {
    await em.query(
      `INSERT INTO register_books (id, issuer_org_id, credential_type, year) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_register_book DO NOTHING`,
      [newId, issuerOrgId, credentialType, year],
    );
    return (await em
      .getRepository(RegisterBookEntity)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.issuer_org_id = :issuerOrgId AND b.credential_type = :credentialType AND b.year = :year', {
        issuerOrgId,
        credentialType,
        year,
      })
      .getOne())!;
  }

  findBook(issuerOrgId: string, credentialType: string, year: number): Promise<RegisterBookEntity | null> {
    return this.dataSource
      .getRepository(RegisterBookEntity)
      .findOne({ where: { issuerOrgId, credentialType, year } });
  }

  findBookById(id: string, em?: EntityManager): Promise<RegisterBookEntity | null> {
    return this.m(em).getRepository(RegisterBookEntity).findOne({ where: { id } });
  }

  async lockBookById(em: EntityManager, id: string): Promise<RegisterBookEntity | null> {
    return em
      .getRepository(RegisterBookEntity)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.id = :id', { id })
      .getOne();
  }

  async setLastSequence(em: EntityManager, bookId: string, lastSequence: number): Promise<void> {
    await em.update(RegisterBookEntity, { id: bookId }, { lastSequence });
  }

  async setClosed(em: EntityManager, bookId: string, closedBy: string): Promise<void> {
    await em.update(RegisterBookEntity, { id: bookId }, { closedAt: new Date(), closedBy });
  }

  booksOfIssuers(
    issuerOrgIds: string[],
    credentialType?: string,
    year?: number,
  ): Promise<RegisterBookEntity[]> {
    const qb = this.dataSource
      .getRepository(RegisterBookEntity)
      .createQueryBuilder('b')
      .where('b.issuer_org_id = ANY(:ids)', {
        ids: issuerOrgIds.length ? issuerOrgIds : ['00000000-0000-0000-0000-000000000000'],
      });
    if (credentialType) qb.andWhere('b.credential_type = :credentialType', { credentialType });
    if (year) qb.andWhere('b.year = :year', { year });
    return qb.orderBy('b.year', 'DESC').addOrderBy('b.credential_type').getMany();
  }

  booksOfIssuer(
    issuerOrgId: string,
    credentialType: string,
    em?: EntityManager,
  ): Promise<RegisterBookEntity[]> {
    return this.m(em)
      .getRepository(RegisterBookEntity)
      .find({ where: { issuerOrgId, credentialType }, order: { year: 'ASC' } });
  }

  async insertClosure(em: EntityManager, c: RegisterBookClosureEntity): Promise<void> {
    await em.insert(RegisterBookClosureEntity, c);
  }

  // ---- entries and issuances

  async insertEntries(em: EntityManager, rows: RegisterEntryEntity[]): Promise<void> {
    await em.query(
      `INSERT INTO register_entries (id, book_id, decision_id, graduate_id, issuance_id, register_sequence, register_entry_number,
         serial_number, issuer_org_id, credential_type, issued_on, rule_set, signer_name, signer_title, school_org_id, graduation_year,
         full_name, name_key, date_of_birth, place_of_birth, gender, ethnicity, nationality, personal_id_number, classification, exam_scores)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::text[], $8::text[], $9::uuid[],
         $10::text[], $11::date[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::int[], $17::text[], $18::text[], $19::date[],
         $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[])`,
      columns(rows, ENTRY_COLUMNS),
    );
  }

  async insertIssuance(em: EntityManager, i: IssuanceEntity): Promise<void> {
    await em.insert(IssuanceEntity, i);
  }

  findIssuance(decisionId: string, em?: EntityManager): Promise<IssuanceEntity | null> {
    return this.m(em).getRepository(IssuanceEntity).findOne({ where: { decisionId } });
  }

  findEntry(id: string): Promise<RegisterEntryEntity | null> {
    return this.dataSource.getRepository(RegisterEntryEntity).findOne({ where: { id } });
  }

  /** Entries matching a serial, a register number or a decision, keyset-paged by sequence/id. */
  async findEntries(
    f: {
      serialNumber?: string;
      registerEntryNumber?: string;
      decisionId?: string;
      bookId?: string;
      schoolOrgId?: string;
      graduationYear?: number;
      unclaimed?: boolean;
    },
    after: string | null,
    limit: number,
  ): Promise<{ rows: RegisterEntryEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(RegisterEntryEntity).createQueryBuilder('e');
    // A misprinted entry is found by its current serial and by the spoiled ones (BLANK-9 history);
    // a UNION of two index lookups, where an OR across the tables would scan every entry.
    if (f.serialNumber)
      qb.andWhere(
        'e.id IN (SELECT id FROM register_entries WHERE serial_number = :s UNION ALL SELECT entry_id FROM register_entry_serials WHERE serial_number = :s)',
        { s: f.serialNumber },
      );
    if (f.registerEntryNumber) qb.andWhere('e.register_entry_number = :n', { n: f.registerEntryNumber });
    if (f.decisionId) qb.andWhere('e.decision_id = :d', { d: f.decisionId });
    if (f.bookId) qb.andWhere('e.book_id = :b', { b: f.bookId });
    if (f.schoolOrgId) qb.andWhere('e.school_org_id = :sc', { sc: f.schoolOrgId });
    if (f.graduationYear) qb.andWhere('e.graduation_year = :gy', { gy: f.graduationYear });
    if (f.unclaimed) qb.andWhere('NOT EXISTS (SELECT 1 FROM handovers h WHERE h.entry_id = e.id)');
    const total = await qb.getCount();
    if (after) qb.andWhere('e.id > :after', { after });
    const rows = await qb
      .orderBy('e.id')
      .limit(limit + 1)
      .getMany();
    return { rows, total };
  }

  /** A book's entries in register order (for printing the register). */
  bookEntries(bookId: string): Promise<RegisterEntryEntity[]> {
    return this.dataSource
      .getRepository(RegisterEntryEntity)
      .find({ where: { bookId }, order: { registerSequence: 'ASC' } });
  }

  async countEntries(
    bookIds: string[],
    em?: EntityManager,
  ): Promise<{ entries: number; undelivered: number; byBook: Map<string, number> }> {
    if (!bookIds.length) return { entries: 0, undelivered: 0, byBook: new Map() };
    const rows = await this.m(em).query<{ book_id: string; n: string; undelivered: string }[]>(
      `SELECT e.book_id, count(*) AS n, count(*) FILTER (WHERE h.id IS NULL) AS undelivered
       FROM register_entries e LEFT JOIN handovers h ON h.entry_id = e.id WHERE e.book_id = ANY($1::uuid[]) GROUP BY e.book_id`,
      [bookIds],
    );
    return {
      entries: rows.reduce((s, r) => s + Number(r.n), 0),
      undelivered: rows.reduce((s, r) => s + Number(r.undelivered), 0),
      byBook: new Map(rows.map((r) => [r.book_id, Number(r.n)])),
    };
  }

  // ---- serial replacements (BLANK-9: a misprinted blank is replaced on the same entry)

  async insertEntrySerial(em: EntityManager, r: RegisterEntrySerialEntity): Promise<void> {
    await em.insert(RegisterEntrySerialEntity, r);
  }

  /** Replacements per entry, oldest first; an entry's current serial is the last one's. */
  async serialHistoriesOf(
    entryIds: string[],
    em?: EntityManager,
  ): Promise<Map<string, RegisterEntrySerialEntity[]>> {
    const out = new Map<string, RegisterEntrySerialEntity[]>();
    if (!entryIds.length) return out;
    const rows = await this.m(em)
      .getRepository(RegisterEntrySerialEntity)
      .createQueryBuilder('r')
      .where('r.entry_id = ANY(:ids)', { ids: entryIds })
      .orderBy('r.created_at')
      .addOrderBy('r.id')
      .getMany();
    for (const r of rows) out.set(r.entryId, [...(out.get(r.entryId) ?? []), r]);
    return out;
  }

  /** Entries of an issuer with this number, type and issue date (NUM-2: unique per year; NUM-8: legacy may repeat). */
  findByIssuerNumber(
    issuerOrgId: string,
    credentialType: string,
    registerEntryNumber: string,
    issuedOn: string,
  ): Promise<RegisterEntryEntity[]> {
    return this.dataSource
      .getRepository(RegisterEntryEntity)
      .find({ where: { issuerOrgId, credentialType, registerEntryNumber, issuedOn }, take: 10 });
  }

  /** Locks an entry for an act that changes what is printed on it (a misprint replacement). */
  async lockEntry(em: EntityManager, id: string): Promise<RegisterEntryEntity | null> {
    return em
      .getRepository(RegisterEntryEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
  }

  // ---- revocations (REVOKE-*)

  async insertRevocation(em: EntityManager, r: RevocationEntity): Promise<void> {
    await em.insert(RevocationEntity, r);
  }

  async revocationsOf(entryIds: string[], em?: EntityManager): Promise<Map<string, RevocationEntity>> {
    if (!entryIds.length) return new Map();
    const rows = await this.m(em)
      .getRepository(RevocationEntity)
      .createQueryBuilder('r')
      .where('r.entry_id = ANY(:ids)', { ids: entryIds })
      .getMany();
    return new Map(rows.map((r) => [r.entryId, r]));
  }

  // ---- corrections and re-issues (CORR-*, REISSUE-*)

  async insertCorrection(em: EntityManager, c: CorrectionEntity): Promise<void> {
    await em.insert(CorrectionEntity, c);
  }

  /** Corrections per entry, in the order they were decided and recorded. */
  async correctionsOf(entryIds: string[], em?: EntityManager): Promise<Map<string, CorrectionEntity[]>> {
    const out = new Map<string, CorrectionEntity[]>();
    if (!entryIds.length) return out;
    const rows = await this.m(em)
      .getRepository(CorrectionEntity)
      .createQueryBuilder('c')
      .where('c.entry_id = ANY(:ids)', { ids: entryIds })
      .orderBy('c.created_at')
      .addOrderBy('c.id')
      .getMany();
    for (const r of rows) out.set(r.entryId, [...(out.get(r.entryId) ?? []), r]);
    return out;
  }

  async insertReissue(em: EntityManager, r: ReissueEntity): Promise<void> {
    await em.insert(ReissueEntity, r);
  }

  async insertEntry(em: EntityManager, e: RegisterEntryEntity): Promise<void> {
    await em.insert(RegisterEntryEntity, e);
  }

  /** Re-issues in which these entries are the old or the new diploma. */
  async reissuesTouching(entryIds: string[], em?: EntityManager): Promise<ReissueEntity[]> {
    if (!entryIds.length) return [];
    return this.m(em)
      .getRepository(ReissueEntity)
      .createQueryBuilder('r')
      .where('r.entry_id = ANY(:ids) OR r.new_entry_id = ANY(:ids)', { ids: entryIds })
      .getMany();
  }

  entriesByIds(ids: string[], em?: EntityManager): Promise<RegisterEntryEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.m(em)
      .getRepository(RegisterEntryEntity)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids)', { ids })
      .getMany();
  }

  /** REG-9: ids of the corrections and re-issues a custodian recorded for a type in a year, by decision date. */
  async appendixActs(
    custodianOrgId: string,
    credentialType: string,
    year: number,
  ): Promise<{ kind: 'correction' | 'reissue'; id: string; entry_id: string }[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT 'correction' AS kind, c.id, c.entry_id, c.decided_on, c.created_at FROM corrections c
           JOIN register_entries e ON e.id = c.entry_id
          WHERE c.recorded_by_org_id = $1 AND e.credential_type = $2 AND c.decided_on >= make_date($3, 1, 1) AND c.decided_on < make_date($3 + 1, 1, 1)
         UNION ALL
         SELECT 'reissue', r.id, r.entry_id, r.decided_on, r.created_at FROM reissues r
           JOIN register_entries e ON e.id = r.entry_id
          WHERE r.recorded_by_org_id = $1 AND e.credential_type = $2 AND r.decided_on >= make_date($3, 1, 1) AND r.decided_on < make_date($3 + 1, 1, 1)
       ) acts ORDER BY decided_on, created_at, id`,
      [custodianOrgId, credentialType, year],
    );
  }

  // ---- handovers and custody transfers

  async insertHandover(em: EntityManager, h: HandoverEntity): Promise<void> {
    await em.insert(HandoverEntity, h);
  }

  findHandover(entryId: string, em?: EntityManager): Promise<HandoverEntity | null> {
    return this.m(em).getRepository(HandoverEntity).findOne({ where: { entryId } });
  }

  async handoversOf(entryIds: string[]): Promise<Map<string, HandoverEntity>> {
    if (!entryIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(HandoverEntity)
      .createQueryBuilder('h')
      .where('h.entry_id = ANY(:ids)', { ids: entryIds })
      .getMany();
    return new Map(rows.map((h) => [h.entryId, h]));
  }

  async insertCustodyTransfer(em: EntityManager, t: RegisterCustodyTransferEntity): Promise<void> {
    await em.insert(RegisterCustodyTransferEntity, t);
  }
}
