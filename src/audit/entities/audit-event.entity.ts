import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who did what, when, from where. Written in the same transaction as the change it records;
 * append-only (a trigger rejects UPDATE and DELETE). Never holds personal data or secrets.
 */
@Entity('audit_events')
@Index('ix_audit_event_occurred', ['occurredAt'])
// text_pattern_ops index created by hand (migration AppendOnlyTables) for prefix matches
@Index('ix_audit_event_scope_prefix', { synchronize: false })
@Check('ck_audit_event_outcome', `"outcome" IN ('success', 'failure')`)
@Check('ck_audit_event_actor_kind', `"actor_kind" IN ('user', 'apiKey', 'system', 'anonymous')`)
export class AuditEventEntity {
  /** UUID v7: time-ordered, used as the pagination cursor. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_audit_event' })
  id!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('text')
  actorKind!: 'user' | 'apiKey' | 'system' | 'anonymous';

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  /** Username, API key name, or the attempted username of a failed sign-in. */
  @Column('text', { nullable: true })
  actorName!: string | null;

  @Column('uuid', { nullable: true })
  actorOrgId!: string | null;

  /** Path of the organisation the event belongs to; auditors read events under their own path. */
  @Column('text', { nullable: true })
  scopePath!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { nullable: true })
  targetType!: string | null;

  @Column('text', { nullable: true })
  targetId!: string | null;

  @Column('text')
  outcome!: 'success' | 'failure';

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('text', { nullable: true })
  clientIp!: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  details!: Record<string, unknown>;
}
