import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { toNfc } from '../common/text/vietnamese';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import { DiplomaQrService } from '../printing/diploma-qr.service';
import { templateOrRefuse } from '../printing/template-choice';
import { assertCustodian } from '../register/amendments/custodian';
import { DecisionsService } from '../register/decisions.service';
import { DiplomasService, type DiplomaView } from '../register/diplomas.service';
import { isValidRegisterNumberFormat, renderRegisterNumber } from '../register/register-number';
import { RulebookService } from '../rulebook/rulebook.service';
import { COPY_REQUEST, REGISTER_COPY } from './copies.facts';
import { CopiesRepository } from './copies.repository';
import { copyContentOf } from './copy-content';
import type { CopyRelationship, CopyRequestEntity } from './entities/copy-request.entity';
import type { RegisterCopyEntity } from './entities/register-copy.entity';

export interface NewCopyRequest {
  requesterName: string;
  requesterPersonalIdNumber: string;
  relationship: CopyRelationship;
  evidenceRef?: string;
  quantity: number;
  /** ISO 8601 with offset. */
  receivedAt: string;
  signerName: string;
  signerTitle: string;
}

export interface CopyRequestView {
  request: CopyRequestEntity;
  copies: RegisterCopyEntity[];
  view: DiplomaView;
}

const DEFAULT_CUTOFF = '15:00';
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Clocks of the office and the server may differ a little; a request is never received in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Copies from the register (COPY-1..7, NUM-6): the register's custodian receives a request and issues
 * the copies at once, each with the next number of its copy register, in one transaction.
 */
