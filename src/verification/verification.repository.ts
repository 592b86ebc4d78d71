import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

  /** Whether this exact QR payload was printed for the entry (a diploma_prints fact). */
  async wasPrinted(entryId: string, qrPayload: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM diploma_prints WHERE entry_id = $1 AND qr_payload = $2
       UNION ALL SELECT 1 FROM register_copies WHERE entry_id = $1 AND qr_payload = $2 LIMIT 1`,
      [entryId, qrPayload],
    );
    return rows.length > 0;
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
