import { Injectable } from '@nestjs/common';
import { pathIds } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { decodeQrPayload, verifyQrPayload, type SignedQrPayload } from '../qr/qr-payload';
import type { DiplomaView } from '../register/diplomas.service';
import { DiplomasService } from '../register/diplomas.service';
import { SigningService } from '../signing/signing.service';
import { ForgerySignalsRepository } from './forgery-signals/forgery-signals.repository';
import { isVoidBlank } from './public-record';
import { type PublicDiploma, statusCheck, type VerificationAnswer } from './public-answer';
import { type Check, keyCheck } from './qr-checks';
import { PublicRateLimits } from './rate-limit/public-rate-limits';
import { VerificationRepository } from './verification.repository';

/**
 * `GET /api/v1/public/qr/:payload` (PRINT-10): the offline checks of docs/QR-FORMAT.md done by the
 * server with its own keys, then the register: the QR must describe the diploma as registered, on
 * the blank it is on now. Only a full match shows the diploma.
 */
@Injectable()
export class QrVerificationService {
  constructor(
    private readonly orgs: OrgsService,
    private readonly signing: SigningService,
    private readonly diplomas: DiplomasService,
    private readonly repo: VerificationRepository,
    private readonly signals: ForgerySignalsRepository,
    private readonly limits: PublicRateLimits,
  ) {}

  async verify(text: string): Promise<VerificationAnswer> {
    const p = decodeQrPayload(text); // QR_PAYLOAD_INVALID (400) when it is not a payload at all
    this.limits.admitLookup(
      p.fields.serialNumber ?? `${p.fields.issuerOrgCode}|${p.fields.registerEntryNumber}`,
    );
    const checks: Check[] = [{ type: 'format', status: 'pass' }];
    // PUB-6: a QR that fails is a forgery signal; the answer says only which public check failed.
    const no = async (c: Check, orgId: string | null): Promise<VerificationAnswer> => {
      await this.signals.insertSignal({
        channel: 'qr',
        kind: c.type === 'register' ? 'qrNotInRegister' : 'qrSignatureInvalid',
        reason: c.reason ?? null,
        serialNumber: p.fields.serialNumber,
        entryId: null,
        orgId,
        blankState: null,
        presentedFullName: p.fields.fullName,
        presentedDateOfBirth: p.fields.dateOfBirth,
      });
      return { result: 'noMatch', checks: [...checks, c] };
    };

    const issuer = await this.orgs.findByCode(p.fields.issuerOrgCode);
    const key = await this.signing.findKey(p.keyId);
    if (!issuer) return no({ type: 'key', status: 'fail', reason: 'unknownIssuer' }, null);
    const kc = keyCheck(key, pathIds(issuer.path), issuer.id, p.fields.signedOn);
    if (kc.status === 'fail') return no(kc, issuer.id);
    if (p.fields.signedOn > localDateTime(new Date()).date)
      return no({ type: 'key', status: 'fail', reason: 'signedInFuture' }, issuer.id);
    checks.push(kc);
    if (!verifyQrPayload(p, key!.publicKey))
      return no({ type: 'signature', status: 'fail', reason: 'badSignature' }, issuer.id);
    checks.push({ type: 'signature', status: 'pass' });

    const view = await this.diplomas.byIssuerNumber(
      issuer.id,
      p.fields.credentialType,
      p.fields.registerEntryNumber,
      p.fields.issuedOn,
    );
    const why = await this.registerMismatch(p, view, key!.compromisedAt !== null, text);
    if (why) {
      // PUB-6: a spoiled, lost or void blank answers like any other mismatch; the signal keeps which.
      await this.signals.insertSignal({
        channel: 'qr',
        kind: 'qrNotInRegister',
        reason: why,
        serialNumber: p.fields.serialNumber,
        entryId: view?.entry.id ?? null,
        orgId: issuer.id,
        blankState: p.fields.serialNumber ? await this.repo.blankState(p.fields.serialNumber) : null,
        presentedFullName: p.fields.fullName,
        presentedDateOfBirth: p.fields.dateOfBirth,
      });
      return {
        result: 'noMatch',
        checks: [...checks, { type: 'register', status: 'fail', reason: 'notInRegister' }],
      };
    }
    checks.push({ type: 'register', status: 'pass' });
    // REVOKE-6: the QR still describes the registered diploma; its status says it has no legal effect.
    checks.push(statusCheck(view!.status));
    return { result: 'match', checks, diploma: publicDiploma(view!, issuer) };
  }

  /** Why the QR does not describe the diploma as registered now, or null when it does. */
  private async registerMismatch(
    p: SignedQrPayload,
    v: DiplomaView | null,
    keyCompromised: boolean,
    text: string,
  ): Promise<string | null> {
    if (!v) return 'notInRegister';
    const e = v.entry;
    const f = p.fields;
    // As registered, or as corrected since (CORR-6: the diploma and the correction decision go together).
    const asRegistered = f.fullName === e.fullName && f.dateOfBirth === e.dateOfBirth;
    const asCorrected = f.fullName === v.content.fullName && f.dateOfBirth === v.content.dateOfBirth;
    if (!asRegistered && !asCorrected) return 'fieldsDiffer';
    if (f.serialNumber !== v.serialNumber) {
      return v.serialHistory.some((r) => r.previousSerialNumber === f.serialNumber)
        ? 'blankSpoiled'
        : 'fieldsDiffer';
    }
    // BLANK-10: a blank since recorded lost, spoiled or destroyed never verifies.
    const state = f.serialNumber ? await this.repo.blankState(f.serialNumber) : null;
    if (state && isVoidBlank(state)) return `blank${state[0].toUpperCase()}${state.slice(1)}`;
    // A stolen key can sign with an earlier date; such a QR passes only if we printed it ourselves.
    if (keyCompromised && !(await this.repo.wasPrinted(e.id, text))) return 'notPrintedByIssuer';
    return null;
  }
}

function publicDiploma(v: DiplomaView, issuer: OrganisationEntity): PublicDiploma {
  return {
    credentialType: v.entry.credentialType,
    fullName: v.content.fullName,
    dateOfBirth: v.content.dateOfBirth,
    serialNumber: v.serialNumber,
    registerEntryNumber: v.entry.registerEntryNumber,
    issuer: { code: issuer.code, nameVi: issuer.nameVi, nameEn: issuer.nameEn },
    school: { nameVi: v.school.nameVi, nameEn: v.school.nameEn },
    graduationYear: v.entry.graduationYear,
    issuedOn: v.entry.issuedOn,
    status: v.status,
    hasCorrections: v.corrections.length > 0,
    corrections: v.corrections.map((c) => ({ decisionNo: c.decisionNo, decidedOn: c.decidedOn })),
    ...(v.revocation
      ? {
          statusDetail: {
            kind: 'revocation' as const,
            decisionNo: v.revocation.decisionNo,
            decidedOn: v.revocation.decidedOn,
            publicNote: v.revocation.publicNote,
          },
        }
      : v.replacedBy
        ? {
            statusDetail: {
              kind: 'reissue' as const,
              decisionNo: v.replacedBy.reissue.decisionNo,
              decidedOn: v.replacedBy.reissue.decidedOn,
              publicNote: null,
            },
          }
        : {}),
  };
}
