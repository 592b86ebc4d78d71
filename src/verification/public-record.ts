import { isSameName } from '../common/text/vietnamese';
import type { PublicDiploma } from './public-answer';

/** BLANK-10: a blank in one of these states is never a valid diploma. */
const VOID_BLANK_STATES = new Set(['spoiled', 'destroyed', 'lost']);

export function isVoidBlank(state: string | null): boolean {
  return state !== null && VOID_BLANK_STATES.has(state);
}

/** What a public answer needs of a `public_records` row (aliased to RecordRow's names). */
const RECORD_COLUMNS = `p.entry_id AS id, p.credential_type, p.full_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
           p.current_full_name, to_char(p.current_date_of_birth, 'YYYY-MM-DD') AS current_date_of_birth,
           p.register_entry_number, to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.graduation_year,
           p.serial_number AS current_serial, p.issuer_org_id, p.issuer_code, p.issuer_name_vi, p.issuer_name_en,
           p.school_name_vi, p.school_name_en,
           p.rv_decision_no AS rv_no, to_char(p.rv_decided_on, 'YYYY-MM-DD') AS rv_on, p.rv_public_note AS rv_note,
           p.ri_decision_no AS ri_no, to_char(p.ri_decided_on, 'YYYY-MM-DD') AS ri_on, p.corrections`;

/**
 * PUB-4: the query of a public lookup, with `$1` the serial as printed. `public_records` is the read
 * model kept by triggers on the fact tables (migrations/1796000000000-PublicRecords.ts): each entry
 * under the serial it is on now (BLANK-9), its holder's name and birth date as registered and as
 * corrected (CORR-9), and its revocation or re-issue decision. With the blank's state (BLANK-10), it
 * answers in one row at least whether or not the serial exists, with the same index probes.
 * Kept free of Nest and TypeORM so the benchmark's bare handler runs exactly this text (bench/verify).
 */
export const PUBLIC_RECORD_SQL = `SELECT $1::text AS asked, b.state AS blank_state, b.holder_org_id AS blank_holder, r.*
  FROM (SELECT 1) one
  LEFT JOIN blanks b ON b.serial_number = $1
  LEFT JOIN (SELECT ${RECORD_COLUMNS} FROM public_records p WHERE p.serial_number = $1) r ON true`;

/**
 * The same for several serials at once (`$1` text[]), the batches of lookup-batcher.ts; `asked` says
 * which serial a row answers. Each serial gets the rows PUBLIC_RECORD_SQL gives it (a test compares).
 * The joins are LATERAL with `OFFSET 0`, which keeps the planner from flattening them: flattened, the
 * generic plan hashed the whole of public_records (42 ms on 100,000 diplomas) where each serial needs
 * two index probes. A separate statement, not this one with one serial: the planner guesses ten
 * elements for an array parameter, so a one-serial lookup here would be planned every time.
 */
export const PUBLIC_RECORDS_SQL = `SELECT s.asked, b.blank_state, b.blank_holder, r.*
  FROM unnest($1::text[]) AS s(asked)
  LEFT JOIN LATERAL (
    SELECT bl.state AS blank_state, bl.holder_org_id AS blank_holder FROM blanks bl WHERE bl.serial_number = s.asked
    OFFSET 0
  ) b ON true
  LEFT JOIN LATERAL (SELECT ${RECORD_COLUMNS} FROM public_records p WHERE p.serial_number = s.asked OFFSET 0) r ON true`;

export interface RecordRow {
  asked: string;
  blank_state: string | null;
  blank_holder: string | null;
  id: string | null;
  credential_type: string;
  full_name: string;
  date_of_birth: string;
  current_full_name: string;
  current_date_of_birth: string;
  register_entry_number: string;
  issued_on: string;
  graduation_year: number;
  current_serial: string | null;
  issuer_org_id: string;
  issuer_code: string;
  issuer_name_vi: string;
  issuer_name_en: string;
  school_name_vi: string;
  school_name_en: string;
  rv_no: string | null;
  rv_on: string | null;
  rv_note: string | null;
  ri_no: string | null;
  ri_on: string | null;
  corrections: { decisionNo: string; decidedOn: string }[];
}

