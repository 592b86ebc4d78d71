import { BLANK_MOVEMENT, BLANK_RECEIPT, BLANK_RECORD } from '../blanks/blanks.facts';
import { AppError } from '../common/errors/app-error';
import { COPY_REFUSAL, COPY_REQUEST, REGISTER_COPY } from '../copies/copies.facts';
import { CUSTODY_ASSIGNMENT } from '../custody/custody.facts';
import { ORG_REGISTRATION, ORG_SUCCESSION } from '../orgs/orgs.facts';
import {
  GRADUATE,
  GRADUATION_DECISION,
  HANDOVER,
  ISSUANCE,
  REGISTER_CLOSURE,
  REGISTER_CUSTODY_TRANSFER,
  REGISTER_ENTRY,
  REGISTER_ENTRY_SERIAL,
  REVOCATION,
  CORRECTION,
  REISSUE,
} from '../register/register.facts';
import { DIPLOMA_PRINT } from '../printing/printing.facts';
import { RULEBOOK_SETTING } from '../rulebook/rulebook.facts';
import type { FactTypeDefinition } from './fact-type';

/**
 * Every fact type, listed explicitly: verify-log and the tamper test iterate over this list, so a
 * new fact table is covered as soon as it is registered here.
 */
export const FACT_TYPES: readonly FactTypeDefinition[] = [
  ORG_REGISTRATION,
  ORG_SUCCESSION,
  CUSTODY_ASSIGNMENT,
  RULEBOOK_SETTING,
  BLANK_RECEIPT,
  BLANK_MOVEMENT,
  BLANK_RECORD,
  GRADUATION_DECISION,
  GRADUATE,
  REGISTER_ENTRY,
  ISSUANCE,
  HANDOVER,
  REGISTER_CLOSURE,
  REGISTER_CUSTODY_TRANSFER,
  REGISTER_ENTRY_SERIAL,
  DIPLOMA_PRINT,
  REVOCATION,
  CORRECTION,
  REISSUE,
  COPY_REQUEST,
  REGISTER_COPY,
  COPY_REFUSAL,
];

export function factType(type: string): FactTypeDefinition {
  const def = FACT_TYPES.find((d) => d.type === type);
  if (!def) throw new AppError('FACT_TYPE_UNKNOWN', `Fact type ${type} is not registered`);
  return def;
}
