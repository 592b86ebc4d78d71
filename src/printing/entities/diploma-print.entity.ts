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
import { RegisterEntryEntity } from '../../register/entities/register-entry.entity';

/**
 * A diploma printed onto its blank (overlay mode): which blank, which template, which printer
 * calibration, and the exact signed QR payload printed on it. A fact; previews on plain paper are not.
 */
@Entity('diploma_prints')
@Index('ix_diploma_print_entry', ['entryId', 'createdAt'])
@Index('ix_diploma_print_job', ['jobId'])
// A blank is printed once; further prints of it are flagged reprints (the database decides under races).
@Index('uq_diploma_print_first', ['entryId', 'serialNumber'], { unique: true, where: 'NOT "reprint"' })
@Check('ck_diploma_print_mode', `"mode" IN ('overlay')`)
export class DiplomaPrintEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_diploma_print' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_diploma_print_entry' })
  entry?: RegisterEntryEntity;

  /** The blank printed on (null for a digital-only credential, NUM-10). */
  @Column('text', { nullable: true })
  serialNumber!: string | null;

  /** The print job, or null for a single diploma printed on its own. */
  @Column('uuid', { nullable: true })
  jobId!: string | null;

  @Column('text')
  mode!: 'overlay';

  /** PRINT-9: e.g. "THPT-TT21". */
  @Column('text')
  templateVersion!: string;

  @Column('text')
  calibrationName!: string;

  @Column('numeric', { name: 'offset_x_mm', precision: 6, scale: 2 })
  offsetXMm!: string;

  @Column('numeric', { name: 'offset_y_mm', precision: 6, scale: 2 })
  offsetYMm!: string;

  @Column('numeric', { precision: 6, scale: 4 })
  scale!: string;

  /** The QR payload text printed (docs/QR-FORMAT.md), signed with `keyId` on `signedOn`. */
  @Column('text')
  qrPayload!: string;

  @Column('text')
  keyId!: string;

  @Column('date')
  signedOn!: string;

  /** Printed again on the same blank (the first attempt did not reach the paper). */
  @Column('boolean')
  reprint!: boolean;

  @Column('text')
  printedBy!: string;

  @Column('uuid')
  printedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
