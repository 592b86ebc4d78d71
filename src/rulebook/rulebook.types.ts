export const RULE_SETS = ['PRE_TT21', 'TT21_2019', 'TT10_2026'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

/** One body that may issue a credential type in a period (value of `authority.<kind>`). */
export interface IssuerRule {
  orgKind: string;
  signerRole: string;
  signerTitleVi: string;
  signerTitleEn: string;
}

export interface AuthorityValue {
  issuers: IssuerRule[];
  noteVi?: string;
  noteEn?: string;
}

export interface DeadlineRule {
  days: number;
  unit: 'calendarDays' | 'workingDays';
  /** What the period counts from: the recognition decision, or the end of the course or exam. */
  from: 'decisionDate' | 'courseEnd';
}

export type Medium = 'paper' | 'digital';

export interface DeadlineValue {
  paper?: DeadlineRule;
  digital?: DeadlineRule;
}

export interface SettingRowView {
  key: string;
  value: unknown;
  scopeOrgId: string | null;
  validFrom: string | null;
  validTo: string | null;
  legalBasis: string;
  rules: string | null;
}
