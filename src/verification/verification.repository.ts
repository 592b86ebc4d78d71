import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether this exact QR payload was printed for the entry (a diploma_prints fact). */
  async wasPrinted(entryId: string, qrPayload: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM diploma_prints WHERE entry_id = $1 AND qr_payload = $2 LIMIT 1`,
      [entryId, qrPayload],
    );
    return rows.length > 0;
  }
}
