import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every instance of the app takes the same advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 0x76626363; // "vbcc"

/**
 * Runs pending migrations while holding a session-level advisory lock, so several instances
 * starting together migrate once and the others wait, then find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const done = await dataSource.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
