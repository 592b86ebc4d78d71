import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { RegisterEntryEntity } from './register-entry.entity';

/**
 * BLANK-9: a register entry moved to another blank after a misprint (the old blank is spoiled). The
 * entry itself never changes (REG-6); its current serial is the latest of these rows, else its own.
 * A fact. A serial is bound to one entry only, ever.
 */
@Entity('register_entry_serials')
@Unique('uq_register_entry_serial', ['serialNumber'])
@Index('ix_register_entry_serial_entry', ['entryId', 'createdAt'])
@Check('ck_register_entry_serial_reason', `"reason" IN ('misprinted')`)
export class RegisterEntrySerialEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_entry_serial' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_register_entry_serial_entry' })
  entry?: RegisterEntryEntity;

  /** The new blank's serial. */
  @Column('text')
  serialNumber!: string;

  /** The spoiled blank's serial. */
  @Column('text')
  previousSerialNumber!: string;

  @Column('text')
  reason!: 'misprinted';

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
