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
import { RegisterEntryEntity } from './register-entry.entity';

/** CORR-1: the closed list of grounds. */
export const CORRECTION_GROUNDS = [
  'civilStatusChange',
  'ethnicityOrGenderRedetermined',
  'civilStatusSupplemented',
  'lateBirthRegistration',
] as const;
export type CorrectionGround = (typeof CORRECTION_GROUNDS)[number];

/** CORR-8: the civil-status fields a correction may change. */
export const CORRECTABLE_FIELDS = [
  'fullName',
  'dateOfBirth',
  'placeOfBirth',
  'gender',
  'ethnicity',
  'personalIdNumber',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export interface FieldChange {
  field: CorrectableField;
  from: string | null;
  to: string | null;
}

/**
 * CORR-6/7: a correction decision (quyết định chỉnh sửa) on a diploma, with the old and new value of
 * each field. A fact; the entry itself never changes (REG-6): the diploma's current content is the
 * entry with its corrections applied in order (CORR-9).
 */
@Entity('corrections')
@Index('ix_correction_entry', ['entryId', 'createdAt'])
@Check(
  'ck_correction_ground',
  `"ground" IN ('civilStatusChange', 'ethnicityOrGenderRedetermined', 'civilStatusSupplemented', 'lateBirthRegistration')`,
)
export class CorrectionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_correction' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_correction_entry' })
  entry?: RegisterEntryEntity;

  @Column('text')
  ground!: CorrectionGround;

  @Column('text')
  decisionNo!: string;

  @Column('date')
  decidedOn!: string;

  /** CORR-4: the civil-status extract or decision, or the birth certificate. */
  @Column('text')
  evidenceRef!: string;

  @Column('jsonb')
  changes!: FieldChange[];

  /** CORR-5: the day the complete dossier arrived; the decision is due 5 working days later. */
  @Column('date', { nullable: true })
  receivedOn!: string | null;

  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
