import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Transactional outbox for the national feed (SYNC-8): one row per recorded fact, written in the
 * fact's transaction. The sync module reads it in id order; delivery is tracked separately.
 */
@Entity('outbox_events')
@Index('ix_outbox_event_fact', ['factType', 'factId'])
export class OutboxEventEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_outbox_event' })
  id!: string;

  @Column('text')
  factType!: string;

  @Column('uuid')
  factId!: string;

  @Column('uuid')
  logEntryId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
