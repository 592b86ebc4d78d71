import { Injectable } from '@nestjs/common';
import type { Finding } from '../transparency/findings';
import type { EntryRow } from '../transparency/transparency.repository';
import { TransparencyService } from '../transparency/transparency.service';
import { TreeVerifier } from '../transparency/tree-verifier';
import { type CanonicalRow, canonicalFact, commitmentOf, leafHashOf } from './canonical';
import type { FactTypeDefinition } from './fact-type';
import { FACT_TYPES } from './fact-types';
import { FactsRepository } from './facts.repository';

export interface VerifyReport {
  facts: number;
  leaves: number;
  pending: number;
  checkpoints: number;
  findings: Finding[];
  ms: number;
}

const PAGE = 10_000;

/**
 * verify-log (issue: fact log and transparency): recomputes every commitment from the fact tables,
 * rebuilds the Merkle tree from the leaves, and checks it against every signed checkpoint.
 * Names each fact changed, deleted or inserted outside the application.
 */
@Injectable()
export class FactVerifier {
  constructor(
    private readonly facts: FactsRepository,
    private readonly transparency: TransparencyService,
    private readonly tree: TreeVerifier,
  ) {}

  async verify(types: readonly FactTypeDefinition[] = FACT_TYPES): Promise<VerifyReport> {
    const t0 = Date.now();
    const findings: Finding[] = [];
    // The fact tables and the tree are independent: check them concurrently (database I/O of one
    // overlaps hashing of the other).
    const factsPart = (async () => {
      let facts = 0;
      for (const def of types) facts += await this.verifyType(def, findings);
      for (const t of await this.transparency.entryTypes()) {
        if (!types.some((d) => d.type === t)) findings.push({ kind: 'UNKNOWN_TYPE', factType: t });
      }
      return facts;
    })();
    const [facts, tree] = await Promise.all([factsPart, this.tree.verify(findings)]);
    return { facts, ...tree, pending: await this.transparency.pendingCount(), findings, ms: Date.now() - t0 };
  }

  /** Merge-joins the fact table (by id) with its entries (by fact id), page by page. */
  private async verifyType(def: FactTypeDefinition, findings: Finding[]): Promise<number> {
    let count = 0;
    let factsDone = false;
    let entriesDone = false;
    let factPage: CanonicalRow[] = [];
    let entryPage: EntryRow[] = [];
    let fi = 0;
    let ei = 0;
    let lastFact: string | null = null;
    let lastEntry: string | null = null;
    // Facts are read in the newest canonical version; older entries re-read their own version below.
    for (;;) {
      if (fi >= factPage.length && !factsDone) {
        factPage = await this.facts.readPage(def, def.currentVersion, lastFact, PAGE);
        fi = 0;
        factsDone = factPage.length < PAGE;
        if (factPage.length) lastFact = factPage[factPage.length - 1].id!;
      }
      if (ei >= entryPage.length && !entriesDone) {
        entryPage = await this.transparency.entriesPage(def.type, lastEntry, PAGE);
        ei = 0;
        entriesDone = entryPage.length < PAGE;
        if (entryPage.length) lastEntry = entryPage[entryPage.length - 1].factId;
      }
      const f = factPage[fi];
      const e = entryPage[ei];
      if (!f && !e) break;
      if (f && (!e || f.id! < e.factId)) {
        findings.push({
          kind: 'UNLOGGED',
          factType: def.type,
          factId: f.id!,
          detail: `row in ${def.table} without a log entry`,
        });
        count++;
        fi++;
        continue;
      }
      if (e && (!f || e.factId < f.id!)) {
        findings.push({
          kind: 'DELETED',
          factType: def.type,
          factId: e.factId,
          detail: `logged fact missing from ${def.table}`,
        });
        ei++;
        continue;
      }
      count++;
      let row = f;
      if (e.canonicalVersion !== def.currentVersion) {
        [row] = await this.facts.readPage(def, e.canonicalVersion, prevId(f.id!), 1);
      }
      const commitment = commitmentOf(e.salt, canonicalFact(def, e.canonicalVersion, row));
      if (!commitment.equals(e.commitment)) {
        findings.push({
          kind: 'CHANGED',
          factType: def.type,
          factId: f.id!,
          detail: `row in ${def.table} differs from what was recorded`,
        });
      } else if (!leafHashOf(e.commitment).equals(e.leafHash)) {
        findings.push({ kind: 'ENTRY_CORRUPT', factType: def.type, factId: f.id! });
      }
      fi++;
      ei++;
    }
    return count;
  }
}

/** The largest UUID below `id` in PostgreSQL's byte order, so a keyset page of size 1 returns `id` itself. */
function prevId(id: string): string | null {
  const hex = id.replace(/-/g, '');
  const n = BigInt('0x' + hex);
  if (n === 0n) return null;
  const p = (n - 1n).toString(16).padStart(32, '0');
  return `${p.slice(0, 8)}-${p.slice(8, 12)}-${p.slice(12, 16)}-${p.slice(16, 20)}-${p.slice(20)}`;
}
