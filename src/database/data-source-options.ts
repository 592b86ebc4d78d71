import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date at local midnight shifts them across time zones.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

/** The one definition of how the app talks to PostgreSQL. `synchronize` is never on: migrations only. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // Fact commitments hash columns as PostgreSQL prints them; fix the session settings that change it.
    extra: {
      max: poolSize,
      application_name: 'vbcc-registry',
      options: '-c TimeZone=UTC -c DateStyle=ISO,YMD',
    },
  };
}
