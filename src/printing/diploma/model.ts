import type { CopyMarking } from './copy-marking';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const CLASSIFICATIONS = ['excellent', 'veryGood', 'good', 'average'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const STUDY_MODES = ['regular', 'continuingEducation'] as const;
export type StudyMode = (typeof STUDY_MODES)[number];

/** A QR symbol as a module matrix (quiet zone not included); (0, 0) is the top-left module. */
export interface QrMatrix {
  size: number;
  isDark(x: number, y: number): boolean;
}

/**
 * What is printed on one diploma or certificate (PRINT-3/4). Dates are ISO `yyyy-MM-dd`; a legacy
 * `dateOfBirth` may be `yyyy-MM` or `yyyy`. Text is printed in NFC whatever form it comes in.
 * Fields a template does not have are ignored; a field the template has is required unless the
 * template marks it optional (classification, exam council and year, programme, issuer name).
 */
export interface DiplomaPrint {
  /** Credential type code: 'THCS', 'THPT', 'GCNHT', 'CC'. */
  credentialType: string;
  /** Issue date: picks the template in force (PRINT-9) and fills the place and date line. */
  issuedOn: string;
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  gender: Gender;
  ethnicity?: string | null;
  schoolName?: string | null;
  graduationYear?: number | null;
  /** `null`: not printed, and its label is left out of the preview too (PRINT-5). */
  classification?: Classification | null;
  studyMode?: StudyMode | null;
  examCouncil?: string | null;
  examYear?: number | null;
  /** Certificates: the programme or course. */
  programmeName?: string | null;
  /** Issuing authority as printed on the blank (one line per '\n'); drawn in preview only. */
  issuingAuthorityName?: string | null;
  issuePlaceName: string;
  /** As held on the signing date (ORG-4), e.g. "GIÁM ĐỐC" or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; defaults to the template's. */
  signerTitle?: string | null;
  signerName: string;
  serialNumber: string;
  registerEntryNumber: string;
  qr: QrMatrix | null;
  /** A copy from the register (PRINT-7): printed in `copy` mode only. */
  copy?: CopyMarking | null;
}