@Injectable()
export class CopiesService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly decisions: DecisionsService,
    private readonly repo: CopiesRepository,
    private readonly rulebook: RulebookService,
    private readonly qr: DiplomaQrService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  async request(actor: Actor, diplomaId: string, r: NewCopyRequest): Promise<CopyRequestView> {
    const view = await this.diplomas.read(actor, diplomaId);
    assertCustodian(actor, view);
    assertStanding(view.status === 'revoked', view.status === 'replaced');
    // COPY-2/3: a representative needs the authorisation, a relative the proof of relationship.
    if (r.relationship !== 'holder' && !r.evidenceRef?.trim()) {
      throw new AppError(
        'COPY_NOT_ELIGIBLE',
        `A ${r.relationship} needs proof of authorisation or relationship (COPY-2, COPY-3)`,
        {
          reason: 'notEligible',
          errors: [
            { field: 'evidenceRef', code: 'REQUIRED', message: 'required unless relationship is holder' },
          ],
        },
      );
    }
    const receivedAt = new Date(r.receivedAt);
    const receivedOn = localDateTime(receivedAt).date;
    if (receivedAt.getTime() > Date.now() + CLOCK_SKEW_MS || receivedOn < view.entry.issuedOn) {
      throw new AppError(
        'AMENDMENT_DATE_INVALID',
        `A request is received between the diploma's issue (${view.entry.issuedOn}) and now`,
        {
          errors: [
            { field: 'receivedAt', code: 'OUT_OF_RANGE', message: `from ${view.entry.issuedOn} to now` },
          ],
        },
      );
    }
    const custodian = view.custodian;
    const copiedOn = localDateTime(new Date()).date;
    // COPY-1, PRINT-9: copies use the template in force today; refuse now rather than at download.
    templateOrRefuse(view.entry.credentialType, copiedOn);
    const cutoff = (await this.rulebook.settingRow('copy.cutoffTime', receivedOn, custodian.path))?.value;
    // COPY-4: same working day, or the next one when received at or after the cut-off.
    const dueOn = (await this.rulebook.calendar()).copyDueDate(
      receivedAt,
      typeof cutoff === 'string' && HH_MM.test(cutoff) ? cutoff : DEFAULT_CUTOFF,
    );
    const format = (await this.rulebook.settingRow('copy.numberFormat', copiedOn, custodian.path))?.value;
    const pattern = isValidRegisterNumberFormat(format) ? format : '{seq}';
    const { decision } = await this.decisions.readable(actor, view.entry.decisionId);
    const content = copyContentOf(view, decision);
    const key = await this.qr.keyFor(view.issuer);
    const unencodable = this.qr.problem(view, key, copiedOn);
    if (unencodable) {
      throw new AppError('PRINT_NOT_POSSIBLE', `The copy cannot carry a QR: ${unencodable}`, {
        errors: [{ field: 'id', code: 'QR_UNENCODABLE', message: unencodable }],
      });
    }
    const qr = this.qr.sign(view, key, copiedOn);
    const year = Number(copiedOn.slice(0, 4));
    const type = view.entry.credentialType;

    return this.tx.run(async (em) => {
      const standing = await this.repo.lockEntryStanding(em, diplomaId);
      if (!standing) throw new AppError('DIPLOMA_NOT_FOUND', 'No such diploma');
      assertStanding(standing.revoked, standing.replaced);
      // The content and QR were built before the lock: a correction or a blank replacement since then
      // would make the copy certify what the register no longer says (CORR-9).
      if (standing.corrections !== view.corrections.length || standing.serials !== view.serialHistory.length)
        throw new AppError('CONFLICT', 'The diploma changed while the copy was prepared; ask again', {
          errors: [
            { field: 'id', code: 'CHANGED', message: 'corrected or moved to another blank meanwhile' },
          ],
        });
      // NUM-6: the copy register row is the counter; its lock makes numbers gapless under parallel requests.
      const book = await this.repo.lockCopyBook(em, custodian.id, type, year, uuidv7());
      const now = new Date();
      const request: CopyRequestEntity = {
        id: uuidv7(),
        entryId: diplomaId,
        custodianOrgId: custodian.id,
        requesterName: toNfc(r.requesterName),
        requesterPersonalIdNumber: r.requesterPersonalIdNumber,
        relationship: r.relationship,
        evidenceRef: r.evidenceRef?.trim() ? toNfc(r.evidenceRef.trim()) : null,
        quantity: r.quantity,
        receivedAt,
        dueOn,
        signerName: toNfc(r.signerName),
        signerTitle: toNfc(r.signerTitle),
        recordedBy: actor.name,
        createdAt: now,
      };
      const copies: RegisterCopyEntity[] = Array.from({ length: r.quantity }, (_, i) => {
        const seq = book.lastSequence + i + 1;
        return {
          id: uuidv7(),
          requestId: request.id,
          entryId: diplomaId,
          custodianOrgId: custodian.id,
          credentialType: type,
          year,
          copySequence: seq,
          copyEntryNumber: renderRegisterNumber(pattern, {
            seq,
            typeCode: type,
            year,
            orgCode: custodian.code,
          }),
          copiedOn,
          signerName: request.signerName,
          signerTitle: request.signerTitle,
          content,
          qrPayload: qr.payload,
          qrKeyId: qr.keyId,
          createdAt: now,
        };
      });
      await this.repo.insertRequest(em, request);
      await this.repo.insertCopies(em, copies);
      await this.repo.setLastSequence(em, book.id, book.lastSequence + r.quantity);
      await this.facts.record(em, {
        type: COPY_REQUEST.type,
        ids: [request.id],
        audit: {
          action: 'diploma.copy',
          targetType: 'diploma',
          targetId: diplomaId,
          scopePath: custodian.path,
          details: {
            relationship: request.relationship,
            quantity: request.quantity,
            dueOn,
            copyEntryNumbers: copies.map((c) => c.copyEntryNumber),
          },
        },
      });
      await this.facts.record(em, { type: REGISTER_COPY.type, ids: copies.map((c) => c.id) });
      return { request, copies, view };
    });
  }
}

/** COPY-8 `notValid`: a revoked or replaced diploma gets no copy; the decision is cited on the diploma. */
function assertStanding(revoked: boolean, replaced: boolean): void {
  if (revoked) throw new AppError('DIPLOMA_REVOKED', 'This diploma was revoked: no copy is issued (COPY-8)');
  if (replaced)
    throw new AppError(
      'DIPLOMA_REPLACED',
      'This diploma was replaced by a re-issue: copies are made from the new one (COPY-8)',
    );
}
