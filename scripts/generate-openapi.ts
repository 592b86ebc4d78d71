/**
 * Writes docs/openapi.json from the running app's routes and DTOs (on a throw-away database).
 * Usage: npm run openapi. A test fails when the committed file differs from what the app serves.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrap } from '../src/bootstrap';
import { projectRoot } from '../src/common/paths';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApi } from '../src/http-setup';
import { withScratchDatabase } from './with-database';

export function serialiseOpenApi(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

export const OPENAPI_PATH = join(projectRoot(), 'docs', 'openapi.json');

async function main(): Promise<void> {
  await withScratchDatabase(async (url) => {
    const running = await bootstrap({
      config: loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        JWT_SECRET: 'x'.repeat(32),
        KEY_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
        LOG_LEVEL: 'warn',
      }),
    });
    try {
      writeFileSync(OPENAPI_PATH, serialiseOpenApi(buildOpenApi(running.app as NestExpressApplication)));
      console.log(`Wrote ${OPENAPI_PATH}`);
    } finally {
      await running.close();
    }
  });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
