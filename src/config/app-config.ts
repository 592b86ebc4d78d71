import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { passwordProblems } from '../common/auth/password-policy';
import { EnvDto } from './env.dto';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Typed configuration. Built once by loadConfig(); nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string | null;
  dbPoolSize: number;
  publicLookupQueries: number;
  port: number;
  host: string;
  publicBaseUrl: string;
  bootstrapAdminPassword: string | null;
  demoData: boolean;
  demoDiplomas: boolean;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string | null;
  tokenTtlSeconds: number;
  loginMaxFailures: number;
  loginLockoutSeconds: number;
  bodyLimitBytes: number;
  importBodyLimitBytes: number;
  importConcurrency: number;
  /** PUB-5 rate limits (docs/PORTAL.md "Limits"). */
  publicLimits: {
    lookupsPerClientPerMinute: number;
    lookupsPerSerialPer15Minutes: number;
    requestsPerClientPerMinute: number;
  };
  logLevel: LogLevel;
  metricsToken: string | null;
  trustProxy: boolean;
  keyEncryptionKey: string | null;
  logOrigin: string;
  witnessKeys: string[];
  logIntegrateIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** Parses and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const dto = plainToInstance(EnvDto, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(dto, {
    whitelist: false,
    forbidUnknownValues: false,
    skipMissingProperties: false,
  });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  const nodeEnv = (dto.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (nodeEnv === 'production' && !dto.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 characters)');
  }
  if (nodeEnv === 'production' && !dto.KEY_ENCRYPTION_KEY) {
    problems.push('KEY_ENCRYPTION_KEY: required when NODE_ENV=production (32 bytes, base64)');
  }
  if (nodeEnv === 'production' && !dto.DATABASE_URL) {
    problems.push(
      'DATABASE_URL: required when NODE_ENV=production (the embedded database is for development and demos)',
    );
  }
  if (dto.BOOTSTRAP_ADMIN_PASSWORD) {
    for (const p of passwordProblems(dto.BOOTSTRAP_ADMIN_PASSWORD, 'admin')) {
      problems.push(`BOOTSTRAP_ADMIN_PASSWORD: ${p.message} (${p.code})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const port = dto.PORT ?? 3000;
  const publicBaseUrl = (dto.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    nodeEnv,
    databaseUrl: dto.DATABASE_URL ?? null,
    dbPoolSize: dto.DB_POOL_SIZE ?? 10,
    publicLookupQueries: dto.PUBLIC_LOOKUP_QUERIES ?? 2,
    port,
    host: dto.HOST ?? '0.0.0.0',
    publicBaseUrl,
    bootstrapAdminPassword: dto.BOOTSTRAP_ADMIN_PASSWORD ?? null,
    demoData: truthy(dto.DEMO_DATA),
    demoDiplomas: truthy(dto.DEMO_DATA) && truthy(dto.DEMO_DIPLOMAS),
    dataDir: resolve(dto.DATA_DIR ?? 'data'),
    embeddedPgPort: dto.EMBEDDED_PG_PORT ?? 54329,
    jwtSecret: dto.JWT_SECRET ?? null,
    tokenTtlSeconds: dto.TOKEN_TTL_SECONDS ?? 900,
    loginMaxFailures: dto.LOGIN_MAX_FAILURES ?? 5,
    loginLockoutSeconds: dto.LOGIN_LOCKOUT_SECONDS ?? 900,
    bodyLimitBytes: dto.BODY_LIMIT_BYTES ?? 1024 * 1024,
    importBodyLimitBytes: dto.IMPORT_BODY_LIMIT_BYTES ?? 64 * 1024 * 1024,
    importConcurrency: dto.IMPORT_CONCURRENCY ?? 1,
    publicLimits: {
      lookupsPerClientPerMinute: dto.PUBLIC_LOOKUPS_PER_CLIENT_PER_MINUTE ?? 20,
      lookupsPerSerialPer15Minutes: dto.PUBLIC_LOOKUPS_PER_SERIAL_PER_15_MINUTES ?? 10,
      requestsPerClientPerMinute: dto.PUBLIC_REQUESTS_PER_CLIENT_PER_MINUTE ?? 600,
    },
    logLevel: (dto.LOG_LEVEL ?? 'info') as LogLevel,
    metricsToken: dto.METRICS_TOKEN ?? null,
    trustProxy: truthy(dto.TRUST_PROXY),
    keyEncryptionKey: dto.KEY_ENCRYPTION_KEY ?? null,
    logOrigin: dto.LOG_ORIGIN ?? `${new URL(publicBaseUrl).host}/vbcc-log`,
    witnessKeys: (dto.WITNESS_KEYS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logIntegrateIntervalMs: dto.LOG_INTEGRATE_INTERVAL_MS ?? 2000,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
