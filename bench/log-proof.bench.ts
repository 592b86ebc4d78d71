/**
 * Inclusion proofs at scale (issue 3): a tree of N leaves (default 10,000,000) is built directly in
 * log_nodes by SQL (the same perfect-subtree layout the integrator writes), then random inclusion
 * proofs are served by TransparencyService (one indexed query + hashing) and checked. Baseline in the
 * same run: one primary-key read of a node. Target: ≤ 5 ms per proof at 10,000,000 leaves.
 * Options: --leaves 10000000 --proofs 2000
 */
import { generateKeyPairSync } from 'node:crypto';
import { nodeGetter, rootFromNodes, subtreeNodes, verifyInclusion } from '../src/transparency/merkle';
import { checkpointBody, signNote } from '../src/transparency/signed-note';
import { TransparencyService } from '../src/transparency/transparency.service';
import type { BenchResult } from './run';
import { arg, median, percentile, withBenchApp } from './support';

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'leaves', 10_000_000);
  const proofs = arg(args, 'proofs', 2000);
  return withBenchApp(async (app) => {
    const ds = app.dataSource;
    const tBuild = Date.now();
    // Bench-only: the append-only triggers are irrelevant to read speed; bulk loading bypasses them.
    await ds.query(`ALTER TABLE log_nodes DISABLE TRIGGER USER`);
    await ds.query(`ALTER TABLE log_checkpoints DISABLE TRIGGER USER`);
    await ds.query(`DELETE FROM log_checkpoints`);
    await ds.query(`DELETE FROM log_nodes`);
    await ds.query(`ALTER TABLE log_nodes SET UNLOGGED`);
    await ds.query(
      `INSERT INTO log_nodes (level, idx, hash) SELECT 0, i, sha256('\\x00'::bytea || int8send(i)) FROM generate_series(0, $1::bigint - 1) i`,
      [n],
    );
    for (let level = 1; 2 ** level <= n; level++) {
      await ds.query(
        `INSERT INTO log_nodes (level, idx, hash)
         SELECT $1::smallint, a.idx / 2, sha256('\\x01'::bytea || a.hash || b.hash)
         FROM log_nodes a JOIN log_nodes b ON b.level = a.level AND b.idx = a.idx + 1
         WHERE a.level = $1::smallint - 1 AND a.idx % 2 = 0`,
        [level],
      );
    }
    await ds.query(`ANALYZE log_nodes`);
    const buildMs = Date.now() - tBuild;
    const [{ count }] = await ds.query<{ count: string }[]>(`SELECT count(*) FROM log_nodes`);

    const refs = subtreeNodes(0, n);
    const rows = await ds.query<{ level: number; idx: string; hash: Buffer }[]>(
      `SELECT level, idx, hash FROM log_nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
      [refs.map((r) => r.level), refs.map((r) => String(r.index))],
    );
    const root = rootFromNodes(n, nodeGetter(new Map(rows.map((r) => [`${r.level}:${r.idx}`, r.hash]))));
    const key = generateKeyPairSync('ed25519').privateKey;
    await ds.query(
      `INSERT INTO log_checkpoints (tree_size, root_hash, note, key_id) VALUES ($1, $2, $3, 'bench')`,
      [n, root, signNote(checkpointBody('bench', n, root), 'bench', key)],
    );

    const log = app.app.get(TransparencyService);
    const times: number[] = [];
    const base: number[] = [];
    let bad = 0;
    for (let i = 0; i < proofs; i++) {
      const leaf = Math.floor(Math.random() * n);
      const t0 = process.hrtime.bigint();
      const p = await log.inclusion(leaf, n);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!verifyInclusion(leaf, n, p.leafHash, p.auditPath, root)) bad++;
      const t1 = process.hrtime.bigint();
      await ds.query(`SELECT hash FROM log_nodes WHERE level = 0 AND idx = $1`, [leaf]);
      base.push(Number(process.hrtime.bigint() - t1) / 1e6);
    }
    const f = (x: number) => +x.toFixed(2);
    return {
      name: 'log-proof',
      rows: [
        {
          what: 'inclusion proof (service: 1 query + hashing)',
          leaves: n,
          medianMs: f(median(times)),
          p95Ms: f(percentile(times, 95)),
          maxMs: f(Math.max(...times)),
          ratio: f(median(times) / median(base)),
        },
        {
          what: 'baseline: one primary-key read',
          leaves: n,
          medianMs: f(median(base)),
          p95Ms: f(percentile(base, 95)),
          maxMs: f(Math.max(...base)),
          ratio: 1,
        },
      ],
      notes: [
        `${proofs} random proofs, ${bad} failed verification`,
        `tree built in ${Math.round(buildMs / 1000)} s: ${count} nodes (log_nodes UNLOGGED during the bench)`,
      ],
    };
  });
}
