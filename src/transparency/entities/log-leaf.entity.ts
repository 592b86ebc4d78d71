import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { LogEntryEntity } from './log-entry.entity';

/** The position of an entry in the Merkle tree: gapless, assigned once by the integrator. */
@Entity('log_leaves')
@Unique('uq_log_leaf_entry', ['entryId'])
export class LogLeafEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'pk_log_leaf' })
  leafIndex!: string;

  @Column('uuid')
  entryId!: string;

  // one leaf per entry: enforced by uq_log_leaf_entry
  @ManyToOne(() => LogEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_log_leaf_entry' })
  entry?: LogEntryEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
