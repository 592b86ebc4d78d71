import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { BlankState } from './blank-states';
import { BlankMovementEntity } from './entities/blank-movement.entity';
import { BlankReceiptEntity } from './entities/blank-receipt.entity';
import { BlankRecordEntity } from './entities/blank-record.entity';
import type { NumberRange } from './serials';

/** A set of blanks of one series: the unit every movement works on. */
export interface SeriesSelection {
  serialPrefix: string;
  digits: number;
  ranges: NumberRange[];
}

export interface SelectionSummary {
  found: number;
  credentialTypes: string[];
  /** Counts by state among blanks held by `holderOrgId`. */
  heldByState: Record<string, number>;
}

export interface BlankRow {
  serialNumber: string;
  credentialType: string;
  serialPrefix: string;
  digits: number;
  number: number;
  state: BlankState;
  holderOrgId: string;
}

/**
 * The blanks of a selection: a nested loop over the (merged, disjoint) ranges, each an index range
 * scan on (serial_prefix, number), so the cost follows the selection, not the size of the stock.
 */
const RANGES = `unnest($3::bigint[], $4::bigint[]) r(lo, hi)`;
const IN_RANGE = `b.serial_prefix = $1 AND b.digits = $2 AND b.number BETWEEN r.lo AND r.hi`;
const SELECTION = `${RANGES} JOIN blanks b ON ${IN_RANGE}`;
const selParams = (s: SeriesSelection) => [
  s.serialPrefix,
  s.digits,
  s.ranges.map((r) => r[0]),
  s.ranges.map((r) => r[1]),
];

