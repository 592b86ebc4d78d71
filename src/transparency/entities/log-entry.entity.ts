import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * One fact's commitment, written in the fact's own transaction (ARCHITECTURE §6). The commitment
 * is SHA-256(salt || canonical fact); the salt never leaves the database, so the public log reveals
 * nothing about the fact. The integrator later gives the entry its leaf index.
 */
@Entity('log_entries')
@Unique('uq_log_entry_fact', ['factType', 'factId'])
export class LogEntryEntity {
  /** UUID v7: integration order follows creation order. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_log_entry' })
  id!: string;

  @Column('text')
  factType!: string;

  @Column('uuid')
  factId!: string;

  /** Version of the fact type's canonical form the commitment was computed with. */
  @Column('smallint')
  canonicalVersion!: number;

  @Column('bytea')
  salt!: Buffer;

  @Column('bytea')
  commitment!: Buffer;

  /** SHA-256(0x00 || commitment), RFC 6962 leaf hash. */
  @Column('bytea')
  leafHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
