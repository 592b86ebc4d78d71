import { Injectable } from '@nestjs/common';
import { pathIds } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { JsonLogger } from '../common/logging/json-logger';
import { OrgsService } from '../orgs/orgs.service';
import { decodeQrPayload, verifyQrPayload, type SignedQrPayload } from '../qr/qr-payload';
import type { DiplomaView } from '../register/diplomas.service';
import { DiplomasService } from '../register/diplomas.service';
import { SigningService } from '../signing/signing.service';
import { type Check, keyCheck } from './qr-checks';
import { VerificationRepository } from './verification.repository';

export interface PublicDiploma {
  credentialType: string;
  fullName: string;
  dateOfBirth: string;
  serialNumber: string | null;
  registerEntryNumber: string;
  issuer: { code: string; nameVi: string; nameEn: string };
  issuedOn: string;
  status: string;
  hasCorrections: boolean;
  statusDetail?: { kind: string; decisionNo: string; decidedOn: string; publicNote: string | null };
}

export interface VerificationAnswer {
  result: 'match' | 'noMatch';
  checks: Check[];
  diploma?: PublicDiploma;
}

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
    private readonly logger: JsonLogger,
  ) {}

  async verify(text: string): Promise<VerificationAnswer> {
    const p = decodeQrPayload(text); // QR_PAYLOAD_INVALID (400) when it is not a payload at all
    const checks: Check[] = [{ type: 'format', status: 'pass' }];
    const no = (c: Check): VerificationAnswer => ({ result: 'noMatch', checks: [...checks, c] });

    const issuer = await this.orgs.findByCode(p.fields.issuerOrgCode);
    const key = await this.signing.findKey(p.keyId);
    if (!issuer) return no({ type: 'key', status: 'fail', reason: 'unknownIssuer' });
    const kc = keyCheck(key, pathIds(issuer.path), issuer.id, p.fields.signedOn);
    if (kc.status === 'fail') return no(kc);
    if (p.fields.signedOn > localDateTime(new Date()).date)
      return no({ type: 'key', status: 'fail', reason: 'signedInFuture' });
    checks.push(kc);
    if (!verifyQrPayload(p, key!.publicKey))
      return no({ type: 'signature', status: 'fail', reason: 'badSignature' });
    checks.push({ type: 'signature', status: 'pass' });

    const view = await this.diplomas.byIssuerNumber(
      issuer.id,
      p.fields.credentialType,
      p.fields.registerEntryNumber,
      p.fields.issuedOn,
    );
    const why = await this.registerMismatch(p, view, key!.compromisedAt !== null, text);
    if (why) {
      // PUB-6: a spoiled, lost or void blank answers like any other mismatch; what it was is kept for
      // agencies (the forgery-signal register comes with the portal, issue 8; until then the log).
      this.logger.event('warn', 'verification.qrMismatch', {
        reason: why,
        issuerOrgCode: issuer.code,
        serialNumber: p.fields.serialNumber,
        keyId: p.keyId,
      });
      return no({ type: 'register', status: 'fail', reason: 'notInRegister' });
    }
    checks.push({ type: 'register', status: 'pass' });
    // REVOKE-6: the QR still describes the registered diploma; its status says it has no legal effect.
    checks.push(
      view!.status === 'valid'
        ? { type: 'status', status: 'pass' }
        : { type: 'status', status: 'fail', reason: view!.status },
    );
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
    if (state && ['lost', 'spoiled', 'destroyed'].includes(state))
      return `blank${state[0].toUpperCase()}${state.slice(1)}`;
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
    issuedOn: v.entry.issuedOn,
    status: v.status,
    hasCorrections: v.corrections.length > 0,
    ...(v.revocation
      ? {
          statusDetail: {
            kind: 'revocation',
            decisionNo: v.revocation.decisionNo,
            decidedOn: v.revocation.decidedOn,
            publicNote: v.revocation.publicNote,
          },
        }
      : v.replacedBy
        ? {
            statusDetail: {
              kind: 'reissue',
              decisionNo: v.replacedBy.reissue.decisionNo,
              decidedOn: v.replacedBy.reissue.decidedOn,
              publicNote: null,
            },
          }
        : {}),
  };
}
