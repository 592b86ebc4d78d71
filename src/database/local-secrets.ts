import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonLogger } from '../common/logging/json-logger';
import type { AppConfig } from '../config/app-config';

/**
 * JWT_SECRET when the operator gave none (never in production: config refuses that). With the
 * embedded database, one is generated once and kept beside the data (so sign-ins survive a
 * restart); with an external database, a per-process secret is used and a warning logged.
 */
export function resolveJwtSecret(config: AppConfig, embedded: boolean, logger: JsonLogger): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (!embedded) {
    logger.event('warn', 'config.jwtSecret.ephemeral', {
      hint: 'set JWT_SECRET so tokens survive restarts and work across instances',
    });
    return randomBytes(32).toString('base64url');
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
