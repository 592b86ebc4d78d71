import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';
import type { NumberRange } from '../serials';

export const MOVEMENT_KINDS = ['transfer', 'return', 'use', 'issue', 'spoil', 'destroy', 'lose'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * BLANK-5: one stock movement of one blank series (prefix + digits) as a fact: kind, serial ranges,
 * quantity, from/to unit, date, document. `usableQuantity` counts the blanks that were usable stock
 * (inStock/allocated) before it, so the reconciliation can be derived from movements alone.
 * Destructions and losses reference their record.
 */
@Entity('blank_movements')
@Index('ix_blank_movement_from', ['fromOrgId', 'occurredOn'])
@Index('ix_blank_movement_to', ['toOrgId', 'occurredOn'])
@Index('ix_blank_movement_series', ['serialPrefix', 'credentialType'])
@Check(
  'ck_blank_movement_kind',
  `"kind" IN ('transfer', 'return', 'use', 'issue', 'spoil', 'destroy', 'lose')`,
)
@Check('ck_blank_movement_quantity', `"quantity" > 0 AND "usable_quantity" BETWEEN 0 AND "quantity"`)
export class BlankMovementEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_blank_movement' })
  id!: string;

  @Column('text')
  kind!: MovementKind;

  @Column('text')
  credentialType!: string;

  @Column('text')
  serialPrefix!: string;

  @Column('smallint')
  digits!: number;

  /** Inclusive number ranges, sorted and merged: [[first, last], ...]. */
  @Column('jsonb')
  ranges!: NumberRange[];

  @Column('int')
  quantity!: number;

  @Column('int')
  usableQuantity!: number;

  /** The holder the blanks leave (every kind). */
  @Column('uuid')
  fromOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_org_id', foreignKeyConstraintName: 'fk_blank_movement_from' })
  fromOrg?: OrganisationEntity;

  /** The new holder (transfer, return); null when the blanks stay with the holder. */
  @Column('uuid', { nullable: true })
  toOrgId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_org_id', foreignKeyConstraintName: 'fk_blank_movement_to' })
  toOrg?: OrganisationEntity | null;

  /** Spoil reason, use reference (decision / entry), loss or destruction summary. */
  @Column('text', { nullable: true })
  reason!: string | null;

  /** The document behind the movement: handover note, destruction record number, police report. */
  @Column('text', { nullable: true })
  documentRef!: string | null;

  /** Destruction record or loss report this movement belongs to. */
  @Column('uuid', { nullable: true })
  recordId!: string | null;

  @Column('date')
  occurredOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
