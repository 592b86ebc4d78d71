import type { Check } from './qr-checks';

/**
 * PUB-4: the minimum a match shows. What is printed on the paper (name, birth date, type, school, year,
 * numbers, issue date, issuer) so the reader can compare, and the status with the decision behind it.
 * Never the personal ID number.
 */
export interface PublicDiploma {
  credentialType: string;
  fullName: string;
  dateOfBirth: string;
  serialNumber: string | null;
  registerEntryNumber: string;
  issuer: { code: string; nameVi: string; nameEn: string };
  school: { nameVi: string; nameEn: string };
  graduationYear: number;
  issuedOn: string;
  status: 'valid' | 'revoked' | 'replaced';
  hasCorrections: boolean;
  /** CORR-6: the correction decisions that go with the paper, oldest first. */
  corrections: { decisionNo: string; decidedOn: string }[];
  statusDetail?: {
    kind: 'revocation' | 'reissue';
    decisionNo: string;
    decidedOn: string;
    publicNote: string | null;
  };
}

export interface VerificationAnswer {
  result: 'match' | 'noMatch';
  checks: Check[];
  diploma?: PublicDiploma;
}

/** The one public answer for every kind of non-match (PUB-4, PUB-6): same shape, same words. */
export const NO_MATCH: VerificationAnswer = Object.freeze({
  result: 'noMatch',
  checks: [{ type: 'register', status: 'fail', reason: 'notInRegister' }],
}) as VerificationAnswer;

export function statusCheck(status: PublicDiploma['status']): Check {
  return status === 'valid'
    ? { type: 'status', status: 'pass' }
    : { type: 'status', status: 'fail', reason: status };
}