@Injectable()
export class BlanksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  async insertReceipt(em: EntityManager, r: BlankReceiptEntity): Promise<void> {
    await em.insert(BlankReceiptEntity, r);
  }

  /** Inserts one row per serial of the receipt; returns how many were new (the rest already existed). */
  async insertBlanks(em: EntityManager, r: BlankReceiptEntity): Promise<number> {
    const [row] = await em.query<{ n: string }[]>(
      `WITH ins AS (
         INSERT INTO blanks (serial_number, credential_type, serial_prefix, number, digits, state, holder_org_id, receipt_id)
         SELECT $1 || lpad(n::text, $2, '0'), $3, $1, n, $2, 'inStock', $4, $5
         FROM generate_series($6::bigint, $7::bigint) n
         ON CONFLICT (serial_number) DO NOTHING RETURNING 1)
       SELECT count(*) AS n FROM ins`,
      [r.serialPrefix, r.digits, r.credentialType, r.orgId, r.id, r.firstNumber, r.lastNumber],
    );
    return Number(row.n);
  }

  /** Up to `limit` serials of a numbered range that already exist (same series or same string). */
  async existingSerials(
    prefix: string,
    digits: number,
    first: number,
    last: number,
    limit: number,
    em?: EntityManager,
  ): Promise<string[]> {
    const rows = await this.m(em).query<{ serial_number: string }[]>(
      `SELECT serial_number FROM blanks WHERE serial_prefix = $1 AND number BETWEEN $3 AND $4
       UNION
       SELECT b.serial_number FROM generate_series($3::bigint, least($4::bigint, $3::bigint + 100000)) n
         JOIN blanks b ON b.serial_number = $1 || lpad(n::text, $2, '0')
       ORDER BY 1 LIMIT $5`,
      [prefix, digits, first, last, limit],
    );
    return rows.map((r) => r.serial_number);
  }

  async findBySerials(serials: string[], em?: EntityManager): Promise<BlankRow[]> {
    const rows = await this.m(em).query<RawBlank[]>(
      `SELECT * FROM blanks WHERE serial_number = ANY($1::text[])`,
      [serials],
    );
    return rows.map(toBlankRow);
  }

  async findBySerial(serial: string): Promise<BlankRow | null> {
    return (await this.findBySerials([serial]))[0] ?? null;
  }

  /**
   * Locks every blank of the selection (in serial order, so concurrent movements cannot deadlock)
   * and summarises them as seen after the lock: the latest committed state and holder.
   */
  async lockAndSummarise(
    em: EntityManager,
    s: SeriesSelection,
    holderOrgId: string,
  ): Promise<SelectionSummary> {
    await em.query(
      `SELECT count(*) FROM (SELECT 1 FROM ${SELECTION} ORDER BY b.number FOR UPDATE OF b) x`,
      selParams(s),
    );
    const rows = await em.query<{ credential_type: string; held: boolean; state: BlankState; n: string }[]>(
      `SELECT b.credential_type, b.holder_org_id = $5 AS held, b.state, count(*) AS n FROM ${SELECTION}
       GROUP BY b.credential_type, b.holder_org_id = $5, b.state`,
      [...selParams(s), holderOrgId],
    );
    const heldByState: Record<string, number> = {};
    let found = 0;
    for (const r of rows) {
      found += Number(r.n);
      if (r.held) heldByState[r.state] = (heldByState[r.state] ?? 0) + Number(r.n);
    }
    return { found, credentialTypes: [...new Set(rows.map((r) => r.credential_type))], heldByState };
  }

  /** Blanks of the selection that are not held by `holderOrgId` in one of `states` (at most `limit`). */
  async offenders(
    em: EntityManager,
    s: SeriesSelection,
    holderOrgId: string,
    states: readonly BlankState[],
    limit: number,
  ) {
    const rows = await em.query<{ serial_number: string; state: BlankState; holder: string }[]>(
      `SELECT b.serial_number, b.state, o.code AS holder FROM ${SELECTION} JOIN organisations o ON o.id = b.holder_org_id
       WHERE NOT (b.holder_org_id = $5 AND b.state = ANY($6::text[]))
       ORDER BY b.number LIMIT $7`,
      [...selParams(s), holderOrgId, states, limit],
    );
    return rows.map((r) => ({ serialNumber: r.serial_number, state: r.state, holderOrgCode: r.holder }));
  }

  /** Numbers of the selection with no blank at all (at most `limit`). */
  async missingNumbers(em: EntityManager, s: SeriesSelection, limit: number): Promise<number[]> {
    const rows = await em.query<{ n: string }[]>(
      `SELECT n FROM unnest($3::bigint[], $4::bigint[]) r(lo, hi), generate_series(r.lo, r.hi) n
       WHERE NOT EXISTS (SELECT 1 FROM blanks b WHERE b.serial_prefix = $1 AND b.digits = $2 AND b.number = n)
       ORDER BY n LIMIT $5`,
      [...selParams(s), limit],
    );
    return rows.map((r) => Number(r.n));
  }

  async moveSelection(
    em: EntityManager,
    s: SeriesSelection,
    state: BlankState,
    holderOrgId: string,
  ): Promise<number> {
    const [, count] = await em.query<[unknown, number]>(
      `UPDATE blanks b SET state = $5, holder_org_id = $6, updated_at = now() FROM ${RANGES} WHERE ${IN_RANGE}`,
      [...selParams(s), state, holderOrgId],
    );
    return count;
  }

  /**
   * BLANK-9: takes `count` usable blanks of a credential type held by an office, lowest serials first.
   * SKIP LOCKED lets parallel issuances take different blanks instead of waiting on each other.
   */
  async takeUsable(
    em: EntityManager,
    holderOrgId: string,
    credentialType: string,
    count: number,
  ): Promise<BlankRow[]> {
    // The CTE runs once, so the rows it locked are exactly the rows updated. UPDATE … RETURNING
    // comes back from TypeORM as [rows, count].
    const [rows] = await em.query<[RawBlank[], number]>(
      `WITH picked AS (
         SELECT serial_number FROM blanks
         WHERE holder_org_id = $1 AND credential_type = $2 AND state IN ('inStock', 'allocated')
         ORDER BY serial_prefix, number LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE blanks b SET state = 'printed', updated_at = now() FROM picked
       WHERE b.serial_number = picked.serial_number RETURNING b.*`,
      [holderOrgId, credentialType, count],
    );
    return rows
      .map(toBlankRow)
      .sort((a, b) =>
        a.serialPrefix === b.serialPrefix ? a.number - b.number : a.serialPrefix < b.serialPrefix ? -1 : 1,
      );
  }

  async insertMovements(em: EntityManager, movements: BlankMovementEntity[]): Promise<void> {
    if (movements.length) await em.insert(BlankMovementEntity, movements);
  }

  async insertRecord(em: EntityManager, r: BlankRecordEntity): Promise<void> {
    await em.insert(BlankRecordEntity, r);
  }

  /** Stock of an organisation by credential type and state. */
  async stock(
    orgId: string,
    credentialType?: string,
  ): Promise<{ credentialType: string; state: BlankState; n: number }[]> {
    const rows = await this.dataSource.query<{ credential_type: string; state: BlankState; n: string }[]>(
      `SELECT credential_type, state, count(*) AS n FROM blanks WHERE holder_org_id = $1 AND ($2::text IS NULL OR credential_type = $2)
       GROUP BY credential_type, state ORDER BY credential_type, state`,
      [orgId, credentialType ?? null],
    );
    return rows.map((r) => ({ credentialType: r.credential_type, state: r.state, n: Number(r.n) }));
  }

  async receiptsOf(orgId: string, credentialType: string | null, before: string | null, from: string | null) {
    return this.dataSource.query<{ credential_type: string; quantity: string; received_on: string }[]>(
      `SELECT credential_type, quantity, received_on::text FROM blank_receipts WHERE org_id = $1
       AND ($2::text IS NULL OR credential_type = $2) AND ($3::date IS NULL OR received_on < $3) AND ($4::date IS NULL OR received_on >= $4)`,
      [orgId, credentialType, before, from],
    );
  }

  /** Movements touching an organisation (as giver or receiver), optionally before / from a date. */
  async movementsOf(orgId: string, credentialType: string | null): Promise<BlankMovementEntity[]> {
    return this.dataSource
      .getRepository(BlankMovementEntity)
      .createQueryBuilder('m')
      .where('(m.from_org_id = :orgId OR m.to_org_id = :orgId)', { orgId })
      .andWhere(credentialType ? 'm.credential_type = :credentialType' : 'TRUE', { credentialType })
      .orderBy('m.occurred_on')
      .addOrderBy('m.id')
      .getMany();
  }

  /** Every fact about one serial, oldest first: its receipt and the movements covering it. */
  async history(b: BlankRow) {
    const receipt = await this.dataSource
      .getRepository(BlankReceiptEntity)
      .findOne({ where: { id: (await this.receiptIdOf(b.serialNumber))! } });
    const movements = await this.dataSource.query<RawMovement[]>(
      `SELECT m.*, f.code AS from_code, t.code AS to_code FROM blank_movements m
       JOIN organisations f ON f.id = m.from_org_id LEFT JOIN organisations t ON t.id = m.to_org_id
       WHERE m.serial_prefix = $1 AND m.digits = $2 AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(m.ranges) r WHERE (r->>0)::bigint <= $3 AND $3 <= (r->>1)::bigint)
       ORDER BY m.created_at, m.id`,
      [b.serialPrefix, b.digits, b.number],
    );
    return { receipt, movements };
  }

  private async receiptIdOf(serial: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ receipt_id: string }[]>(
      `SELECT receipt_id FROM blanks WHERE serial_number = $1`,
      [serial],
    );
    return row?.receipt_id ?? null;
  }

  async recordById(id: string): Promise<BlankRecordEntity | null> {
    return this.dataSource.getRepository(BlankRecordEntity).findOne({ where: { id } });
  }

  /** PUB-6, BLANK-10: which of these serials are void (spoiled, destroyed or lost), with their state. */
  async voidStates(serials: string[]): Promise<Map<string, BlankState>> {
    const rows = await this.dataSource.query<{ serial_number: string; state: BlankState }[]>(
      `SELECT serial_number, state FROM blanks WHERE serial_number = ANY($1::text[]) AND state IN ('spoiled', 'destroyed', 'lost')`,
      [serials],
    );
    return new Map(rows.map((r) => [r.serial_number, r.state]));
  }

  /** Counts of usable blanks per holder (for reconciliation cross-checks). */
  async usableCount(orgId: string, credentialType: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM blanks WHERE holder_org_id = $1 AND credential_type = $2 AND state IN ('inStock', 'allocated')`,
      [orgId, credentialType],
    );
    return Number(row.n);
  }
}

interface RawBlank {
  serial_number: string;
  credential_type: string;
  serial_prefix: string;
  number: string;
  digits: number;
  state: BlankState;
  holder_org_id: string;
}

export interface RawMovement {
  id: string;
  kind: string;
  credential_type: string;
  serial_prefix: string;
  digits: number;
  ranges: NumberRange[];
  quantity: number;
  usable_quantity: number;
  from_org_id: string;
  to_org_id: string | null;
  reason: string | null;
  document_ref: string | null;
  record_id: string | null;
  occurred_on: string;
  created_at: Date;
  from_code: string;
  to_code: string | null;
}

function toBlankRow(r: RawBlank): BlankRow {
  return {
    serialNumber: r.serial_number,
    credentialType: r.credential_type,
    serialPrefix: r.serial_prefix,
    digits: r.digits,
    number: Number(r.number),
    state: r.state,
    holderOrgId: r.holder_org_id,
  };
}
