import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LogCheckpointEntity } from './log-checkpoint.entity';

/** A witness's cosignature on a checkpoint (its signature line, verified against WITNESS_KEYS). */
@Entity('log_cosignatures')
export class LogCosignatureEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'pk_log_cosignature' })
  treeSize!: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_log_cosignature' })
  witness!: string;

  @ManyToOne(() => LogCheckpointEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tree_size', foreignKeyConstraintName: 'fk_log_cosignature_checkpoint' })
  checkpoint?: LogCheckpointEntity;

  @Column('text')
  signatureLine!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
