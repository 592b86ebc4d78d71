import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { SigningService } from '../signing/signing.service';
import {
  appendLeaves,
  buildConsistencyProof,
  buildInclusionProof,
  consistencyProofNodes,
  EMPTY_ROOT,
  frontierNodes,
  inclusionProofNodes,
  nodeGetter,
  refKey,
  rootFromNodes,
  subtreeNodes,
} from './merkle';
import { checkpointBody, openNote, parseVerifierKey, signNote, verifierKey } from './signed-note';
import {
  type CheckpointRow,
  type EntryRow,
  type NewLogEntry,
  TransparencyRepository,
} from './transparency.repository';

/** Arbitrary fixed key: one integrator at a time, across instances. */
const INTEGRATION_LOCK_KEY = 0x76626c67; // "vblg"
const BATCH = 20_000;

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  note: string;
}

/**
 * The transparency log (ARCHITECTURE §6, REG-14): commitments enter in their fact's transaction;
 * the integrator appends them to an RFC 6962 tree in batches and signs a C2SP checkpoint after each.
 */
@Injectable()
export class TransparencyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly repo: TransparencyRepository,
    private readonly tx: TransactionService,
    private readonly signing: SigningService,
    private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.logIntegrateIntervalMs > 0) {
      this.timer = setInterval(() => void this.integrateQuietly(), this.config.logIntegrateIntervalMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Called inside a fact's transaction. */
  addEntries(em: EntityManager, entries: NewLogEntry[]): Promise<void> {
    return this.repo.insertEntries(em, entries);
  }

  private async integrateQuietly(): Promise<void> {
    try {
      await this.integrate();
    } catch (e) {
      this.logger.event('error', 'log.integrate.failed', {
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }

  /**
   * Appends every pending entry to the tree, in batches; each batch commits its leaves, nodes and a
   * new signed checkpoint together. Returns the number of leaves added. Concurrent calls share one run.
   */
  integrate(): Promise<number> {
    this.running ??= this.integrateAll().finally(() => (this.running = null));
    return this.running;
  }

  private async integrateAll(): Promise<number> {
    let added = 0;
    for (;;) {
      const n = await this.tx.run(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [INTEGRATION_LOCK_KEY]);
        const pending = await this.repo.takePending(em, BATCH);
        const size = await this.repo.treeSize(em);
        if (!pending.length) {
          if (!(await this.repo.latestCheckpoint(em))) await this.signCheckpoint(em, 0, EMPTY_ROOT);
          return 0;
        }
        const frontier = await this.repo.fetchNodes(frontierNodes(size), em);
        const { nodes } = appendLeaves(
          size,
          pending.map((p) => p.leafHash),
          nodeGetter(frontier),
        );
        await this.repo.insertLeaves(
          em,
          size,
          pending.map((p) => p.id),
        );
        await this.repo.insertNodes(em, nodes);
        const newSize = size + pending.length;
        const known = new Map(frontier);
        for (const n of nodes) known.set(refKey(n.ref), n.hash);
        const missing = subtreeNodes(0, newSize).filter((r) => !known.has(refKey(r)));
        for (const [k, v] of await this.repo.fetchNodes(missing, em)) known.set(k, v);
        await this.signCheckpoint(em, newSize, rootFromNodes(newSize, nodeGetter(known)));
        return pending.length;
      });
      added += n;
      if (n < BATCH) break;
    }
    if (added) this.logger.event('info', 'log.integrated', { leaves: added });
    return added;
  }

  private async signCheckpoint(em: EntityManager, treeSize: number, root: Buffer): Promise<void> {
    const key = await this.signing.activeKey('log', null, em);
    const note = signNote(
      checkpointBody(this.config.logOrigin, treeSize, root),
      this.config.logOrigin,
      key.privateKey,
    );
    await this.repo.insertCheckpoint(em, { treeSize, rootHash: root, note, keyId: key.row.keyId });
  }

  private withCosignatures(c: CheckpointRow, lines: string[]): string {
    return lines.length ? `${c.note}${lines.join('')}` : c.note;
  }

  async latestCheckpoint(): Promise<Checkpoint> {
    let c = await this.repo.latestCheckpoint();
    if (!c) {
      await this.integrate();
      c = await this.repo.latestCheckpoint();
    }
    if (!c) throw new AppError('SERVICE_UNAVAILABLE', 'The log has no checkpoint yet');
    const cosigs = await this.repo.cosignatures(c.treeSize);
    return {
      origin: this.config.logOrigin,
      treeSize: c.treeSize,
      rootHash: c.rootHash,
      note: this.withCosignatures(
        c,
        cosigs.map((s) => s.signatureLine),
      ),
    };
  }

  async checkpointAt(treeSize: number): Promise<Checkpoint> {
    const c = await this.repo.checkpointAt(treeSize);
    if (!c)
      throw new AppError('LOG_CHECKPOINT_NOT_FOUND', `No checkpoint was published for tree size ${treeSize}`);
    const cosigs = await this.repo.cosignatures(treeSize);
    return {
      origin: this.config.logOrigin,
      treeSize,
      rootHash: c.rootHash,
      note: this.withCosignatures(
        c,
        cosigs.map((s) => s.signatureLine),
      ),
    };
  }

  /** Proofs are served only against published tree sizes (≤ the latest checkpoint). */
  private async assertPublished(treeSize: number, field: string): Promise<void> {
    const latest = await this.repo.latestCheckpoint();
    if (!latest || treeSize > latest.treeSize) {
      throw new AppError(
        'LOG_TREE_SIZE_INVALID',
        `Tree size ${treeSize} is beyond the latest checkpoint (${latest?.treeSize ?? 0})`,
        {
          errors: [{ field, code: 'BEYOND_CHECKPOINT', message: `at most ${latest?.treeSize ?? 0}` }],
        },
      );
    }
  }

  async inclusion(leafIndex: number, treeSize: number): Promise<{ leafHash: Buffer; auditPath: Buffer[] }> {
    await this.assertPublished(treeSize, 'treeSize');
    if (leafIndex >= treeSize) {
      throw new AppError('LOG_TREE_SIZE_INVALID', 'leafIndex must be smaller than treeSize', {
        errors: [{ field: 'leafIndex', code: 'OUT_OF_RANGE', message: `must be < ${treeSize}` }],
      });
    }
    const refs = [{ level: 0, index: leafIndex }, ...inclusionProofNodes(leafIndex, treeSize)];
    const nodes = await this.repo.fetchNodes(refs);
    const get = nodeGetter(nodes);
    return {
      leafHash: get({ level: 0, index: leafIndex }),
      auditPath: buildInclusionProof(leafIndex, treeSize, get),
    };
  }

  async consistency(from: number, to: number): Promise<Buffer[]> {
    await this.assertPublished(to, 'to');
    if (from > to) {
      throw new AppError('LOG_TREE_SIZE_INVALID', '`from` must not exceed `to`', {
        errors: [{ field: 'from', code: 'OUT_OF_RANGE', message: `must be ≤ ${to}` }],
      });
    }
    const nodes = await this.repo.fetchNodes(consistencyProofNodes(from, to));
    return buildConsistencyProof(from, to, nodeGetter(nodes));
  }

  async leaves(start: number, end: number): Promise<Buffer[]> {
    const latest = await this.repo.latestCheckpoint();
    return this.repo.leafHashes(start, Math.min(end, latest?.treeSize ?? 0));
  }

  /** Every log key ever used, as C2SP verifier keys, so old checkpoints stay verifiable after rotation. */
  async verifierKeys(): Promise<
    {
      keyId: string;
      verifierKey: string;
      validFrom: Date;
      retiredAt: Date | null;
      compromisedAt: Date | null;
    }[]
  > {
    const keys = await this.signing.keys('log');
    return keys.map((k) => ({
      keyId: k.keyId,
      verifierKey: verifierKey(this.config.logOrigin, k.publicKey),
      validFrom: k.validFrom,
      retiredAt: k.retiredAt,
      compromisedAt: k.compromisedAt,
    }));
  }

  /**
   * A witness (WITNESS_KEYS) cosigns a checkpoint: it sends the note with its signature added.
   * Only the signature lines of configured witnesses that verify over our exact checkpoint are kept.
   */
  async cosign(treeSize: number, note: string): Promise<{ accepted: string[] }> {
    const c = await this.repo.checkpointAt(treeSize);
    if (!c)
      throw new AppError('LOG_CHECKPOINT_NOT_FOUND', `No checkpoint was published for tree size ${treeSize}`);
    const witnesses = this.config.witnessKeys.map((k) => parseVerifierKey(k));
    if (!witnesses.length) throw new AppError('FORBIDDEN', 'No witnesses are configured (WITNESS_KEYS)');
    const body = c.note.slice(0, c.note.indexOf('\n\n') + 1);
    let verifiedBy: string[];
    try {
      ({ verifiedBy } = openNote(note, witnesses));
      if (!note.startsWith(body + '\n')) throw new Error('different checkpoint');
    } catch (e) {
      throw new AppError(
        'LOG_COSIGNATURE_INVALID',
        'The note is not our checkpoint signed by a configured witness',
        {
          reason: e instanceof Error ? e.message : String(e),
        },
      );
    }
    const accepted: string[] = [];
    for (const name of verifiedBy) {
      const line = note.split('\n').find((l) => l.startsWith(`\u2014 ${name} `));
      if (line && (await this.repo.insertCosignature(treeSize, name, line + '\n'))) accepted.push(name);
    }
    return { accepted };
  }

  /** For verify-log: a fact type's entries in fact-id order. */
  entriesPage(factType: string, afterFactId: string | null, limit: number): Promise<EntryRow[]> {
    return this.repo.entriesPage(factType, afterFactId, limit);
  }

  entryTypes(): Promise<string[]> {
    return this.repo.entryTypes();
  }

  pendingCount(): Promise<number> {
    return this.repo.pendingCount();
  }

  leafIndexesOf(factType: string, factIds: string[]): Promise<Map<string, number | null>> {
    return this.repo.leafIndexesOf(factType, factIds);
  }
}
