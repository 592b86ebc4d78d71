import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SigningService } from '../signing/signing.service';
import type { Finding } from './findings';
import {
  appendLeaves,
  EMPTY_ROOT,
  leafHash,
  nodeGetter,
  refKey,
  rootFromNodes,
  subtreeNodes,
} from './merkle';
import { checkpointBody, openNote } from './signed-note';
import { TransparencyRepository } from './transparency.repository';

const PAGE = 10_000;

/**
 * The tree half of verify-log: streams the leaves in index order, rebuilds every node from the
 * entries' commitments, and compares the stored nodes and every signed checkpoint with it.
 */
@Injectable()
export class TreeVerifier {
  constructor(
    private readonly log: TransparencyRepository,
    private readonly signing: SigningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(findings: Finding[]): Promise<{ leaves: number; checkpoints: number }> {
    const checkpoints = await this.log.allCheckpoints();
    const keys = new Map((await this.signing.keys('log')).map((k) => [k.keyId, k]));
    const origin = this.config.logOrigin;
    let ci = 0;
    const checkAt = (size: number, get: (r: { level: number; index: number }) => Buffer) => {
      while (ci < checkpoints.length && checkpoints[ci].treeSize <= size) {
        const c = checkpoints[ci++];
        if (c.treeSize < size) continue; // handled when it was reached
        const root = size === 0 ? EMPTY_ROOT : rootFromNodes(size, get);
        if (!root.equals(c.rootHash)) findings.push({ kind: 'ROOT_MISMATCH', treeSize: c.treeSize });
        this.checkSignature(c, origin, keys, findings);
      }
    };
    // The right edge of the tree so far: enough to extend it and to compute any checkpoint root.
    let edge = new Map<string, Buffer>();
    let size = 0;
    checkAt(0, nodeGetter(edge));
    for (;;) {
      const page = await this.log.leavesPage(size, PAGE);
      if (!page.length) break;
      const hashes: Buffer[] = [];
      for (const l of page) {
        if (l.leafIndex !== size + hashes.length) {
          findings.push({
            kind: 'LEAF_GAP',
            leafIndex: size + hashes.length,
            detail: `next stored index is ${l.leafIndex}`,
          });
          return { leaves: size + hashes.length, checkpoints: checkpoints.length };
        }
        const lh = leafHash(l.commitment);
        if (!lh.equals(l.leafHash))
          findings.push({
            kind: 'ENTRY_CORRUPT',
            factType: l.factType,
            factId: l.factId,
            leafIndex: l.leafIndex,
          });
        if (!l.nodeHash || !l.nodeHash.equals(lh))
          findings.push({ kind: 'NODE_MISMATCH', leafIndex: l.leafIndex, detail: 'level 0' });
        hashes.push(lh);
      }
      // Extend checkpoint by checkpoint, so each checkpoint's root is computed at its exact size.
      let offset = 0;
      while (offset < hashes.length) {
        const next = checkpoints.slice(ci).find((c) => c.treeSize > size);
        const take =
          next && next.treeSize - size <= hashes.length - offset
            ? next.treeSize - size
            : hashes.length - offset;
        const { nodes } = appendLeaves(size, hashes.slice(offset, offset + take), nodeGetter(edge));
        const all = new Map(edge);
        for (const n of nodes) all.set(refKey(n.ref), n.hash);
        await this.compareNodes(nodes, findings);
        size += take;
        offset += take;
        edge = new Map(subtreeNodes(0, size).map((r) => [refKey(r), all.get(refKey(r))!]));
        checkAt(size, nodeGetter(all));
      }
    }
    for (; ci < checkpoints.length; ci++) {
      findings.push({
        kind: 'ROOT_MISMATCH',
        treeSize: checkpoints[ci].treeSize,
        detail: `only ${size} leaves are stored`,
      });
    }
    return { leaves: size, checkpoints: checkpoints.length };
  }

  private async compareNodes(
    nodes: { ref: { level: number; index: number }; hash: Buffer }[],
    findings: Finding[],
  ): Promise<void> {
    const upper = nodes.filter((n) => n.ref.level > 0);
    if (!upper.length) return;
    const stored = await this.log.fetchNodes(upper.map((n) => n.ref));
    for (const n of upper) {
      const s = stored.get(refKey(n.ref));
      if (!s || !s.equals(n.hash))
        findings.push({ kind: 'NODE_MISMATCH', detail: `level ${n.ref.level} index ${n.ref.index}` });
    }
  }

  private checkSignature(
    c: { treeSize: number; rootHash: Buffer; note: string; keyId: string },
    origin: string,
    keys: Map<string, { publicKey: Buffer }>,
    findings: Finding[],
  ): void {
    const key = keys.get(c.keyId);
    try {
      if (!key) throw new Error(`unknown key ${c.keyId}`);
      const { body } = openNote(c.note, [{ name: origin, publicKey: key.publicKey }]);
      if (body !== checkpointBody(origin, c.treeSize, c.rootHash))
        throw new Error('note body differs from the stored checkpoint');
    } catch (e) {
      findings.push({
        kind: 'BAD_CHECKPOINT',
        treeSize: c.treeSize,
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }
}
