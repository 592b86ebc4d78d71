import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LookupBatcher } from './lookup-batcher';
import {
  PUBLIC_RECORD_SQL,
  PUBLIC_RECORDS_SQL,
  type PublicRecord,
  type RecordRow,
  rowsBySerial,
  toRecord,
} from './public-record';

/** Serials in one batched lookup query: a backlog drains in a few queries of bounded size. */
const MAX_SERIALS_PER_QUERY = 64;

@Injectable()
export class VerificationRepository {
  private readonly lookups: LookupBatcher<RecordRow>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.lookups = new LookupBatcher(
      (serials) => this.recordsOnSerials(serials),
      config.publicLookupQueries,
      MAX_SERIALS_PER_QUERY,
    );
  }

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
    const rows = await this.lookups.lookup(serial);
    const blank = rows[0]?.blank_state
      ? { state: rows[0].blank_state, holderOrgId: rows[0].blank_holder! }
      : null;
    return { records: rows.filter((r) => r.id !== null).map(toRecord), blank };
  }

  /** Public lookups asked and the queries that answered them (lookup-batcher.ts). */
  lookupCounts(): { lookups: number; queries: number } {
    return { ...this.lookups.counts };
  }

  private async recordsOnSerials(serials: string[]): Promise<Map<string, RecordRow[]>> {
    // Named statements: PostgreSQL keeps their plans per connection. Planning a lookup costs more than
    // running it (0.09 against 0.05 ms on 100,000 diplomas, bench/verify), and pgbench without kept
    // plans reaches 0.44× the lookups. TypeORM's query() cannot name a statement; its pool can.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<RecordRow>(
      serials.length === 1
        ? { name: 'vbcc_public_record', text: PUBLIC_RECORD_SQL, values: serials }
        : { name: 'vbcc_public_records', text: PUBLIC_RECORDS_SQL, values: [serials] },
    );
    return rowsBySerial(rows);
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
