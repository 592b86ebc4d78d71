import { Injectable } from '@nestjs/common';
import { isSameName } from '../common/text/vietnamese';
import type { ForgerySignalKind } from './forgery-signals/forgery-signal.entity';
import { ForgerySignalsRepository } from './forgery-signals/forgery-signals.repository';
import { NO_MATCH, type PublicDiploma, statusCheck, type VerificationAnswer } from './public-answer';
import { PublicRateLimits } from './rate-limit/public-rate-limits';
import type { PublicRecord } from './public-record';
import { VerificationRepository } from './verification.repository';

export interface LookupQuery {
  serialNumber: string;
  fullName: string;
  dateOfBirth: string;
}

/** BLANK-10: blanks in these states are never a valid diploma. */
const VOID_BLANK_STATES = new Set(['spoiled', 'destroyed', 'lost']);

/**
 * PUB-4/5/6: `GET /api/v1/public/verify`. One query by serial answers every case, and every non-match
 * writes one forgery signal before answering, so an unknown serial and a known serial with other data
 * cost the same work and get the same bytes; only the signal's `kind` tells them apart.
 */
@Injectable()
export class PublicLookupService {
  constructor(
    private readonly repo: VerificationRepository,
    private readonly signals: ForgerySignalsRepository,
    private readonly limits: PublicRateLimits,
  ) {}

  async lookup(q: LookupQuery): Promise<VerificationAnswer> {
    const serial = q.serialNumber.trim().toUpperCase();
    this.limits.admitLookup(serial);
    const { records, blank } = await this.repo.recordsOnSerial(serial);
    const blankState = blank?.state ?? null;
    const matched = records.find((r) => presents(r, q));
    const voidBlank = blankState !== null && VOID_BLANK_STATES.has(blankState);
    // A revoked diploma whose paper came back and was destroyed (REVOKE-5) still answers "revoked".
    if (matched && (!voidBlank || matched.revocation)) {
      const diploma = publicDiploma(matched);
      return {
        result: 'match',
        checks: [{ type: 'register', status: 'pass' }, statusCheck(diploma.status)],
        diploma,
      };
    }
    const kind: ForgerySignalKind = voidBlank
      ? 'voidBlank'
      : records.length
        ? 'dataMismatch'
        : 'unknownSerial';
    await this.signals.insertSignal({
      channel: 'lookup',
      kind,
      reason: null,
      serialNumber: serial,
      entryId: records[0]?.id ?? null,
      orgId: records[0]?.issuer.id ?? blank?.holderOrgId ?? null,
      blankState,
      presentedFullName: q.fullName,
      presentedDateOfBirth: q.dateOfBirth,
    });
    return NO_MATCH;
  }
}

/** As registered, or as corrected since (CORR-6: the paper and the correction decision go together). */
function presents(r: PublicRecord, q: LookupQuery): boolean {
  return (
    (isSameName(q.fullName, r.registered.fullName) && q.dateOfBirth === r.registered.dateOfBirth) ||
    (isSameName(q.fullName, r.current.fullName) && q.dateOfBirth === r.current.dateOfBirth)
  );
}

export function publicDiploma(r: PublicRecord): PublicDiploma {
  return {
    credentialType: r.credentialType,
    fullName: r.current.fullName,
    dateOfBirth: r.current.dateOfBirth,
    serialNumber: r.serialNumber,
    registerEntryNumber: r.registerEntryNumber,
    issuer: { code: r.issuer.code, nameVi: r.issuer.nameVi, nameEn: r.issuer.nameEn },
    school: r.school,
    graduationYear: r.graduationYear,
    issuedOn: r.issuedOn,
    status: r.revocation ? 'revoked' : r.reissue ? 'replaced' : 'valid',
    hasCorrections: r.corrections.length > 0,
    corrections: r.corrections.map((c) => ({ decisionNo: c.decisionNo, decidedOn: c.decidedOn })),
    ...(r.revocation
      ? { statusDetail: { kind: 'revocation' as const, ...r.revocation } }
      : r.reissue
        ? { statusDetail: { kind: 'reissue' as const, ...r.reissue, publicNote: null } }
        : {}),
  };
}
