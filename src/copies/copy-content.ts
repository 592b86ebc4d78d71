import type { DiplomaView } from '../register/diplomas.service';
import type { GraduationDecisionEntity } from '../register/entities/graduation-decision.entity';
import type { Classification, Gender, StudyMode } from '../printing/diploma/model';

/**
 * What a copy certifies (PRINT-7, COPY-1): the register's content of the diploma on the copy date,
 * the original's numbers and issue. Stored with the copy, so it prints the same later.
 */
export interface CopyContent {
  credentialType: string;
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  gender: Gender;
  ethnicity: string;
  schoolName: string;
  graduationYear: number;
  /** As registered; whether it is printed follows PRINT-4/5 for the cohort. */
  classification: Classification | null;
  examScores: string | null;
  studyMode: StudyMode;
  examCouncil: string | null;
  decisionNo: string;
  decidedOn: string;
  /** The original's serial (its current blank, BLANK-9) and register entry number. */
  serialNumber: string | null;
  registerEntryNumber: string;
  issuedOn: string;
  issuerOrgCode: string;
  /** As on the blank: the superior body, then the issuer, one per line. */
  issuingAuthorityName: string;
  /** CORR-9: the correction decisions behind the content (absent in copies made before this field). */
  corrections?: { decisionNo: string; decidedOn: string }[];
}

/**
 * The one place the copy's content is built (PRINT-7 [design]: the entry as amended by the appendix,
 * CORR-9): the holder's data as corrected (`view.content`), the rest as registered.
 */
export function copyContentOf(view: DiplomaView, decision: GraduationDecisionEntity): CopyContent {
  const e = view.entry;
  const holder = view.content;
  return {
    credentialType: e.credentialType,
    fullName: holder.fullName,
    dateOfBirth: holder.dateOfBirth,
    placeOfBirth: holder.placeOfBirth,
    gender: holder.gender,
    ethnicity: holder.ethnicity,
    schoolName: view.school.nameVi,
    graduationYear: e.graduationYear,
    classification: (e.classification as Classification | null) ?? null,
    examScores: e.examScores,
    studyMode: decision.studyMode,
    examCouncil: decision.examCouncil,
    decisionNo: view.decisionNo,
    decidedOn: view.decidedOn,
    serialNumber: view.serialNumber,
    registerEntryNumber: e.registerEntryNumber,
    issuedOn: e.issuedOn,
    issuerOrgCode: view.issuer.code,
    issuingAuthorityName: [view.issuer.superiorNameVi, view.issuer.nameVi]
      .filter(Boolean)
      .map((s) => s!.toUpperCase())
      .join('\n'),
    corrections: view.corrections.map((c) => ({ decisionNo: c.decisionNo, decidedOn: c.decidedOn })),
  };
}
