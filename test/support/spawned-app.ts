import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/paths';

export interface Spawned {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The node flags of `npm run start:prod` (the heap cap), so tests and benchmarks run what ships. */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return /node((?:\s+--\S+)*)\s+dist\/src\/main\.js/
    .exec(pkg.scripts['start:prod'])![1]
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Runs the built server (dist/, as `npm start` does) in a child process; NODE_FLAGS adds node flags. */
export function spawnServer(env: Record<string, string>): Spawned {
  const main = join(projectRoot(), 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error('dist/src/main.js is missing: `npm test` builds first (pretest)');
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VBCC_') && k !== 'DATABASE_URL' && k !== 'TEST_DATABASE_URL',
    ),
  );
  const flags = [...productionNodeFlags(), ...(env.NODE_FLAGS ? env.NODE_FLAGS.split(' ') : [])];
  return spawnNode([...flags, main], { ...clean, ...env });
}

/** Runs node with these arguments and exactly this environment, keeping its output for error messages. */
export function spawnNode(args: string[], env: Record<string, string | undefined>): Spawned {
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

/** Polls GET /health until it answers ok; returns the milliseconds it took. */
export async function waitHealthy(port: number, timeoutMs: number, s?: Spawned): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (s && s.proc.exitCode !== null) throw new Error(`server exited (${s.proc.exitCode}):\n${s.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return Date.now() - start;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${timeoutMs} ms${s ? `:\n${s.output()}` : ''}`);
}

export function postmasterPid(dataDir: string): number | null {
  const f = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
