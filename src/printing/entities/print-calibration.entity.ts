import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

/**
 * A printer's calibration (PRINT-6): how far it shifts and scales the page, in millimetres, so the
 * overlay lands in the blank's boxes. Configuration of an office, changed with an audit row.
 */
@Entity('print_calibrations')
@Unique('uq_print_calibration_name', ['orgId', 'name'])
@Check('ck_print_calibration_offsets', `abs("offset_x_mm") <= 30 AND abs("offset_y_mm") <= 30`)
@Check('ck_print_calibration_scale', `"scale" BETWEEN 0.9 AND 1.1`)
export class PrintCalibrationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_print_calibration' })
  id!: string;

  @Column('uuid')
  orgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_print_calibration_org' })
  org?: OrganisationEntity;

  /** e.g. "may-in-phong-1" (the office's name for the printer). */
  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('numeric', { name: 'offset_x_mm', precision: 6, scale: 2 })
  offsetXMm!: string;

  @Column('numeric', { name: 'offset_y_mm', precision: 6, scale: 2 })
  offsetYMm!: string;

  @Column('numeric', { precision: 6, scale: 4 })
  scale!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
