import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NodeRef } from './merkle';
import { refKey } from './merkle';

export interface NewLogEntry {
  id: string;
  factType: string;
  factId: string;
  canonicalVersion: number;
  salt: Buffer;
  commitment: Buffer;
  leafHash: Buffer;
}

export interface CheckpointRow {
  treeSize: number;
  rootHash: Buffer;
  note: string;
  keyId: string;
  createdAt: Date;
}

export interface EntryRow {
  factId: string;
  canonicalVersion: number;
  salt: Buffer;
  commitment: Buffer;
  leafHash: Buffer;
}

/** Arrays through unnest(): one round trip for any batch size. */
@Injectable()
export class TransparencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertEntries(em: EntityManager, entries: NewLogEntry[]): Promise<void> {
    if (!entries.length) return;
    await em.query(
      `INSERT INTO log_entries (id, fact_type, fact_id, canonical_version, salt, commitment, leaf_hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::smallint[], $5::bytea[], $6::bytea[], $7::bytea[])`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.factType),
        entries.map((e) => e.factId),
        entries.map((e) => e.canonicalVersion),
        entries.map((e) => e.salt),
        entries.map((e) => e.commitment),
        entries.map((e) => e.leafHash),
      ],
    );
    await em.query(`INSERT INTO log_pending (entry_id) SELECT unnest($1::uuid[])`, [
      entries.map((e) => e.id),
    ]);
  }

  /** Takes up to `limit` pending entries in creation order (the caller holds the integration lock). */
  async takePending(em: EntityManager, limit: number): Promise<{ id: string; leafHash: Buffer }[]> {
    const rows = await em.query<{ id: string; leaf_hash: Buffer }[]>(
      `WITH taken AS (
         DELETE FROM log_pending WHERE entry_id IN (SELECT entry_id FROM log_pending ORDER BY entry_id LIMIT $1)
         RETURNING entry_id)
       SELECT e.id, e.leaf_hash FROM log_entries e JOIN taken t ON t.entry_id = e.id ORDER BY e.id`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, leafHash: r.leaf_hash }));
  }

  async treeSize(em?: EntityManager): Promise<number> {
    const [row] = await (em ?? this.dataSource.manager).query<{ n: string | null }[]>(
      `SELECT max(leaf_index) + 1 AS n FROM log_leaves`,
    );
    return Number(row.n ?? 0);
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM log_pending`);
    return Number(row.n);
  }

  async insertLeaves(em: EntityManager, firstIndex: number, entryIds: string[]): Promise<void> {
    if (!entryIds.length) return;
    await em.query(
      `INSERT INTO log_leaves (leaf_index, entry_id)
       SELECT $1::bigint + ord - 1, id FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, ord)`,
      [firstIndex, entryIds],
    );
  }

  async insertNodes(em: EntityManager, nodes: { ref: NodeRef; hash: Buffer }[]): Promise<void> {
    for (let i = 0; i < nodes.length; i += 20_000) {
      const chunk = nodes.slice(i, i + 20_000);
      await em.query(
        `INSERT INTO log_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
        [chunk.map((n) => n.ref.level), chunk.map((n) => String(n.ref.index)), chunk.map((n) => n.hash)],
      );
    }
  }

  /** Fetches the given nodes in one query, keyed by refKey(). */
  async fetchNodes(refs: NodeRef[], em?: EntityManager): Promise<Map<string, Buffer>> {
    const map = new Map<string, Buffer>();
    if (!refs.length) return map;
    const rows = await (em ?? this.dataSource.manager).query<{ level: number; idx: string; hash: Buffer }[]>(
      `SELECT n.level, n.idx, n.hash FROM log_nodes n
       JOIN unnest($1::smallint[], $2::bigint[]) AS r(level, idx) ON n.level = r.level AND n.idx = r.idx`,
      [refs.map((r) => r.level), refs.map((r) => String(r.index))],
    );
    for (const r of rows) map.set(refKey({ level: r.level, index: Number(r.idx) }), r.hash);
    return map;
  }

  async insertCheckpoint(em: EntityManager, c: Omit<CheckpointRow, 'createdAt'>): Promise<void> {
    await em.query(
      `INSERT INTO log_checkpoints (tree_size, root_hash, note, key_id) VALUES ($1, $2, $3, $4)`,
      [c.treeSize, c.rootHash, c.note, c.keyId],
    );
  }

  private static toCheckpoint(r: {
    tree_size: string;
    root_hash: Buffer;
    note: string;
    key_id: string;
    created_at: Date;
  }): CheckpointRow {
    return {
      treeSize: Number(r.tree_size),
      rootHash: r.root_hash,
      note: r.note,
      keyId: r.key_id,
      createdAt: r.created_at,
    };
  }

  async latestCheckpoint(em?: EntityManager): Promise<CheckpointRow | null> {
    const rows = await (em ?? this.dataSource.manager).query<
      { tree_size: string; root_hash: Buffer; note: string; key_id: string; created_at: Date }[]
    >(`SELECT * FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1`);
    return rows[0] ? TransparencyRepository.toCheckpoint(rows[0]) : null;
  }

  async checkpointAt(treeSize: number): Promise<CheckpointRow | null> {
    const rows = await this.dataSource.query<
      { tree_size: string; root_hash: Buffer; note: string; key_id: string; created_at: Date }[]
    >(`SELECT * FROM log_checkpoints WHERE tree_size = $1`, [treeSize]);
    return rows[0] ? TransparencyRepository.toCheckpoint(rows[0]) : null;
  }

  async allCheckpoints(): Promise<CheckpointRow[]> {
    const rows = await this.dataSource.query<
      { tree_size: string; root_hash: Buffer; note: string; key_id: string; created_at: Date }[]
    >(`SELECT * FROM log_checkpoints ORDER BY tree_size`);
    return rows.map((r) => TransparencyRepository.toCheckpoint(r));
  }

  async cosignatures(treeSize: number): Promise<{ witness: string; signatureLine: string }[]> {
    const rows = await this.dataSource.query<{ witness: string; signature_line: string }[]>(
      `SELECT witness, signature_line FROM log_cosignatures WHERE tree_size = $1 ORDER BY witness`,
      [treeSize],
    );
    return rows.map((r) => ({ witness: r.witness, signatureLine: r.signature_line }));
  }

  async insertCosignature(treeSize: number, witness: string, signatureLine: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO log_cosignatures (tree_size, witness, signature_line) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [treeSize, witness, signatureLine],
    );
    return rows.length > 0;
  }

  async leafHashes(start: number, end: number): Promise<Buffer[]> {
    const rows = await this.dataSource.query<{ hash: Buffer }[]>(
      `SELECT hash FROM log_nodes WHERE level = 0 AND idx >= $1 AND idx < $2 ORDER BY idx`,
      [start, end],
    );
    return rows.map((r) => r.hash);
  }

  /** Leaf indexes of facts (null while still pending). */
  async leafIndexesOf(factType: string, factIds: string[]): Promise<Map<string, number | null>> {
    const rows = await this.dataSource.query<{ fact_id: string; leaf_index: string | null }[]>(
      `SELECT e.fact_id, l.leaf_index FROM log_entries e LEFT JOIN log_leaves l ON l.entry_id = e.id
       WHERE e.fact_type = $1 AND e.fact_id = ANY($2::uuid[])`,
      [factType, factIds],
    );
    return new Map(rows.map((r) => [r.fact_id, r.leaf_index === null ? null : Number(r.leaf_index)]));
  }

  /** Verifier: a type's entries in fact-id order (keyset). */
  async entriesPage(factType: string, afterFactId: string | null, limit: number): Promise<EntryRow[]> {
    const rows = await this.dataSource.query<
      { fact_id: string; canonical_version: number; salt: Buffer; commitment: Buffer; leaf_hash: Buffer }[]
    >(
      `SELECT fact_id, canonical_version, salt, commitment, leaf_hash FROM log_entries
       WHERE fact_type = $1 AND ($2::uuid IS NULL OR fact_id > $2::uuid) ORDER BY fact_id LIMIT $3`,
      [factType, afterFactId, limit],
    );
    return rows.map((r) => ({
      factId: r.fact_id,
      canonicalVersion: r.canonical_version,
      salt: r.salt,
      commitment: r.commitment,
      leafHash: r.leaf_hash,
    }));
  }

  async entryTypes(): Promise<string[]> {
    const rows = await this.dataSource.query<{ fact_type: string }[]>(
      `SELECT DISTINCT fact_type FROM log_entries`,
    );
    return rows.map((r) => r.fact_type);
  }

  /** Verifier: leaves in index order with their entry's commitment and the stored level-0 node. */
  async leavesPage(fromIndex: number, limit: number) {
    const rows = await this.dataSource.query<
      {
        leaf_index: string;
        fact_type: string;
        fact_id: string;
        commitment: Buffer;
        leaf_hash: Buffer;
        node_hash: Buffer | null;
      }[]
    >(
      `SELECT l.leaf_index, e.fact_type, e.fact_id, e.commitment, e.leaf_hash, n.hash AS node_hash
       FROM log_leaves l JOIN log_entries e ON e.id = l.entry_id
       LEFT JOIN log_nodes n ON n.level = 0 AND n.idx = l.leaf_index
       WHERE l.leaf_index >= $1 ORDER BY l.leaf_index LIMIT $2`,
      [fromIndex, limit],
    );
    return rows.map((r) => ({
      leafIndex: Number(r.leaf_index),
      factType: r.fact_type,
      factId: r.fact_id,
      commitment: r.commitment,
      leafHash: r.leaf_hash,
      nodeHash: r.node_hash,
    }));
  }
}
