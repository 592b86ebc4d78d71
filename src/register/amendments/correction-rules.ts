import type { CorrectableField, CorrectionGround } from '../entities/correction.entity';

/**
 * CORR-1/8: what each ground may change. A civil-status change or supplement touches the identity
 * data, not ethnicity or gender; a re-determination touches only those two; a late birth
 * registration may change everything the birth certificate states.
 */
export const FIELDS_BY_GROUND: Readonly<Record<CorrectionGround, readonly CorrectableField[]>> = {
  civilStatusChange: ['fullName', 'dateOfBirth', 'placeOfBirth', 'personalIdNumber'],
  ethnicityOrGenderRedetermined: ['ethnicity', 'gender'],
  civilStatusSupplemented: ['fullName', 'dateOfBirth', 'placeOfBirth', 'personalIdNumber'],
  lateBirthRegistration: [
    'fullName',
    'dateOfBirth',
    'placeOfBirth',
    'gender',
    'ethnicity',
    'personalIdNumber',
  ],
};
