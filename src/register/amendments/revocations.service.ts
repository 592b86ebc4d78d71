import { addCalendarDays } from '../../common/calendar/working-day-calendar';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { uuidv7 } from '../../common/ids/uuid-v7';
import { toNfc } from '../../common/text/vietnamese';
import { TransactionService } from '../../database/transaction.service';
import { FactLogService } from '../../facts/fact-log.service';
import { RulebookService } from '../../rulebook/rulebook.service';
import { DiplomasService, type DiplomaView } from '../diplomas.service';
import type { RevocationEntity, RevocationGround } from '../entities/revocation.entity';
import { REVOCATION } from '../register.facts';
import { RegisterRepository } from '../register.repository';
import { assertAmendable, assertCustodian, assertDecisionDate } from './custodian';

export interface NewRevocation {
  ground: RevocationGround | 'issuerError';
  decisionNo: string;
  decidedOn: string;
  publicNote?: string;
  signerName?: string;
  signerTitle?: string;
  detectingBody?: string;
}

/**
 * REVOKE-1..6: the custodian records a revocation and annulment decision. The diploma's status turns
 * `revoked` for the staff API, the QR check and the national feed (outbox) in the same transaction.
 */
@Injectable()
export class RevocationsService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly repo: RegisterRepository,
    private readonly rulebook: RulebookService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  async revoke(actor: Actor, id: string, r: NewRevocation): Promise<DiplomaView> {
    const view = await this.diplomas.read(actor, id);
    assertCustodian(actor, view);
    if (view.status === 'replaced') assertAmendable(view);
    if (r.ground === 'issuerError') {
      throw new AppError(
        'REVOCATION_GROUND_INVALID',
        'The issuing body’s own error is annulled through a re-issue (REVOKE-1 e, REISSUE-6)',
        { errors: [{ field: 'ground', code: 'USE_REISSUE', message: 'POST /api/v1/diplomas/:id/reissues' }] },
      );
    }
    assertDecisionDate(view, r.decidedOn);
    const returnDays = await this.rulebook.setting<number>(
      'revocation.returnDays',
      r.decidedOn,
      view.custodian.path,
    );
    await this.tx.run(async (em) => {
      await this.repo.lockEntry(em, id);
      if ((await this.repo.reissuesTouching([id], em)).some((x) => x.entryId === id))
        throw new AppError('DIPLOMA_REPLACED', 'This diploma was re-issued meanwhile (REISSUE-8)');
      if ((await this.repo.revocationsOf([id], em)).has(id)) {
        throw new AppError('DIPLOMA_ALREADY_REVOKED', 'This diploma was already revoked');
      }
      const row: RevocationEntity = {
        id: uuidv7(),
        entryId: id,
        ground: r.ground as RevocationGround,
        decisionNo: toNfc(r.decisionNo),
        decidedOn: r.decidedOn,
        signerName: r.signerName ? toNfc(r.signerName) : null,
        signerTitle: r.signerTitle ? toNfc(r.signerTitle) : null,
        detectingBody: r.detectingBody ? toNfc(r.detectingBody) : null,
        publicNote: r.publicNote ? toNfc(r.publicNote) : null,
        returnDueOn: addCalendarDays(r.decidedOn, returnDays),
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertRevocation(em, row);
      await this.facts.record(em, {
        type: REVOCATION.type,
        ids: [row.id],
        audit: {
          action: 'diploma.revoke',
          targetType: 'diploma',
          targetId: id,
          scopePath: view.custodian.path,
          details: { ground: row.ground, decisionNo: row.decisionNo },
        },
      });
    });
    return this.diplomas.read(actor, id);
  }
}
