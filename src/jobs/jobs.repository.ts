import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { JobEntity } from './entities/job.entity';

/** Job rows are written outside the work's own transaction, so progress is visible while it runs. */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(job: JobEntity, em?: EntityManager): Promise<void> {
    await (em ?? this.dataSource.manager).insert(JobEntity, job as QueryDeepPartialEntity<JobEntity>);
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.dataSource.getRepository(JobEntity).findOne({ where: { id } });
  }

  async update(id: string, patch: QueryDeepPartialEntity<JobEntity>): Promise<void> {
    await this.dataSource.getRepository(JobEntity).update({ id }, patch);
  }

  async finish(id: string, result: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET state = 'succeeded', result = $2::jsonb, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  /** A queued or running job on a target. */
  findActive(kind: string, targetId: string): Promise<JobEntity | null> {
    return this.dataSource
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where('j.kind = :kind AND j.target_id = :targetId', { kind, targetId })
      .andWhere(`j.state IN ('queued', 'running')`)
      .getOne();
  }

  /** Instances other than `me` that have unfinished jobs. */
  async instancesWithOpenJobs(me: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ instance_id: string }[]>(
      `SELECT DISTINCT instance_id FROM jobs WHERE state IN ('queued', 'running') AND instance_id IS NOT NULL AND instance_id <> $1`,
      [me],
    );
    return rows.map((r) => r.instance_id);
  }

  async failJobsOf(instanceId: string): Promise<number> {
    const [, n] = await this.dataSource.query<[unknown, number]>(
      `UPDATE jobs SET state = 'failed', finished_at = now(),
         error = '{"code":"JOB_INTERRUPTED","message":"The server stopped while the job ran; nothing of it was kept"}'::jsonb
       WHERE state IN ('queued', 'running') AND instance_id = $1`,
      [instanceId],
    );
    return n;
  }
}
