import type { Actor } from '../../common/auth/actor';
import { localDateTime } from '../../common/calendar/working-day-calendar';
import { AppError } from '../../common/errors/app-error';
import type { DiplomaView } from '../diplomas.service';

/** Amendments are acts of the organisation holding the register now (TIME-9, ORG-3), not of its subtree. */
export function assertCustodian(actor: Actor, v: DiplomaView): void {
  if (actor.orgId !== v.custodian.id) {
    throw new AppError(
      'NOT_CUSTODIAN',
      `Only ${v.custodian.code}, which holds this register, can amend the diploma`,
      { custodianOrgCode: v.custodian.code },
    );
  }
}

/** A decision lies between the diploma's issue and today. */
export function assertDecisionDate(v: DiplomaView, decidedOn: string): void {
  const today = localDateTime(new Date()).date;
  if (decidedOn < v.entry.issuedOn || decidedOn > today) {
    throw new AppError(
      'AMENDMENT_DATE_INVALID',
      `The decision date must lie between ${v.entry.issuedOn} and today`,
      {
        errors: [
          { field: 'decidedOn', code: 'OUT_OF_RANGE', message: `from ${v.entry.issuedOn} to ${today}` },
        ],
      },
    );
  }
}

/** REVOKE-6: a revoked or replaced diploma is no longer amended; its successor is. */
export function assertAmendable(v: DiplomaView): void {
  if (v.status === 'revoked') throw new AppError('DIPLOMA_REVOKED', 'This diploma was revoked (REVOKE-6)');
  if (v.status === 'replaced')
    throw new AppError('DIPLOMA_REPLACED', 'This diploma was re-issued; amend the new one (REISSUE-8)', {
      replacedById: v.replacedBy?.entry.id,
    });
}
