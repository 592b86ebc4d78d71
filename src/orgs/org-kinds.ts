/** OrganisationKind of the glossary (§1). */
export const ORGANISATION_KINDS = [
  'ministry',
  'ministryUnit',
  'provincialCommittee',
  'provincialDepartment',
  'districtCommittee',
  'districtBureau',
  'communeCommittee',
  'school',
  'continuingEducationCentre',
  'educationInstitution',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Which kinds may sit under which (ORG-1). The tree follows reporting lines for data scoping:
 * ministry > provincial department > district bureau / commune committee > school.
 */
export const ALLOWED_PARENT_KINDS: Record<OrganisationKind, readonly OrganisationKind[] | null> = {
  ministry: null,
  ministryUnit: ['ministry'],
  provincialCommittee: ['ministry'],
  provincialDepartment: ['ministry', 'provincialCommittee'],
  districtCommittee: ['provincialDepartment', 'provincialCommittee'],
  districtBureau: ['provincialDepartment', 'districtCommittee'],
  communeCommittee: ['provincialDepartment', 'districtBureau', 'districtCommittee'],
  school: ['provincialDepartment', 'districtBureau', 'communeCommittee', 'ministry'],
  continuingEducationCentre: ['provincialDepartment', 'districtBureau', 'communeCommittee'],
  educationInstitution: ['ministry', 'provincialDepartment', 'provincialCommittee'],
};
