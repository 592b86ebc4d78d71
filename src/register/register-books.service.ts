import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertInScope, inScope } from '../common/auth/scope';
import { localDateTime, dayMonthYear } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { CustodyService } from '../custody/custody.service';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { RulebookService } from '../rulebook/rulebook.service';
import type { RegisterBookEntity } from './entities/register-book.entity';
import type { RegisterCustodyTransferEntity } from './entities/register-custody-transfer.entity';
import type { RegisterBookView, RegisterGroupView } from './documents/register-book-view';
import { REGISTER_CLOSURE, REGISTER_CUSTODY_TRANSFER } from './register.facts';
import { RegisterRepository } from './register.repository';

export interface BookView {
  book: RegisterBookEntity;
  issuer: OrganisationEntity;
  custodian: OrganisationEntity;
  entries: number;
}

const today = () => localDateTime(new Date()).date;
const CLASSIFICATION_VI: Record<string, string> = {
  excellent: 'Xuất sắc',
  veryGood: 'Giỏi',
  good: 'Khá',
  average: 'Trung bình',
};
const STUDY_MODE_VI: Record<string, string> = {
  regular: 'Chính quy',
  continuingEducation: 'Giáo dục thường xuyên',
};

/** Master register books (REG-3/7/8): listing by custodian, printing, year-end closing, custody transfer (TIME-9). */
@Injectable()
export class RegisterBooksService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly orgs: OrgsService,
    private readonly custody: CustodyService,
    private readonly rulebook: RulebookService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  /**
   * Books whose current custodian is the given organisation (default: the caller's), plus books of
   * issuers below it; each with its issuer (never changes) and custodian (changes on transfer).
   */
  async list(
    actor: Actor,
    f: { custodianOrgCode?: string; credentialType?: string; year?: number },
  ): Promise<BookView[]> {
    const holder = await this.orgs.readInScope(actor, f.custodianOrgCode ?? actor.orgCode);
    // Registers stay within a province when custody moves (bureau or commune → department), so the
    // candidates are the books of every issuer in the holder's province (or everywhere, for the ministry).
    const ids = holder.path.split('/').filter(Boolean);
    const province = await this.orgs.getById(ids[Math.min(1, ids.length - 1)]);
    const books = await this.repo.booksOfIssuers(
      (await this.orgs.subtree(province)).map((o) => o.id),
      f.credentialType,
      f.year,
    );
    const views = await this.views(books);
    return views.filter((v) =>
      f.custodianOrgCode ? v.custodian.id === holder.id : inScope(actor, v.custodian.path),
    );
  }

  async read(actor: Actor, id: string): Promise<BookView> {
    const book = await this.repo.findBookById(id);
    if (!book) throw new AppError('REGISTER_BOOK_NOT_FOUND', 'No such register book');
    const [view] = await this.views([book]);
    if (!inScope(actor, view.custodian.path) && !inScope(actor, view.issuer.path))
      assertInScope(actor, view.custodian.path, 'This register book');
    return view;
  }

  private async views(books: RegisterBookEntity[]): Promise<BookView[]> {
    const counts = await this.repo.countEntries(books.map((b) => b.id));
    const out: BookView[] = [];
    for (const book of books) {
      const issuer = await this.orgs.getById(book.issuerOrgId);
      const { custodian } = await this.custody.custodianOf(issuer, book.credentialType, today());
      out.push({ book, issuer, custodian, entries: counts.byBook.get(book.id) ?? 0 });
    }
    return out;
  }

  /** The book formatted for print (REG-4/5): entries grouped by decision, in register order. */
  async printView(actor: Actor, id: string): Promise<RegisterBookView> {
    const { book, issuer } = await this.read(actor, id);
    const type = await this.rulebook.credentialType(book.credentialType);
    const entries = await this.repo.bookEntries(book.id);
    const handovers = await this.repo.handoversOf(entries.map((e) => e.id));
    const serials = await this.repo.serialHistoriesOf(entries.map((e) => e.id));
    const groups: RegisterGroupView[] = [];
    const schools = new Map<string, OrganisationEntity>();
    let current: RegisterGroupView | null = null;
    let currentDecision: string | null = null;
    for (const e of entries) {
      if (e.decisionId !== currentDecision) {
        const d = (await this.repo.findDecision(e.decisionId))!;
        let school = schools.get(d.schoolOrgId);
        if (!school) {
          school = await this.orgs.getById(d.schoolOrgId);
          schools.set(school.id, school);
        }
        current = {
          decisionNo: d.decisionNo,
          decidedOn: dayMonthYear(d.decidedOn),
          graduationYear: d.graduationYear,
          schoolName: school.nameVi,
          studyMode: STUDY_MODE_VI[d.studyMode] ?? d.studyMode,
          examSessionDate: d.examSession,
          examName:
            type.kind === 'upperSecondaryDiploma' ? `Kỳ thi tốt nghiệp THPT năm ${d.graduationYear}` : null,
          examCouncil: d.examCouncil,
          rows: [],
        };
        groups.push(current);
        currentDecision = e.decisionId;
      }
      const h = handovers.get(e.id);
      const replaced = serials.get(e.id) ?? [];
      current!.rows.push({
        rowNo: e.registerSequence,
        fullName: e.fullName,
        dateOfBirth: dayMonthYear(e.dateOfBirth),
        placeOfBirth: e.placeOfBirth,
        gender: e.gender === 'male' ? 'Nam' : 'Nữ',
        ethnicity: e.ethnicity,
        examScores: e.examScores,
        classification: e.classification ? (CLASSIFICATION_VI[e.classification] ?? e.classification) : '',
        serialNumber: replaced.at(-1)?.serialNumber ?? e.serialNumber ?? '',
        registerEntryNumber: e.registerEntryNumber,
        // BLANK-9: the spoiled blanks stay visible in the register, next to the one in use.
        remarks: [
          ...replaced.map((r) => `In hỏng phôi số ${r.previousSerialNumber}`),
          ...(h
            ? [`Đã phát ${dayMonthYear(h.receivedOn)}${h.relationship === 'proxy' ? ' (nhận thay)' : ''}`]
            : []),
        ].join('; '),
      });
    }
    const last = entries[entries.length - 1];
    return {
      bookCode: `${issuer.code}/${book.credentialType}/${book.year}`,
      credentialCode: book.credentialType,
      credentialTitleVi: type.nameVi.toUpperCase(),
      year: book.year,
      issuerSuperiorNameVi: issuer.superiorNameVi,
      issuerNameVi: issuer.nameVi,
      placeName: issuer.placeName ?? '',
      signerTitle: (last?.signerTitle ?? '').toUpperCase(),
      signerName: last?.signerName ?? null,
      closedAt: book.closedAt ? dayMonthYear(localDateTime(book.closedAt).date) : null,
      groups,
      generatedAt: new Date().toISOString(),
    };
  }

  /** REG-7: a closed book takes no more entries. Only its issuer closes it, for a past year. */
  async close(
    actor: Actor,
    id: string,
    signer: { signerName: string; signerTitle: string },
  ): Promise<BookView> {
    const view = await this.read(actor, id);
    if (actor.orgId !== view.book.issuerOrgId && actor.orgId !== view.custodian.id) {
      throw new AppError('OUT_OF_SCOPE', 'Only the body keeping the register closes it');
    }
    if (view.book.year >= Number(today().slice(0, 4))) {
      throw new AppError(
        'REGISTER_BOOK_CLOSED',
        `The ${view.book.year} register can be closed from 1 January ${view.book.year + 1} (REG-7)`,
        {
          errors: [{ field: 'id', code: 'YEAR_NOT_OVER', message: 'close a book after its year ends' }],
        },
      );
    }
    await this.tx.run(async (em) => {
      const book = await this.repo.lockBookById(em, id);
      if (book!.closedAt)
        throw new AppError('REGISTER_BOOK_ALREADY_CLOSED', 'This register book is already closed');
      const counts = await this.repo.countEntries([id], em);
      const closure = {
        id: uuidv7(),
        bookId: id,
        closedOn: today(),
        entries: counts.entries,
        lastSequence: book!.lastSequence,
        ...signer,
        createdAt: new Date(),
      };
      await this.repo.setClosed(em, id, actor.name);
      await this.repo.insertClosure(em, closure);
      await this.facts.record(em, {
        type: REGISTER_CLOSURE.type,
        ids: [closure.id],
        audit: {
          action: 'register.close',
          targetType: 'registerBook',
          targetId: id,
          scopePath: view.issuer.path,
          details: { year: book!.year, entries: counts.entries },
        },
      });
    });
    return this.read(actor, id);
  }

  /**
   * TIME-9, HAND-5: hands an issuer's registers of one credential type to another body from a date,
   * with the handover record. The printed issuer never changes; copies and amendments then go to the
   * new custodian. Undelivered diplomas move with the register.
   */
  async transferCustody(
    actor: Actor,
    input: {
      issuerOrgCode: string;
      credentialType: string;
      toOrgCode: string;
      effectiveOn: string;
      handoverRecordNo: string;
      handoverRecordDate: string;
      note?: string;
    },
  ): Promise<
    RegisterCustodyTransferEntity & { fromOrgCode: string; toOrgCode: string; issuerOrgCode: string }
  > {
    const issuer = await this.orgs.getByCode(input.issuerOrgCode);
    const to = await this.orgs.getByCode(input.toOrgCode);
    const type = await this.rulebook.credentialType(input.credentialType);
    const before = await this.custody.custodianOf(issuer, type.code, input.effectiveOn);
    return this.tx.run(async (em) => {
      await this.custody.assign(
        actor,
        {
          issuerOrgCode: issuer.code,
          credentialType: type.code,
          custodianOrgCode: to.code,
          effectiveFrom: input.effectiveOn,
          transferRecordRef: `${input.handoverRecordNo} (${input.handoverRecordDate})`,
        },
        em,
      );
      const books = await this.repo.booksOfIssuer(issuer.id, type.code, em);
      const counts = await this.repo.countEntries(
        books.map((b) => b.id),
        em,
      );
      const transfer: RegisterCustodyTransferEntity = {
        id: uuidv7(),
        issuerOrgId: issuer.id,
        credentialType: type.code,
        fromOrgId: before.custodian.id,
        toOrgId: to.id,
        effectiveOn: input.effectiveOn,
        recordNo: input.handoverRecordNo,
        recordDate: input.handoverRecordDate,
        books: books.map((b) => ({ id: b.id, year: b.year, entries: counts.byBook.get(b.id) ?? 0 })),
        entryCount: counts.entries,
        undeliveredCount: counts.undelivered,
        note: input.note ?? null,
        createdAt: new Date(),
      };
      await this.repo.insertCustodyTransfer(em, transfer);
      await this.facts.record(em, {
        type: REGISTER_CUSTODY_TRANSFER.type,
        ids: [transfer.id],
        audit: {
          action: 'register.custodyTransfer',
          targetType: 'registerCustodyTransfer',
          targetId: transfer.id,
          scopePath: to.path,
          details: {
            issuerOrgCode: issuer.code,
            credentialType: type.code,
            fromOrgCode: before.custodian.code,
            toOrgCode: to.code,
            books: books.length,
            undelivered: counts.undelivered,
          },
        },
      });
      return {
        ...transfer,
        fromOrgCode: before.custodian.code,
        toOrgCode: to.code,
        issuerOrgCode: issuer.code,
      };
    });
  }
}
