import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FieldChange } from '../register/entities/correction.entity';

@Injectable()
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The state of a blank by its serial (any series), or null for a credential without blanks. */
  async blankState(serialNumber: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ state: string }[]>(
      `SELECT state FROM blanks WHERE serial_number = $1 LIMIT 1`,
      [serialNumber],
    );
    return rows[0]?.state ?? null;
  }

  /**
   * PUB-4: the diplomas on this serial now (the entry's own blank, or the last misprint replacement's,
   * BLANK-9), with what the public answer needs, and the blank's state (BLANK-10). One round trip that
   * does the same index probes whether or not the serial exists, so the answer's timing does not tell.
   */
  async recordsOnSerial(
    serial: string,
  ): Promise<{ records: PublicRecord[]; blank: { state: string; holderOrgId: string } | null }> {
    const rows = await this.dataSource.query<RecordRow[]>(
      `WITH cand AS (
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
         ) r ON r.current_serial = $1`,
      [serial],
    );
    const blank = rows[0]?.blank_state
      ? { state: rows[0].blank_state, holderOrgId: rows[0].blank_holder! }
      : null;
    return { records: rows.filter((r) => r.id !== null).map(toRecord), blank };
  }

  /** Whether this exact QR payload was printed for the entry (a diploma_prints fact). */
  async wasPrinted(entryId: string, qrPayload: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM diploma_prints WHERE entry_id = $1 AND qr_payload = $2
       UNION ALL SELECT 1 FROM register_copies WHERE entry_id = $1 AND qr_payload = $2 LIMIT 1`,
      [entryId, qrPayload],
    );
    return rows.length > 0;
  }

  /**
   * PUB-1: what an issuer issued in a year, per graduation decision: counts and serial ranges, no names
   * (PUB-4). Re-issues are listed under their own decisions' year like any diploma.
   */
  issuancesOf(issuerOrgId: string, year: number): Promise<PublishedIssuance[]> {
    return this.dataSource.query(
      `SELECT d.decision_no AS "decisionNo", to_char(d.decided_on, 'YYYY-MM-DD') AS "decidedOn",
              sc.code AS "schoolCode", sc.name_vi AS "schoolNameVi", sc.name_en AS "schoolNameEn",
              e.credential_type AS "credentialType", to_char(e.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              count(*)::int AS count, min(e.serial_number) AS "firstSerialNumber", max(e.serial_number) AS "lastSerialNumber"
         FROM register_entries e
         JOIN graduation_decisions d ON d.id = e.decision_id
         JOIN organisations sc ON sc.id = e.school_org_id
        WHERE e.issuer_org_id = $1 AND e.issued_on >= make_date($2, 1, 1) AND e.issued_on < make_date($2 + 1, 1, 1)
        GROUP BY d.id, d.decision_no, d.decided_on, sc.code, sc.name_vi, sc.name_en, e.credential_type, e.issued_on
        ORDER BY e.issued_on, d.decided_on, d.decision_no`,
      [issuerOrgId, year],
    );
  }

  /** REVOKE-4, PUB-7: revocation decisions on an issuer's diplomas decided in a year, for publication. */
  revocationsOf(issuerOrgId: string, year: number): Promise<PublishedRevocation[]> {
    return this.dataSource.query(
      `SELECT r.decision_no AS "decisionNo", to_char(r.decided_on, 'YYYY-MM-DD') AS "decidedOn", r.ground,
              r.public_note AS "publicNote", e.credential_type AS "credentialType",
              COALESCE((SELECT s.serial_number FROM register_entry_serials s WHERE s.entry_id = e.id
                        ORDER BY s.created_at DESC, s.id DESC LIMIT 1), e.serial_number) AS "serialNumber",
              e.register_entry_number AS "registerEntryNumber", to_char(e.issued_on, 'YYYY-MM-DD') AS "issuedOn"
         FROM revocations r JOIN register_entries e ON e.id = r.entry_id
        WHERE e.issuer_org_id = $1 AND r.decided_on >= make_date($2, 1, 1) AND r.decided_on < make_date($2 + 1, 1, 1)
        ORDER BY r.decided_on, r.decision_no, e.register_entry_number`,
      [issuerOrgId, year],
    );
  }
}

export interface PublishedIssuance {
  decisionNo: string;
  decidedOn: string;
  schoolCode: string;
  schoolNameVi: string;
  schoolNameEn: string;
  credentialType: string;
  issuedOn: string;
  count: number;
  firstSerialNumber: string | null;
  lastSerialNumber: string | null;
}

export interface PublishedRevocation {
  decisionNo: string;
  decidedOn: string;
  ground: string;
  publicNote: string | null;
  credentialType: string;
  serialNumber: string | null;
  registerEntryNumber: string;
  issuedOn: string;
}

interface RecordRow {
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

function toRecord(r: RecordRow): PublicRecord {
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
