import type { FactTypeDefinition } from '../facts/fact-type';

/** TIME-3: a rule or local setting that took effect; the law's history is itself on the record. */
export const RULEBOOK_SETTING: FactTypeDefinition = {
  type: 'rulebook.setting',
  table: 'settings',
  versions: {
    1: ['id', 'key', 'scope_org_id', 'value', 'valid_from', 'valid_to', 'legal_basis', 'rules', 'created_at'],
  },
  currentVersion: 1,
  rules: 'TIME-3',
};
