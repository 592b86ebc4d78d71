import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { JsonLogger } from '../common/logging/json-logger';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import type { JobEntity } from './entities/job.entity';
import { JobsRepository } from './jobs.repository';

const ORPHAN_CHECK_MS = 30_000;
const lockName = (instanceId: string) => `vbcc-instance:${instanceId}`;
const HEARTBEAT_MS = 5_000;
/** Jobs running at once in one process; the rest wait as `queued`. */
const MAX_CONCURRENT_JOBS = 2;

class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export type Progress = (done: number, total?: number) => Promise<void>;

/**
 * Tracked long jobs (ARCHITECTURE §4): the work runs in the background of this process, in its own
 * transaction(s), reporting progress on the job row. Work is atomic or resumable by design of the
 * caller; if the process dies, the job is marked interrupted on the next start (its transaction rolled
 * back with the process).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Map<string, Promise<void>>();
  private readonly slots = new Semaphore(MAX_CONCURRENT_JOBS);

  constructor(
    private readonly repo: JobsRepository,
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
  ) {}

  /** This process. It holds an advisory lock on its id for as long as it lives. */
  readonly instanceId = uuidv7();
  private liveness: QueryRunner | null = null;
  private orphanTimer: NodeJS.Timeout | null = null;

  async onApplicationBootstrap(): Promise<void> {
    this.liveness = this.dataSource.createQueryRunner();
    await this.liveness.connect();
    await this.liveness.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [
      lockName(this.instanceId),
    ]);
    await this.failOrphans();
    this.orphanTimer = setInterval(() => void this.failOrphans().catch(() => undefined), ORPHAN_CHECK_MS);
    this.orphanTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    await Promise.allSettled([...this.running.values()]);
    await this.liveness?.release();
  }

  /**
   * Jobs of an instance that no longer holds its lock died with it (their transaction rolled back
   * when its database session ended): they are failed as interrupted. Runs at start and periodically,
   * so surviving instances also clean up after one that crashed.
   */
  async failOrphans(): Promise<void> {
    for (const other of await this.repo.instancesWithOpenJobs(this.instanceId)) {
      const [{ free }] = (await this.liveness!.query(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free',
        [lockName(other)],
      )) as { free: boolean }[];
      if (!free) continue;
      try {
        const n = await this.repo.failJobsOf(other);
        if (n) this.logger.event('warn', 'jobs.interrupted', { jobs: n, instanceId: other });
      } finally {
        await this.liveness!.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName(other)]);
      }
    }
  }

  async create(
    input: {
      kind: string;
      targetId: string | null;
      org: OrganisationEntity;
      createdBy: string | null;
      total: number;
    },
    em?: EntityManager,
  ): Promise<JobEntity> {
    const job: JobEntity = {
      id: uuidv7(),
      kind: input.kind,
      state: 'queued',
      targetId: input.targetId,
      orgId: input.org.id,
      orgPath: input.org.path,
      createdBy: input.createdBy,
      progressDone: 0,
      progressTotal: input.total,
      result: null,
      error: null,
      heartbeatAt: new Date(),
      instanceId: this.instanceId,
      createdAt: new Date(),
      finishedAt: null,
    };
    await this.repo.insert(job, em);
    return job;
  }

  /** Runs `work` in the background; its result or error lands on the job row. */
  start(job: JobEntity, work: (progress: Progress) => Promise<Record<string, unknown>>): void {
    const run = (async () => {
      const beat = setInterval(
        () => void this.repo.update(job.id, { heartbeatAt: new Date() }).catch(() => undefined),
        HEARTBEAT_MS,
      );
      beat.unref();
      // A job holds a database connection for its whole transaction; waiting here, not in the pool,
      // keeps connections free for the running jobs' progress updates and for every other request.
      await this.slots.acquire();
      try {
        await this.repo.update(job.id, { state: 'running', heartbeatAt: new Date() });
        const result = await work(async (done, total) => {
          await this.repo.update(job.id, {
            progressDone: done,
            ...(total !== undefined ? { progressTotal: total } : {}),
            heartbeatAt: new Date(),
          });
        });
        await this.repo.finish(job.id, result);
      } catch (e) {
        const error =
          e instanceof AppError
            ? { code: e.code, message: e.message, details: e.details }
            : { code: 'INTERNAL_ERROR', message: 'The job failed; nothing of it was kept' };
        if (!(e instanceof AppError))
          this.logger.event('error', 'job.failed', {
            jobId: job.id,
            kind: job.kind,
            error: e instanceof Error ? e.stack : String(e),
          });
        await this.repo
          .update(job.id, { state: 'failed', error, finishedAt: new Date() })
          .catch(() => undefined);
      } finally {
        this.slots.release();
        clearInterval(beat);
      }
    })();
    this.running.set(job.id, run);
    void run.finally(() => this.running.delete(job.id));
  }

  /** In-process callers (tests, CLI) can await a job started here. */
  async whenDone(jobId: string): Promise<JobEntity> {
    await this.running.get(jobId);
    return (await this.repo.findById(jobId))!;
  }

  findActive(kind: string, targetId: string): Promise<JobEntity | null> {
    return this.repo.findActive(kind, targetId);
  }

  async read(actor: Actor, id: string): Promise<JobEntity> {
    const job = await this.repo.findById(id);
    if (!job) throw new AppError('JOB_NOT_FOUND', 'No such job');
    assertInScope(actor, job.orgPath, 'This job');
    return job;
  }
}
