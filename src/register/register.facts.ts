import type { FactTypeDefinition } from '../facts/fact-type';

export const GRADUATION_DECISION: FactTypeDefinition = {
  type: 'graduation.decision',
  table: 'graduation_decisions',
  versions: {
    1: [
      'id',
      'decision_no',
      'decided_on',
      'credential_type',
      'school_org_id',
      'graduation_year',
      'exam_session',
      'exam_council',
      'study_mode',
      'medium',
      'signer_name',
      'signer_title',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'ISSUE-2',
};

export const GRADUATE: FactTypeDefinition = {
  type: 'graduation.graduate',
  table: 'graduates',
  versions: {
    1: [
      'id',
      'decision_id',
      'row_no',
      'full_name',
      'name_key',
      'date_of_birth',
      'place_of_birth',
      'gender',
      'ethnicity',
      'nationality',
      'personal_id_number',
      'learner_code',
      'classification',
      'class_name',
      'exam_scores',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'ISSUE-2',
};

const REGISTER_ENTRY_V1 = [
  'id',
  'book_id',
  'decision_id',
  'graduate_id',
  'issuance_id',
  'register_sequence',
  'register_entry_number',
  'serial_number',
  'issuer_org_id',
  'credential_type',
  'issued_on',
  'rule_set',
  'signer_name',
  'signer_title',
  'school_org_id',
  'graduation_year',
  'full_name',
  'name_key',
  'date_of_birth',
  'place_of_birth',
  'gender',
  'ethnicity',
  'nationality',
  'personal_id_number',
  'classification',
  'exam_scores',
  'created_at',
];

export const REGISTER_ENTRY: FactTypeDefinition = {
  type: 'register.entry',
  table: 'register_entries',
  // v2: re-issues name the entry they replace (REISSUE-8).
  versions: { 1: REGISTER_ENTRY_V1, 2: [...REGISTER_ENTRY_V1, 'replaces_entry_id'] },
  currentVersion: 2,
  rules: 'REG-1, REG-6, NUM-1, NUM-2, REISSUE-8',
};

export const ISSUANCE: FactTypeDefinition = {
  type: 'register.issuance',
  table: 'issuances',
  versions: {
    1: [
      'id',
      'decision_id',
      'issuer_org_id',
      'book_id',
      'issued_on',
      'first_sequence',
      'last_sequence',
      'quantity',
      'signer_name',
      'signer_title',
      'rule_set',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'ISSUE-1, ORG-2',
};

export const HANDOVER: FactTypeDefinition = {
  type: 'register.handover',
  table: 'handovers',
  versions: {
    1: [
      'id',
      'entry_id',
      'received_on',
      'receiver_name',
      'receiver_personal_id_number',
      'relationship',
      'authorisation_ref',
      'data_checked',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'HAND-1, HAND-2',
};

export const REGISTER_CLOSURE: FactTypeDefinition = {
  type: 'register.closure',
  table: 'register_book_closures',
  versions: {
    1: [
      'id',
      'book_id',
      'closed_on',
      'entries',
      'last_sequence',
      'signer_name',
      'signer_title',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'REG-7',
};

export const REGISTER_CUSTODY_TRANSFER: FactTypeDefinition = {
  type: 'register.custodyTransfer',
  table: 'register_custody_transfers',
  versions: {
    1: [
      'id',
      'issuer_org_id',
      'credential_type',
      'from_org_id',
      'to_org_id',
      'effective_on',
      'record_no',
      'record_date',
      'books',
      'entry_count',
      'undelivered_count',
      'note',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'TIME-9, HAND-5',
};

export const REGISTER_ENTRY_SERIAL: FactTypeDefinition = {
  type: 'register.entrySerial',
  table: 'register_entry_serials',
  versions: {
    1: [
      'id',
      'entry_id',
      'serial_number',
      'previous_serial_number',
      'reason',
      'note',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'BLANK-9, NUM-1',
};

export const REVOCATION: FactTypeDefinition = {
  type: 'register.revocation',
  table: 'revocations',
  versions: {
    1: [
      'id',
      'entry_id',
      'ground',
      'decision_no',
      'decided_on',
      'signer_name',
      'signer_title',
      'detecting_body',
      'public_note',
      'return_due_on',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'REVOKE-1, REVOKE-3, REVOKE-5, REVOKE-6',
};

export const CORRECTION: FactTypeDefinition = {
  type: 'register.correction',
  table: 'corrections',
  versions: {
    1: [
      'id',
      'entry_id',
      'ground',
      'decision_no',
      'decided_on',
      'evidence_ref',
      'changes',
      'received_on',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'CORR-1, CORR-6, CORR-7, CORR-8',
};

export const REISSUE: FactTypeDefinition = {
  type: 'register.reissue',
  table: 'reissues',
  versions: {
    1: [
      'id',
      'entry_id',
      'new_entry_id',
      'decision_no',
      'decided_on',
      'reason',
      'received_on',
      'recorded_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'REISSUE-1, REISSUE-6, REISSUE-7, REISSUE-8',
};
