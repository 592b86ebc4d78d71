import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { assertInScope } from '../../common/auth/scope';
import { dayMonthYear, localDateTime } from '../../common/calendar/working-day-calendar';
import { AppError } from '../../common/errors/app-error';
import { uuidv7 } from '../../common/ids/uuid-v7';
import { toNfc } from '../../common/text/vietnamese';
import { TransactionService } from '../../database/transaction.service';
import { FactLogService } from '../../facts/fact-log.service';
import { OrgsService } from '../../orgs/orgs.service';
import { assertCustodian } from '../../register/amendments/custodian';
import { DiplomasService, type DiplomaView } from '../../register/diplomas.service';
import { COPY_REFUSAL } from '../copies.facts';
import { CopiesRepository } from '../copies.repository';
import type { CopyRefusalEntity, RefusalReason, RequestedDiploma } from '../entities/copy-refusal.entity';
import { refusalLetterPdf } from './refusal-letter';

export interface NewRefusal {
  reason: RefusalReason;
  /** The diploma concerned, when it is in the register (required for needsCorrection and notValid). */
  diplomaId?: string;
  requested: RequestedDiploma;
  requesterName: string;
  requesterPersonalIdNumber: string;
  explanation?: string;
  receivedAt: string;
  signerName: string;
  signerTitle: string;
}

/** COPY-8: a copy request refused in writing, by the custodian, with a reason that the facts bear out. */
@Injectable()
export class RefusalsService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly orgs: OrgsService,
    private readonly repo: CopiesRepository,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  async refuse(actor: Actor, r: NewRefusal): Promise<CopyRefusalEntity> {
    const view = r.diplomaId ? await this.diplomas.read(actor, r.diplomaId) : null;
    if (view) assertCustodian(actor, view);
    this.assertReasonHolds(r, view);
    if (r.reason === 'noRegister') await this.assertNotInOwnRegister(actor, r.requested);
    const custodian = await this.orgs.getById(view?.custodian.id ?? actor.orgId);
    const row: CopyRefusalEntity = {
      id: uuidv7(),
      custodianOrgId: custodian.id,
      entryId: view?.entry.id ?? null,
      reason: r.reason,
      requested: { ...r.requested, fullName: toNfc(r.requested.fullName) },
      requesterName: toNfc(r.requesterName),
      requesterPersonalIdNumber: r.requesterPersonalIdNumber,
      explanation: r.explanation ? toNfc(r.explanation) : null,
      receivedAt: new Date(r.receivedAt),
      decidedOn: localDateTime(new Date()).date,
      signerName: toNfc(r.signerName),
      signerTitle: toNfc(r.signerTitle),
      createdAt: new Date(),
    };
    await this.tx.run(async (em) => {
      await this.repo.insertRefusal(em, row);
      await this.facts.record(em, {
        type: COPY_REFUSAL.type,
        ids: [row.id],
        audit: {
          action: 'copy.refuse',
          targetType: 'copyRefusal',
          targetId: row.id,
          scopePath: custodian.path,
          details: { reason: r.reason, diplomaId: row.entryId },
        },
      });
    });
    return row;
  }

  async letter(actor: Actor, id: string): Promise<Buffer> {
    const r = await this.repo.findRefusal(id);
    if (!r) throw new AppError('COPY_REFUSAL_NOT_FOUND', 'No such refusal');
    const custodian = await this.orgs.getById(r.custodianOrgId);
    assertInScope(actor, custodian.path, 'This refusal');
    let decisionRef: string | null = null;
    if (r.reason === 'notValid' && r.entryId) {
      const [v] = await this.diplomas.views(await this.repo.entriesByIds([r.entryId]));
      decisionRef = decisionOf(v);
    }
    return refusalLetterPdf(r, custodian, decisionRef);
  }

  /** `noRegister` is not true of a diploma this office holds under the serial or number given. */
  private async assertNotInOwnRegister(actor: Actor, q: RequestedDiploma): Promise<void> {
    for (const f of [{ serialNumber: q.serialNumber }, { registerEntryNumber: q.registerEntryNumber }]) {
      if (!Object.values(f)[0]) continue;
      const { items } = await this.diplomas.find(actor, f, null, 50);
      if (items.some((v) => v.custodian.id === actor.orgId))
        throw new AppError(
          'COPY_REFUSAL_REASON_INVALID',
          'This office holds a diploma with these numbers: issue the copy',
          {
            errors: [{ field: 'reason', code: 'CONTRADICTED', message: 'the register has such an entry' }],
          },
        );
    }
  }

  /** The reason must agree with the register: a refusal is a legal answer, not a free text. */
  private assertReasonHolds(r: NewRefusal, v: DiplomaView | null): void {
    const wrong = (message: string) =>
      new AppError('COPY_REFUSAL_REASON_INVALID', message, {
        errors: [{ field: 'reason', code: 'CONTRADICTED', message }],
      });
    if ((r.reason === 'needsCorrection' || r.reason === 'notValid') && !v)
      throw wrong(`${r.reason} concerns a diploma of the register: give diplomaId`);
    if (r.reason === 'noRegister' && v)
      throw wrong('The diploma is in the register: issue the copy or give another reason');
    if (r.reason === 'notValid' && v!.status === 'valid')
      throw wrong('The diploma is valid: it was neither revoked nor replaced');
    if (r.reason !== 'notValid' && v && v.status !== 'valid')
      throw wrong(`The diploma is ${v.status}: refuse it as notValid, citing the decision`);
  }
}

function decisionOf(v: DiplomaView): string | null {
  if (v.revocation)
    return `Văn bằng đã bị thu hồi, hủy bỏ theo Quyết định số ${v.revocation.decisionNo} ngày ${dayMonthYear(v.revocation.decidedOn)}.`;
  if (v.replacedBy)
    return `Văn bằng đã được cấp lại theo Quyết định số ${v.replacedBy.reissue.decisionNo} ngày ${dayMonthYear(v.replacedBy.reissue.decidedOn)}; đề nghị yêu cầu cấp bản sao của văn bằng cấp lại.`;
  return null;
}
