import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import type { GraduationDecisionEntity } from '../register/entities/graduation-decision.entity';
import type { DiplomaView } from '../register/diplomas.service';
import { CLASSIFICATIONS, type Classification, type DiplomaPrint, type QrMatrix } from './diploma/model';

/**
 * What goes on the paper for a register entry (PRINT-3/4): the entry exactly as registered (REG-1),
 * its current blank, the issuer's place name and the signer recorded at issue (PRINT-8).
 */
export function diplomaPrintOf(
  view: DiplomaView,
  decision: GraduationDecisionEntity,
  opts: { showClassification: boolean; qr: QrMatrix | null },
): DiplomaPrint {
  const e = view.entry;
  const classification =
    opts.showClassification && CLASSIFICATIONS.includes(e.classification as Classification)
      ? (e.classification as Classification)
      : null;
  return {
    credentialType: e.credentialType,
    issuedOn: e.issuedOn,
    // CORR-9: the holder as corrected
    fullName: view.content.fullName,
    dateOfBirth: view.content.dateOfBirth,
    placeOfBirth: view.content.placeOfBirth,
    gender: view.content.gender,
    ethnicity: view.content.ethnicity,
    schoolName: view.school.nameVi,
    graduationYear: e.graduationYear,
    classification,
    studyMode: decision.studyMode,
    examCouncil: decision.examCouncil,
    examYear: decision.examCouncil ? e.graduationYear : null,
    programmeName: null,
    issuingAuthorityName: authorityName(view.issuer),
    issuePlaceName: view.issuer.placeName ?? view.issuer.nameVi,
    signerTitle: e.signerTitle,
    signerName: e.signerName,
    serialNumber: view.serialNumber ?? '',
    registerEntryNumber: e.registerEntryNumber,
    qr: opts.qr,
  };
}

function authorityName(issuer: OrganisationEntity): string {
  return [issuer.superiorNameVi, issuer.nameVi]
    .filter(Boolean)
    .map((s) => s!.toUpperCase())
    .join('\n');
}
