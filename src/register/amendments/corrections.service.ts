import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { uuidv7 } from '../../common/ids/uuid-v7';
import { toNfc } from '../../common/text/vietnamese';
import { TransactionService } from '../../database/transaction.service';
import { FactLogService } from '../../facts/fact-log.service';
import { DiplomasService, type DiplomaView } from '../diplomas.service';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_GROUNDS,
  type CorrectableField,
  type CorrectionEntity,
  type CorrectionGround,
  type FieldChange,
} from '../entities/correction.entity';
import { CORRECTION } from '../register.facts';
import { RegisterRepository } from '../register.repository';
import { currentContent, fieldOf } from './content';
import { FIELDS_BY_GROUND } from './correction-rules';
import { assertCustodian, assertDecisionDate, assertAmendable } from './custodian';

export interface NewCorrection {
  ground: CorrectionGround;
  decisionNo: string;
  decidedOn: string;
  evidenceRef: string;
  receivedOn?: string;
  changes: Partial<Record<CorrectableField, string | null>>;
}

/** CORR-1..9: a correction decision; the diploma gains a version, the old values are kept. */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly repo: RegisterRepository,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  async correct(actor: Actor, id: string, c: NewCorrection): Promise<DiplomaView> {
    const view = await this.diplomas.read(actor, id);
    assertCustodian(actor, view);
    assertAmendable(view);
    if (!(CORRECTION_GROUNDS as readonly string[]).includes(c.ground)) {
      throw new AppError('CORRECTION_GROUND_INVALID', `${c.ground} is not a correction ground (CORR-1)`, {
        errors: [
          { field: 'ground', code: 'NOT_A_GROUND', message: `one of ${CORRECTION_GROUNDS.join(', ')}` },
        ],
      });
    }
    // Validated DTOs carry every property (undefined when not sent): only the sent ones count.
    const asked = CORRECTABLE_FIELDS.filter((f) => c.changes[f] !== undefined);
    const allowed = FIELDS_BY_GROUND[c.ground];
    const refused = asked.filter((f) => !allowed.includes(f));
    if (refused.length) {
      throw new AppError(
        'CORRECTION_FIELD_NOT_ALLOWED',
        `The ground ${c.ground} cannot change ${refused.join(', ')}`,
        {
          errors: refused.map((f) => ({
            field: `changes.${f}`,
            code: 'NOT_ALLOWED_BY_GROUND',
            message: `${c.ground} changes only ${allowed.join(', ')}`,
          })),
        },
      );
    }
    if (c.receivedOn && c.receivedOn > c.decidedOn) {
      throw new AppError('AMENDMENT_DATE_INVALID', 'The dossier cannot arrive after the decision', {
        errors: [{ field: 'receivedOn', code: 'AFTER_DECISION', message: `on or before ${c.decidedOn}` }],
      });
    }
    assertDecisionDate(view, c.decidedOn);
    await this.tx.run(async (em) => {
      await this.repo.lockEntry(em, id);
      const [now] = await this.diplomas.views(await this.repo.entriesByIds([id], em));
      assertAmendable(now);
      const content = currentContent(now.entry, (await this.repo.correctionsOf([id], em)).get(id) ?? []);
      const changes: FieldChange[] = asked
        .map((f) => ({ field: f, from: fieldOf(content, f), to: normalised(f, c.changes[f] ?? null) }))
        .filter((ch) => ch.from !== ch.to);
      if (!changes.length) {
        throw new AppError(
          'CORRECTION_EMPTY',
          'The correction changes nothing: every value is already as asked',
          {
            errors: [{ field: 'changes', code: 'NO_CHANGE', message: 'give at least one new value' }],
          },
        );
      }
      const row: CorrectionEntity = {
        id: uuidv7(),
        entryId: id,
        ground: c.ground,
        decisionNo: toNfc(c.decisionNo),
        decidedOn: c.decidedOn,
        evidenceRef: toNfc(c.evidenceRef),
        changes,
        receivedOn: c.receivedOn ?? null,
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertCorrection(em, row);
      await this.facts.record(em, {
        type: CORRECTION.type,
        ids: [row.id],
        audit: {
          action: 'diploma.correct',
          targetType: 'diploma',
          targetId: id,
          scopePath: view.custodian.path,
          details: { ground: c.ground, decisionNo: row.decisionNo, fields: changes.map((ch) => ch.field) },
        },
      });
    });
    return this.diplomas.read(actor, id);
  }
}

function normalised(f: CorrectableField, v: string | null): string | null {
  if (v === null) return f === 'personalIdNumber' ? null : v;
  return f === 'dateOfBirth' || f === 'gender' || f === 'personalIdNumber' ? v : toNfc(v.trim());
}
