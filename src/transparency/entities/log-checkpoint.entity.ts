import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed tree head in the C2SP checkpoint format. History is kept: one row per tree size. */
@Entity('log_checkpoints')
export class LogCheckpointEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'pk_log_checkpoint' })
  treeSize!: string;

  @Column('bytea')
  rootHash!: Buffer;

  /** The signed note: checkpoint body, blank line, signature lines (ours, then witnesses'). */
  @Column('text')
  note!: string;

  @Column('text')
  keyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
