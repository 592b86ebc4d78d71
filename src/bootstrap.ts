import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JsonLogger, type LogSink } from './common/logging/json-logger';
import type { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { runMigrationsLocked } from './database/migrator';
import { resolveJwtSecret, resolveKeyEncryptionKey } from './database/local-secrets';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { Metrics } from './health/metrics';
import { ProvisioningService } from './provisioning/provisioning.service';
import { DemoDiplomasService } from './demo/demo-diplomas.service';
import { installFastLookup } from './verification/fast-lookup';
import { VerificationRepository } from './verification/verification.repository';
import { PublicLookupService } from './verification/public-lookup.service';
import { PublicRateLimits } from './verification/rate-limit/public-rate-limits';

export interface RunningApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  logger: JsonLogger;
  /** Stops accepting requests, closes the pool, then stops the embedded PostgreSQL if we started it. */
  close(): Promise<void>;
}

export interface BootOptions {
  config: AppConfig;
  /** Where log lines go (tests capture them); stdout by default. */
  logSink?: LogSink;
}

/**
 * The one start-up path, used by main.ts and by the e2e tests: database (embedded when
 * DATABASE_URL is unset), migrations under an advisory lock, the Nest app, then first-start
 * provisioning (bootstrap admin, demo data).
 */
export async function bootstrap({ config, logSink }: BootOptions): Promise<RunningApp> {
  const logger = new JsonLogger(config.logLevel, logSink);
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const t0 = Date.now();
    // Loaded only when needed: the package installs exit hooks on import.
    type Embedded = typeof import('./database/embedded-postgres');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmbeddedPostgres } = require('./database/embedded-postgres') as Embedded;
    embedded = await startEmbeddedPostgres({ dir: config.dataDir, port: config.embeddedPgPort });
    url = await ensureDatabase(embedded.url, 'vbcc');
    logger.event('info', 'database.embedded.started', {
      port: config.embeddedPgPort,
      dataDir: config.dataDir,
      ms: Date.now() - t0,
    });
  }
  const dataSource = new DataSource(dataSourceOptions(url, config.dbPoolSize));
  try {
    await dataSource.initialize();
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) logger.event('info', 'database.migrated', { migrations: applied });

    const effective: AppConfig = {
      ...config,
      databaseUrl: url,
      jwtSecret: resolveJwtSecret(config, !!embedded, logger),
      keyEncryptionKey: resolveKeyEncryptionKey(config, !!embedded, logger),
    };
    const metrics = new Metrics();
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config: effective, dataSource, logger, metrics }),
      { logger, bodyParser: false, abortOnError: false },
    );
    configureHttp(app, effective, logger, metrics);
    await app.init();
    const verification = app.get(VerificationRepository);
    metrics.countPublicLookups(() => verification.lookupCounts());
    installFastLookup(app.getHttpServer(), {
      lookups: app.get(PublicLookupService),
      limits: app.get(PublicRateLimits),
      metrics,
      logger,
      trustProxy: effective.trustProxy,
    });
    await app
      .get(ProvisioningService)
      .provision(
        { bootstrapAdminPassword: config.bootstrapAdminPassword, demoData: config.demoData },
        logger,
      );
    if (config.demoDiplomas) await app.get(DemoDiplomasService).loadOnce(logger);
    let closed = false;
    return {
      app,
      config: effective,
      dataSource,
      logger,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw e;
  }
}

/** Creates the application database on the embedded server on first start; returns its URL. */
async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
