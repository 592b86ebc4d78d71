import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '../audit/audit.repository';
import { UserEntity } from './entities/user.entity';

export interface UserWithOrg extends UserEntity {
  orgCode: string;
  orgPath: string;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private base(em?: EntityManager) {
    return (em ?? this.dataSource.manager)
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin('u.org', 'o')
      .addSelect(['o.code', 'o.path']);
  }

  private static withOrg(u: UserEntity | null): UserWithOrg | null {
    if (!u) return null;
    const { org, ...rest } = u;
    return { ...rest, orgCode: org!.code, orgPath: org!.path };
  }

  async findByUsername(username: string, em?: EntityManager): Promise<UserWithOrg | null> {
    return UsersRepository.withOrg(
      await this.base(em).where('u.username = :username', { username }).getOne(),
    );
  }

  async findById(id: string): Promise<UserWithOrg | null> {
    return UsersRepository.withOrg(await this.base().where('u.id = :id', { id }).getOne());
  }

  async findInSubtree(
    pathPrefix: string,
    afterUsername: string | null,
    limit: number,
    orgId?: string,
  ): Promise<UserWithOrg[]> {
    const qb = this.base().where('o.path LIKE :p', { p: escapeLike(pathPrefix) + '%' });
    if (orgId) qb.andWhere('u.org_id = :orgId', { orgId });
    if (afterUsername) qb.andWhere('u.username > :after', { after: afterUsername });
    const rows = await qb
      .orderBy('u.username', 'ASC')
      .limit(limit + 1)
      .getMany();
    return rows.map((r) => UsersRepository.withOrg(r)!);
  }

  async insertUser(em: EntityManager, user: UserEntity): Promise<void> {
    await em.insert(UserEntity, user);
  }

  /** Counts a failed sign-in atomically; locks the account when the count reaches `max`. */
  async recordFailure(
    em: EntityManager,
    id: string,
    max: number,
    lockSeconds: number,
  ): Promise<{ failedAttempts: number; lockedUntil: Date | null }> {
    const [rows] = await em.query<[{ failed_attempts: number; locked_until: Date | null }[], number]>(
      `UPDATE users SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
       WHERE id = $1 RETURNING failed_attempts, locked_until`,
      [id, max, lockSeconds],
    );
    return { failedAttempts: rows[0].failed_attempts, lockedUntil: rows[0].locked_until };
  }

  async recordSuccess(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
      [id],
    );
  }

  async unlock(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  async setDisabled(em: EntityManager, id: string, disabled: boolean): Promise<void> {
    await em.query(`UPDATE users SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1`, [
      id,
      disabled,
    ]);
  }

  async setPassword(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    // Tokens issued before this instant stop working (see TokenService).
    await em.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }
}
