import type { FactTypeDefinition } from '../facts/fact-type';

export const BLANK_RECEIPT: FactTypeDefinition = {
  type: 'blank.receipt',
  table: 'blank_receipts',
  versions: {
    1: [
      'id',
      'org_id',
      'credential_type',
      'serial_prefix',
      'digits',
      'first_number',
      'last_number',
      'quantity',
      'received_from',
      'document_ref',
      'received_on',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'BLANK-2, BLANK-5, BLANK-11',
};

export const BLANK_MOVEMENT: FactTypeDefinition = {
  type: 'blank.movement',
  table: 'blank_movements',
  versions: {
    1: [
      'id',
      'kind',
      'credential_type',
      'serial_prefix',
      'digits',
      'ranges',
      'quantity',
      'usable_quantity',
      'from_org_id',
      'to_org_id',
      'reason',
      'document_ref',
      'record_id',
      'occurred_on',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'BLANK-4, BLANK-5, BLANK-9',
};

export const BLANK_RECORD: FactTypeDefinition = {
  type: 'blank.record',
  table: 'blank_records',
  versions: {
    1: [
      'id',
      'kind',
      'org_id',
      'record_no',
      'recorded_on',
      'council_members',
      'method',
      'reason',
      'quantity',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'BLANK-6, BLANK-7, BLANK-8',
};
