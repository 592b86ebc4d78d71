import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { localDateTime } from '../../common/calendar/working-day-calendar';
import { AppError } from '../../common/errors/app-error';
import { uuidv7 } from '../../common/ids/uuid-v7';
import { searchKey, toNfc } from '../../common/text/vietnamese';
import { TransactionService } from '../../database/transaction.service';
import { BlanksService } from '../../blanks/blanks.service';
import { FactLogService } from '../../facts/fact-log.service';
import { RulebookService } from '../../rulebook/rulebook.service';
import { DiplomasService, type DiplomaView } from '../diplomas.service';
import { CORRECTABLE_FIELDS, type CorrectableField } from '../entities/correction.entity';
import type { RegisterEntryEntity } from '../entities/register-entry.entity';
import type { ReissueEntity } from '../entities/reissue.entity';
import { isValidRegisterNumberFormat, renderRegisterNumber } from '../register-number';
import { REGISTER_ENTRY, REISSUE } from '../register.facts';
import { RegisterRepository } from '../register.repository';
import { currentContent, setField } from './content';
import { assertAmendable, assertCustodian, assertDecisionDate } from './custodian';

export interface NewReissue {
  decisionNo: string;
  decidedOn: string;
  reason: string;
  receivedOn?: string;
  /** What the issuer got wrong, corrected (REISSUE-1). */
  changes?: Partial<Record<CorrectableField, string | null>>;
  /** The custodian's head who signs the new diploma (PRINT-8); defaults to the original's signer. */
  signerName?: string;
  signerTitle?: string;
}

/**
 * REISSUE-1..8: the issuing body's own error. In one transaction: a new register entry in the
 * custodian's book of the re-issue year (NUM-3/5, gapless), on the custodian's next blank (BLANK-9),
 * with the corrected content, naming the entry it replaces; the old diploma becomes `replaced`.
 */
@Injectable()
export class ReissuesService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly repo: RegisterRepository,
    private readonly blanks: BlanksService,
    private readonly rulebook: RulebookService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  async reissue(actor: Actor, id: string, r: NewReissue): Promise<DiplomaView> {
    const view = await this.diplomas.read(actor, id);
    assertCustodian(actor, view);
    if (view.status === 'replaced')
      throw new AppError('DIPLOMA_ALREADY_REISSUED', 'This diploma was already re-issued', {
        replacedById: view.replacedBy?.entry.id,
      });
    assertAmendable(view);
    assertDecisionDate(view, r.decidedOn);
    if (r.receivedOn && r.receivedOn > r.decidedOn) {
      throw new AppError('AMENDMENT_DATE_INVALID', 'The dossier cannot arrive after the decision', {
        errors: [{ field: 'receivedOn', code: 'AFTER_DECISION', message: `on or before ${r.decidedOn}` }],
      });
    }
    const custodian = view.custodian;
    const type = await this.rulebook.credentialType(view.entry.credentialType);
    // REISSUE-7: a new number in the current year (the year it is recorded, even for a late-recorded decision).
    const year = Number(localDateTime(new Date()).date.slice(0, 4));
    const format =
      (await this.rulebook.settingRow('registerNumberFormat.reissue', r.decidedOn, custodian.path)) ??
      (await this.rulebook.settingRow('registerNumberFormat.original', r.decidedOn, custodian.path));
    const pattern = isValidRegisterNumberFormat(format?.value) ? format.value : '{seq}';
    const ruleSet = await this.rulebook.ruleSetOn(r.decidedOn);
    const newId = uuidv7();
    await this.tx.run(async (em) => {
      const old = (await this.repo.lockEntry(em, id))!;
      if ((await this.repo.reissuesTouching([id], em)).some((x) => x.entryId === id))
        throw new AppError('DIPLOMA_ALREADY_REISSUED', 'This diploma was re-issued meanwhile');
      if ((await this.repo.revocationsOf([id], em)).has(id))
        throw new AppError('DIPLOMA_REVOKED', 'This diploma was revoked meanwhile (REVOKE-6)');
      // NUM-3: the re-issuing custodian's book of the re-issue year is the counter.
      const book = await this.repo.lockBook(em, custodian.id, type.code, year, uuidv7());
      if (book.closedAt)
        throw new AppError(
          'REGISTER_BOOK_CLOSED',
          `The ${year} register of ${custodian.code} is closed (REG-7)`,
        );
      const seq = book.lastSequence + 1;
      const [serial] = type.usesBlanks
        ? await this.blanks.takeForIssuance(em, custodian, type.code, 1, `reissue ${r.decisionNo}`)
        : [null];
      const content = currentContent(old, (await this.repo.correctionsOf([id], em)).get(id) ?? []);
      for (const f of CORRECTABLE_FIELDS) {
        const v = r.changes?.[f];
        if (v !== undefined)
          setField(content, f, typeof v === 'string' && f !== 'dateOfBirth' ? toNfc(v.trim()) : v);
      }
      const reissueId = uuidv7();
      const entry: RegisterEntryEntity = {
        ...old,
        id: newId,
        bookId: book.id,
        issuanceId: reissueId,
        replacesEntryId: old.id,
        registerSequence: seq,
        registerEntryNumber: renderRegisterNumber(pattern, {
          seq,
          typeCode: type.code,
          year,
          orgCode: custodian.code,
        }),
        serialNumber: serial,
        issuerOrgId: custodian.id,
        issuedOn: r.decidedOn,
        ruleSet,
        signerName: r.signerName ? toNfc(r.signerName) : old.signerName,
        signerTitle: r.signerTitle ? toNfc(r.signerTitle) : old.signerTitle,
        ...content,
        nameKey: searchKey(content.fullName),
        createdAt: new Date(),
      };
      await this.repo.insertEntry(em, entry);
      await this.repo.setLastSequence(em, book.id, seq);
      const row: ReissueEntity = {
        id: reissueId,
        entryId: old.id,
        newEntryId: newId,
        decisionNo: toNfc(r.decisionNo),
        decidedOn: r.decidedOn,
        reason: toNfc(r.reason),
        receivedOn: r.receivedOn ?? null,
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertReissue(em, row);
      await this.facts.record(em, { type: REGISTER_ENTRY.type, ids: [newId] });
      await this.facts.record(em, {
        type: REISSUE.type,
        ids: [row.id],
        audit: {
          action: 'diploma.reissue',
          targetType: 'diploma',
          targetId: id,
          scopePath: custodian.path,
          details: { decisionNo: row.decisionNo, newDiplomaId: newId, newSerial: serial },
        },
      });
    });
    return this.diplomas.read(actor, newId);
  }
}
