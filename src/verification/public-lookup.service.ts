import { Injectable } from '@nestjs/common';
import type { ForgerySignalKind } from './forgery-signals/forgery-signal.entity';
import { ForgerySignalsRepository } from './forgery-signals/forgery-signals.repository';
import { NO_MATCH, statusCheck, type VerificationAnswer } from './public-answer';
import { PublicRateLimits } from './rate-limit/public-rate-limits';
import { isVoidBlank, presents, publicDiploma } from './public-record';
import { VerificationRepository } from './verification.repository';

export interface LookupQuery {
  serialNumber: string;
  fullName: string;
  dateOfBirth: string;
}

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
    const voidBlank = isVoidBlank(blankState);
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