/** One diploma as the public sees it, with the holder's name and birth date as registered and as now. */
export interface PublicRecord {
  id: string;
  credentialType: string;
  registered: { fullName: string; dateOfBirth: string };
  /** After the correction decisions, in order (CORR-9). */
  current: { fullName: string; dateOfBirth: string };
  serialNumber: string | null;
  registerEntryNumber: string;
  issuedOn: string;
  graduationYear: number;
  issuer: { id: string; code: string; nameVi: string; nameEn: string };
  school: { nameVi: string; nameEn: string };
  revocation: { decisionNo: string; decidedOn: string; publicNote: string | null } | null;
  reissue: { decisionNo: string; decidedOn: string } | null;
  corrections: { decisionNo: string; decidedOn: string }[];
}

export function toRecord(r: RecordRow): PublicRecord {
  return {
    id: r.id!,
    credentialType: r.credential_type,
    registered: { fullName: r.full_name, dateOfBirth: r.date_of_birth },
    current: { fullName: r.current_full_name, dateOfBirth: r.current_date_of_birth },
    serialNumber: r.current_serial,
    registerEntryNumber: r.register_entry_number,
    issuedOn: r.issued_on,
    graduationYear: r.graduation_year,
    issuer: { id: r.issuer_org_id, code: r.issuer_code, nameVi: r.issuer_name_vi, nameEn: r.issuer_name_en },
    school: { nameVi: r.school_name_vi, nameEn: r.school_name_en },
    revocation: r.rv_no ? { decisionNo: r.rv_no, decidedOn: r.rv_on!, publicNote: r.rv_note } : null,
    reissue: r.ri_no ? { decisionNo: r.ri_no, decidedOn: r.ri_on! } : null,
    corrections: r.corrections,
  };
}

/** As registered, or as corrected since (CORR-6: the paper and the correction decision go together). */
export function presents(r: PublicRecord, q: { fullName: string; dateOfBirth: string }): boolean {
  return (
    (isSameName(q.fullName, r.registered.fullName) && q.dateOfBirth === r.registered.dateOfBirth) ||
    (isSameName(q.fullName, r.current.fullName) && q.dateOfBirth === r.current.dateOfBirth)
  );
}

export function publicDiploma(r: PublicRecord): PublicDiploma {
  return {
    credentialType: r.credentialType,
    fullName: r.current.fullName,
    dateOfBirth: r.current.dateOfBirth,
    serialNumber: r.serialNumber,
    registerEntryNumber: r.registerEntryNumber,
    issuer: { code: r.issuer.code, nameVi: r.issuer.nameVi, nameEn: r.issuer.nameEn },
    school: r.school,
    graduationYear: r.graduationYear,
    issuedOn: r.issuedOn,
    status: r.revocation ? 'revoked' : r.reissue ? 'replaced' : 'valid',
    hasCorrections: r.corrections.length > 0,
    corrections: r.corrections.map((c) => ({ decisionNo: c.decisionNo, decidedOn: c.decidedOn })),
    ...(r.revocation
      ? { statusDetail: { kind: 'revocation' as const, ...r.revocation } }
      : r.reissue
        ? { statusDetail: { kind: 'reissue' as const, ...r.reissue, publicNote: null } }
        : {}),
  };
}

/** The rows of a PUBLIC_RECORDS_SQL answer, by the serial each answers. */
export function rowsBySerial(rows: RecordRow[]): Map<string, RecordRow[]> {
  const bySerial = new Map<string, RecordRow[]>();
  for (const r of rows) {
    const same = bySerial.get(r.asked);
    if (same) same.push(r);
    else bySerial.set(r.asked, [r]);
  }
  return bySerial;
}
