import type { FactTypeDefinition } from '../facts/fact-type';

/** TIME-9: from a date, another body holds an issuer's registers of one credential type. */
export const CUSTODY_ASSIGNMENT: FactTypeDefinition = {
  type: 'custody.assignment',
  table: 'custody_assignments',
  versions: {
    1: [
      'id',
      'issuer_org_id',
      'credential_type',
      'custodian_org_id',
      'effective_from',
      'transfer_record_ref',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'TIME-7, TIME-9',
};
