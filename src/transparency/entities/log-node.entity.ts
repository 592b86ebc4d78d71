import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Hash of every perfect, aligned subtree: (level, index) covers leaves [index·2^level, (index+1)·2^level).
 * Level 0 holds the leaf hashes. Any proof is O(log n) point reads of this table.
 */
@Entity('log_nodes')
export class LogNodeEntity {
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'pk_log_node' })
  level!: number;

  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'pk_log_node' })
  idx!: string;

  @Column('bytea')
  hash!: Buffer;
}
