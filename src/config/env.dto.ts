import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^-?\d+$/.test(value)
      ? Number(value)
      : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment, as documented in README ("Configuration"). Parsed and validated once, at boot. */
export class EnvDto {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['0', '1', 'true', 'false'])
  DEMO_DATA?: string;

  /** With DEMO_DATA: also issue a few demo diplomas (one revoked, one corrected) to try the portal with. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['0', '1', 'true', 'false'])
  DEMO_DIPLOMAS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['0', '1', 'true', 'false'])
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  /** Largest JSON body of a graduate import (POST …/graduates); other routes use BODY_LIMIT_BYTES. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(512 * 1024 * 1024)
  IMPORT_BODY_LIMIT_BYTES?: number;

  /** Graduate imports read at once per process (each may hold a few hundred MB); others wait their turn. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8)
  IMPORT_CONCURRENCY?: number;

  /** PUB-5: public lookups (serial + name + birth date, or a QR status check) per client address per minute. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PUBLIC_LOOKUPS_PER_CLIENT_PER_MINUTE?: number;

  /** PUB-5: public lookups of one serial number, from all clients together, per 15 minutes. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PUBLIC_LOOKUPS_PER_SERIAL_PER_15_MINUTES?: number;

  /** Public lookup queries running at once; lookups arriving meanwhile are batched (lookup-batcher.ts). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  PUBLIC_LOOKUP_QUERIES?: number;

  /** Other public API requests (trust list, disclosures, transparency proofs) per client address per minute. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PUBLIC_REQUESTS_PER_CLIENT_PER_MINUTE?: number;

  /** 32 bytes, base64: encrypts signing keys at rest (AES-256-GCM). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  KEY_ENCRYPTION_KEY?: string;

  /** Origin line of transparency-log checkpoints (c2sp.org/tlog-checkpoint), e.g. "vbcc.moet.gov.vn/log". */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'must be printable ASCII without spaces' })
  LOG_ORIGIN?: string;

  /** Witness verifier keys (name+hash+base64), comma-separated, allowed to cosign checkpoints. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  WITNESS_KEYS?: string;

  /** How often pending log entries are integrated into the tree; 0 = only on demand (tests). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  LOG_INTEGRATE_INTERVAL_MS?: number;
}
