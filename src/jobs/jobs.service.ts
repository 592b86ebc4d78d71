import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { JsonLogger } from '../common/logging/json-logger';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import type { JobEntity } from './entities/job.entity';
import { JobsRepository } from './jobs.repository';

/** A job's heartbeat older than this means its process died. */
export const STALE_AFTER_SECONDS = 60;
const HEARTBEAT_MS = 5_000;

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

  constructor(
    private readonly repo: JobsRepository,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.repo.failStale(STALE_AFTER_SECONDS);
    if (n) this.logger.event('warn', 'jobs.interrupted', { jobs: n });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
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
      createdAt: new Date(),
      finishedAt: null,
    };
    await this.repo.insert(job, em);
    return job;
  }

  /** Runs `work` in the background; its result or error lands on the job row. */
  start(job: JobEntity, work: (progress: Progress) => Promise<Record<string, unknown>>): void {
    const run = (async () => {
      await this.repo.update(job.id, { state: 'running', heartbeatAt: new Date() });
      const beat = setInterval(
        () => void this.repo.update(job.id, { heartbeatAt: new Date() }).catch(() => undefined),
        HEARTBEAT_MS,
      );
      beat.unref();
      try {
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
    return this.repo.findActive(kind, targetId, STALE_AFTER_SECONDS);
  }

  async read(actor: Actor, id: string): Promise<JobEntity> {
    const job = await this.repo.findById(id);
    if (!job) throw new AppError('JOB_NOT_FOUND', 'No such job');
    assertInScope(actor, job.orgPath, 'This job');
    return job;
  }
}
