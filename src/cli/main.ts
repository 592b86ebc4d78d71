/**
 * Admin commands: `npm run cli -- <command> [args]`. Each uses the same configuration as the server
 * (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR).
 *   migrate                       apply pending migrations and exit
 *   routes                        list every HTTP route with its access declaration
 *   openapi                       print the OpenAPI document
 *   verify-log                    recompute every fact commitment, rebuild the Merkle tree, check every
 *                                 signed checkpoint; exit 1 naming each changed, deleted or unlogged fact
 *   integrate-log                 append pending log entries to the tree and sign a checkpoint
 *   keys list | create | rotate | retire | compromise   signing keys (src/cli/keys-command.ts)
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrap, type RunningApp } from '../bootstrap';
import { listRoutes } from '../common/auth/route-inventory';
import { ConfigError, loadConfig } from '../config/app-config';
import { FactVerifier } from '../facts/fact-verifier';
import { buildOpenApi } from '../http-setup';
import { TransparencyService } from '../transparency/transparency.service';
import { keysCommand } from './keys-command';

type Command = (app: RunningApp, args: string[]) => Promise<number>;
const out = (s: string) => process.stdout.write(s + '\n');

const COMMANDS: Record<string, Command> = {
  migrate: async () => {
    out('Migrations are up to date.');
    return 0;
  },
  routes: async ({ app }) => {
    for (const r of listRoutes(app)) {
      const access = r.access.kind === 'permission' ? r.access.permission : r.access.kind;
      out(`${r.method.padEnd(6)} ${r.path.padEnd(50)} ${access}`);
    }
    return 0;
  },
  openapi: async ({ app }) => {
    out(JSON.stringify(buildOpenApi(app as NestExpressApplication), null, 2));
    return 0;
  },
  'verify-log': async ({ app }) => {
    const r = await app.get(FactVerifier).verify();
    for (const f of r.findings) {
      const what = [
        f.factType,
        f.factId,
        f.leafIndex !== undefined ? `leaf ${f.leafIndex}` : '',
        f.treeSize !== undefined ? `tree size ${f.treeSize}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      out(`${f.kind} ${what}${f.detail ? ` — ${f.detail}` : ''}`);
    }
    out(
      `verify-log: ${r.facts} facts, ${r.leaves} leaves, ${r.pending} pending, ${r.checkpoints} checkpoints, ` +
        `${r.findings.length} finding(s), ${r.ms} ms`,
    );
    return r.findings.length ? 1 : 0;
  },
  'integrate-log': async ({ app }) => {
    const n = await app.get(TransparencyService).integrate();
    const c = await app.get(TransparencyService).latestCheckpoint();
    out(`integrated ${n} leaves; checkpoint ${c.treeSize} ${c.rootHash.toString('base64')}`);
    return 0;
  },
  keys: keysCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <${Object.keys(COMMANDS).join('|')}> [args]\n`);
    return 2;
  }
  // bootstrap() migrates under the advisory lock and provisions; the periodic integrator stays off.
  const config = { ...loadConfig(), logLevel: 'warn' as const, logIntegrateIntervalMs: 0 };
  const running = await bootstrap({ config });
  try {
    return await command(running, args);
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
