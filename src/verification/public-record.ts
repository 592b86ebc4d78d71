import type { FieldChange } from '../register/entities/correction.entity';

/**
 * PUB-4: the one query of a public lookup, with `$1` the serial as printed. It finds the diplomas on
 * this serial now (the entry's own blank, or the last misprint replacement's, BLANK-9) with what the
 * answer needs, and the blank's state (BLANK-10), in one row at least whether or not the serial exists.
 * Kept free of Nest and TypeORM so the benchmark's bare handler runs exactly this text (bench/verify).
 */
export const PUBLIC_RECORD_SQL = `WITH cand AS (
         SELECT e.id FROM register_entries e WHERE e.serial_number = $1
         UNION SELECT s.entry_id FROM register_entry_serials s WHERE s.serial_number = $1)
       SELECT b.state AS blank_state, b.holder_org_id AS blank_holder, r.*
         FROM (SELECT 1) one
         LEFT JOIN blanks b ON b.serial_number = $1
         LEFT JOIN (
           SELECT e.id, e.credential_type, e.full_name, to_char(e.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
                  e.register_entry_number, to_char(e.issued_on, 'YYYY-MM-DD') AS issued_on, e.graduation_year,
                  COALESCE(cs.serial_number, e.serial_number) AS current_serial,
                  e.issuer_org_id, i.code AS issuer_code, i.name_vi AS issuer_name_vi, i.name_en AS issuer_name_en,
                  sc.name_vi AS school_name_vi, sc.name_en AS school_name_en,
                  rv.decision_no AS rv_no, to_char(rv.decided_on, 'YYYY-MM-DD') AS rv_on, rv.public_note AS rv_note,
                  ri.decision_no AS ri_no, to_char(ri.decided_on, 'YYYY-MM-DD') AS ri_on,
                  corr.list AS corrections
             FROM cand JOIN register_entries e ON e.id = cand.id
             JOIN organisations i ON i.id = e.issuer_org_id
             JOIN organisations sc ON sc.id = e.school_org_id
             LEFT JOIN LATERAL (SELECT s.serial_number FROM register_entry_serials s WHERE s.entry_id = e.id
                                 ORDER BY s.created_at DESC, s.id DESC LIMIT 1) cs ON true
             LEFT JOIN revocations rv ON rv.entry_id = e.id
             LEFT JOIN reissues ri ON ri.entry_id = e.id
             LEFT JOIN LATERAL (SELECT json_agg(json_build_object('decisionNo', c.decision_no,
                                  'decidedOn', to_char(c.decided_on, 'YYYY-MM-DD'), 'changes', c.changes)
                                  ORDER BY c.created_at, c.id) AS list
                                  FROM corrections c WHERE c.entry_id = e.id) corr ON true
         ) r ON r.current_serial = $1`;

export interface RecordRow {
  blank_state: string | null;
  blank_holder: string | null;
  id: string | null;
  credential_type: string;
  full_name: string;
  date_of_birth: string;
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
  corrections: { decisionNo: string; decidedOn: string; changes: FieldChange[] }[] | null;
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
  const current = { fullName: r.full_name, dateOfBirth: r.date_of_birth };
  for (const c of r.corrections ?? [])
    for (const ch of c.changes) {
      if (ch.field === 'fullName' && ch.to) current.fullName = ch.to;
      if (ch.field === 'dateOfBirth' && ch.to) current.dateOfBirth = ch.to;
    }
  return {
    id: r.id!,
    credentialType: r.credential_type,
    registered: { fullName: r.full_name, dateOfBirth: r.date_of_birth },
    current,
    serialNumber: r.current_serial,
    registerEntryNumber: r.register_entry_number,
    issuedOn: r.issued_on,
    graduationYear: r.graduation_year,
    issuer: { id: r.issuer_org_id, code: r.issuer_code, nameVi: r.issuer_name_vi, nameEn: r.issuer_name_en },
    school: { nameVi: r.school_name_vi, nameEn: r.school_name_en },
    revocation: r.rv_no ? { decisionNo: r.rv_no, decidedOn: r.rv_on!, publicNote: r.rv_note } : null,
    reissue: r.ri_no ? { decisionNo: r.ri_no, decidedOn: r.ri_on! } : null,
    corrections: (r.corrections ?? []).map((c) => ({ decisionNo: c.decisionNo, decidedOn: c.decidedOn })),
  };
}
