import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonLogger } from '../common/logging/json-logger';
import type { AppConfig } from '../config/app-config';

/**
 * Secrets the operator gave none of (never in production: config refuses that). They are generated
 * once and kept in DATA_DIR with mode 600, so tokens and encrypted keys survive a restart.
 */
function localSecret(config: AppConfig, file: string, bytes: number): string {
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, file);
  if (!existsSync(path)) writeFileSync(path, randomBytes(bytes).toString('base64'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

/** JWT_SECRET, or a local one (embedded) / a per-process one (external database: warns). */
export function resolveJwtSecret(config: AppConfig, embedded: boolean, logger: JsonLogger): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (!embedded) {
    logger.event('warn', 'config.jwtSecret.ephemeral', {
      hint: 'set JWT_SECRET so tokens survive restarts and work across instances',
    });
    return randomBytes(32).toString('base64url');
  }
  return localSecret(config, 'jwt-secret', 32);
}

/** KEY_ENCRYPTION_KEY, or a local one kept in DATA_DIR (signing keys must stay readable after a restart). */
export function resolveKeyEncryptionKey(config: AppConfig, embedded: boolean, logger: JsonLogger): string {
  if (config.keyEncryptionKey) return config.keyEncryptionKey;
  if (!embedded) {
    logger.event('warn', 'config.keyEncryptionKey.local', {
      hint: 'set KEY_ENCRYPTION_KEY: the generated one lives only in DATA_DIR of this machine',
    });
  }
  return localSecret(config, 'key-encryption-key', 32);
}
