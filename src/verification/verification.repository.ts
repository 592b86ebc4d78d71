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
      `SELECT 1 FROM diploma_prints WHERE entry_id = $1 AND qr_payload = $2 LIMIT 1`,
      [entryId, qrPayload],
    );
    return rows.length > 0;
  }
}
