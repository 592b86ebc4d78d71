import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * A long-running operation (issuance, batch printing, exports) with its progress. Mutable state, not a
 * fact: the work it does is recorded by its own facts, atomically.
 */
@Entity('jobs')
@Index('ix_job_target', ['kind', 'targetId'])
@Check('ck_job_state', `"state" IN ('queued', 'running', 'succeeded', 'failed')`)
export class JobEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_job' })
  id!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  state!: JobState;

  /** What the job works on (e.g. a decision id), to find a running job for it. */
  @Column('uuid', { nullable: true })
  targetId!: string | null;

  @Column('uuid')
  orgId!: string;

  /** Path of orgId: jobs are readable within the subtree. */
  @Column('text')
  orgPath!: string;

  @Column('text', { nullable: true })
  createdBy!: string | null;

  @Column('int', { default: 0 })
  progressDone!: number;

  @Column('int', { default: 0 })
  progressTotal!: number;

  @Column('jsonb', { nullable: true })
  result!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  error!: { code: string; message: string; details?: unknown } | null;

  /**
   * The app instance running the job. An instance holds a PostgreSQL advisory lock on its id while it
   * lives; jobs of an instance whose lock is free died with it (JobsService.failOrphans).
   */
  @Column('uuid', { nullable: true })
  instanceId!: string | null;

  /** Refreshed while the job runs (shown to clients; liveness is the instance lock). */
  @Column('timestamptz', { nullable: true })
  heartbeatAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}
