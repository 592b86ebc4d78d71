/**
 * Admin commands: `npm run cli -- <command>`. Each uses the same configuration as the server
 * (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR).
 *   migrate        apply pending migrations and exit
 *   routes         list every HTTP route with its access declaration
 *   openapi        print the OpenAPI document
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrap } from '../bootstrap';
import { listRoutes } from '../common/auth/route-inventory';
import { ConfigError, loadConfig } from '../config/app-config';
import { buildOpenApi } from '../http-setup';

const COMMANDS = ['migrate', 'routes', 'openapi'] as const;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] as (typeof COMMANDS)[number] | undefined;
  if (!command || !COMMANDS.includes(command)) {
    process.stderr.write(`usage: npm run cli -- <${COMMANDS.join('|')}>\n`);
    return 2;
  }
  const config = { ...loadConfig(), logLevel: 'warn' as const };
  // bootstrap() migrates under the advisory lock and provisions; the commands then read the app.
  const running = await bootstrap({ config });
  try {
    if (command === 'migrate') {
      process.stdout.write('Migrations are up to date.\n');
    } else if (command === 'routes') {
      for (const r of listRoutes(running.app)) {
        const access = r.access.kind === 'permission' ? r.access.permission : r.access.kind;
        process.stdout.write(`${r.method.padEnd(6)} ${r.path.padEnd(45)} ${access}\n`);
      }
    } else {
      process.stdout.write(
        JSON.stringify(buildOpenApi(running.app as NestExpressApplication), null, 2) + '\n',
      );
    }
    return 0;
  } finally {
    await running.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    process.stderr.write(
      e instanceof ConfigError ? e.message + '\n' : `${e instanceof Error ? e.stack : String(e)}\n`,
    );
    process.exit(1);
  });
