import type { FactTypeDefinition } from '../facts/fact-type';

/** ORG-1: an organisation's founding record. `valid_to` is derived from succession facts, so it is not committed. */
export const ORG_REGISTRATION: FactTypeDefinition = {
  type: 'org.registration',
  table: 'organisations',
  versions: {
    1: [
      'id',
      'code',
      'name_vi',
      'name_en',
      'kind',
      'parent_id',
      'path',
      'depth',
      'province_code',
      'superior_name_vi',
      'place_name',
      'valid_from',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'ORG-1',
};

/** ORG-1, TIME-6: a body abolished, merged or split, and who succeeds it. */
export const ORG_SUCCESSION: FactTypeDefinition = {
  type: 'org.succession',
  table: 'organisation_successions',
  versions: {
    1: ['id', 'predecessor_id', 'successor_id', 'kind', 'effective_on', 'legal_basis', 'created_at'],
  },
  currentVersion: 1,
  rules: 'ORG-1, ORG-3',
};
