import type { FactTypeDefinition } from '../facts/fact-type';

export const COPY_REQUEST: FactTypeDefinition = {
  type: 'copy.request',
  table: 'copy_requests',
  versions: {
    1: [
      'id',
      'entry_id',
      'custodian_org_id',
      'requester_name',
      'requester_personal_id_number',
      'relationship',
      'evidence_ref',
      'quantity',
      'received_at',
      'due_on',
      'signer_name',
      'signer_title',
      'recorded_by',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'COPY-2, COPY-3, COPY-4, COPY-7',
};

export const REGISTER_COPY: FactTypeDefinition = {
  type: 'copy.registerCopy',
  table: 'register_copies',
  versions: {
    1: [
      'id',
      'request_id',
      'entry_id',
      'custodian_org_id',
      'credential_type',
      'year',
      'copy_sequence',
      'copy_entry_number',
      'copied_on',
      'signer_name',
      'signer_title',
      'content',
      'qr_payload',
      'qr_key_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'COPY-1, COPY-6, NUM-6, PRINT-7',
};

export const COPY_REFUSAL: FactTypeDefinition = {
  type: 'copy.refusal',
  table: 'copy_refusals',
  versions: {
    1: [
      'id',
      'custodian_org_id',
      'entry_id',
      'reason',
      'requested',
      'requester_name',
      'requester_personal_id_number',
      'explanation',
      'received_at',
      'decided_on',
      'signer_name',
      'signer_title',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'COPY-8',
};
