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

  /** A queued or running job on a target whose heartbeat is recent. */
  findActive(kind: string, targetId: string, staleAfterSeconds: number): Promise<JobEntity | null> {
    return this.dataSource
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where('j.kind = :kind AND j.target_id = :targetId', { kind, targetId })
      .andWhere(`j.state IN ('queued', 'running')`)
      .andWhere(`coalesce(j.heartbeat_at, j.created_at) > now() - make_interval(secs => :s)`, {
        s: staleAfterSeconds,
      })
      .getOne();
  }

  /** Jobs whose process died (no heartbeat for a while) are failed: their work rolled back with them. */
  async failStale(staleAfterSeconds: number): Promise<number> {
    const [, n] = await this.dataSource.query<[unknown, number]>(
      `UPDATE jobs SET state = 'failed', finished_at = now(),
         error = '{"code":"JOB_INTERRUPTED","message":"The server stopped while the job ran; nothing of it was kept"}'::jsonb
       WHERE state IN ('queued', 'running') AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1)`,
      [staleAfterSeconds],
    );
    return n;
  }
}
