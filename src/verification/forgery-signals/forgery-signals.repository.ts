import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escapeLike } from '../../audit/audit.repository';
import { uuidv7 } from '../../common/ids/uuid-v7';
import type { ForgerySignalEntity, ForgerySignalKind } from './forgery-signal.entity';

export type NewForgerySignal = Omit<ForgerySignalEntity, 'id' | 'recordedAt' | 'entry' | 'org'>;

export interface ForgerySignalFilter {
  /** Materialised path of the reader's organisation: signals of organisations below it. */
  scopePath: string;
  /** Signals with no organisation (unknown serials) are shown only to the root organisation. */
  includeUnowned: boolean;
  serialNumber?: string;
  kind?: ForgerySignalKind;
  from?: string;
  to?: string;
  after: string | null;
  limit: number;
}

@Injectable()
export class ForgerySignalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertSignal(s: NewForgerySignal): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO forgery_signals (id, channel, kind, reason, serial_number, entry_id, org_id, blank_state,
                                    presented_full_name, presented_date_of_birth)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        uuidv7(),
        s.channel,
        s.kind,
        s.reason,
        s.serialNumber,
        s.entryId,
        s.orgId,
        s.blankState,
        s.presentedFullName,
        s.presentedDateOfBirth,
      ],
    );
  }

  /** Newest first; `after` is the last id of the previous page. */
  async listSignals(f: ForgerySignalFilter): Promise<ForgerySignalRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    where.push(
      `(o.path LIKE ${p(escapeLike(f.scopePath) + '%')}${f.includeUnowned ? ' OR s.org_id IS NULL' : ''})`,
    );
    if (f.serialNumber) where.push(`s.serial_number = ${p(f.serialNumber)}`);
    if (f.kind) where.push(`s.kind = ${p(f.kind)}`);
    if (f.from) where.push(`s.recorded_at >= ${p(f.from)}::date`);
    if (f.to) where.push(`s.recorded_at < ${p(f.to)}::date + 1`);
    if (f.after) where.push(`s.id < ${p(f.after)}`);
    return this.dataSource.query(
      `SELECT s.id, s.recorded_at AS "recordedAt", s.channel, s.kind, s.reason, s.serial_number AS "serialNumber",
              e.register_entry_number AS "registerEntryNumber", o.code AS "orgCode", s.blank_state AS "blankState",
              s.presented_full_name AS "presentedFullName", s.presented_date_of_birth AS "presentedDateOfBirth"
         FROM forgery_signals s
         LEFT JOIN organisations o ON o.id = s.org_id
         LEFT JOIN register_entries e ON e.id = s.entry_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.id DESC
        LIMIT ${p(f.limit + 1)}`,
      params,
    );
  }
}

export interface ForgerySignalRow {
  id: string;
  recordedAt: Date;
  channel: string;
  kind: string;
  reason: string | null;
  serialNumber: string | null;
  registerEntryNumber: string | null;
  orgCode: string | null;
  blankState: string | null;
  presentedFullName: string | null;
  presentedDateOfBirth: string | null;
}
