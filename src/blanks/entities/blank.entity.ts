import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BlankState } from '../blank-states';

/**
 * Current state of one blank form, derived from the movement facts in the same transaction
 * (BLANK-5). One row per serial ever received; never deleted.
 */
@Entity('blanks')
@Index('ix_blank_series_number', ['serialPrefix', 'number'])
@Index('ix_blank_holder_stock', ['holderOrgId', 'credentialType', 'state', 'serialPrefix', 'number'])
@Check(
  'ck_blank_state',
  `"state" IN ('inStock', 'allocated', 'printed', 'issued', 'spoiled', 'destroyed', 'lost')`,
)
export class BlankEntity {
  /** NUM-7: the serial as printed (prefix + zero-padded number); BLANK-1: one blank per serial. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_blank' })
  serialNumber!: string;

  @Column('text')
  credentialType!: string;

  @Column('text')
  serialPrefix!: string;

  @Column('bigint')
  number!: string;

  @Column('smallint')
  digits!: number;

  @Column('text')
  state!: BlankState;

  /**
   * No foreign key: a receipt inserts up to 5,000,000 rows at once and a per-row FK check would double
   * its cost. The holder is only ever set from an organisation the service has just read, and every
   * movement fact that sets it does carry foreign keys.
   */
  @Column('uuid')
  holderOrgId!: string;

  @Column('uuid')
  receiptId!: string;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
