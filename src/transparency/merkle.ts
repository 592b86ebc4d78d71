import { createHash } from 'node:crypto';

// RFC 6962 / RFC 9162 Merkle tree hashing (SHA-256) over a store that keeps the hash of every perfect,
// aligned subtree. Indexes are plain numbers kept exact up to 2^53: no bitwise operators on them.

/** A perfect, aligned subtree: `(level, index)` covers leaves `[index·2^level, (index+1)·2^level)`. */
export type NodeRef = { level: number; index: number };

/** Synchronous lookup of a stored perfect-subtree hash (normally backed by a prefetched {@link NodeMap}). */
export type NodeGetter = (ref: NodeRef) => Buffer;

/** Stored node hashes keyed by {@link refKey}. */
export type NodeMap = Map<string, Buffer>;

/** The frontier nodes fetched for {@link appendLeaves}, keyed by {@link refKey}. */
export type Frontier = NodeMap;

/** A node completed by {@link appendLeaves}. */
export type NewNode = { ref: NodeRef; hash: Buffer };

const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256 of the empty string: the RFC 6962 hash of the empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Stable map key for a node, e.g. `3:17`. */
export function refKey(ref: NodeRef): string {
  return `${ref.level}:${ref.index}`;
}

/** A {@link NodeGetter} over a map keyed by {@link refKey}; throws if a node was not prefetched. */
export function nodeGetter(map: NodeMap): NodeGetter {
  return (ref) => {
    const hash = map.get(refKey(ref));
    if (!hash) throw new Error(`Merkle node ${refKey(ref)} was not fetched`);
    return hash;
  };
}

/** MTH(D[n]) per RFC 6962 §2.1, from the leaf hashes (not the leaf data). */
export function rootFromLeafHashes(leafHashes: Buffer[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_ROOT);
  // Bottom-up pairing; an odd node at the end is promoted unchanged, which matches the RFC's left-heavy split.
  let level = leafHashes;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return Buffer.from(level[0]);
}

/**
 * Perfect subtrees whose hashes, folded from the right, give MTH(D[start:end]). `start` must be a multiple
 * of the smallest power of two ≥ `end - start`, as every range in the RFC 6962 recursion is.
 */
export function subtreeNodes(start: number, end: number): NodeRef[] {
  assertIndex(start, 'start');
  assertIndex(end, 'end');
  if (start > end) throw new RangeError(`start ${start} > end ${end}`);
  if (start % ceilPow2(end - start) !== 0) throw new RangeError(`range [${start}, ${end}) is not aligned`);
  const refs: NodeRef[] = [];
  let pos = start;
  while (pos < end) {
    const { size, level } = floorPow2(end - pos);
    refs.push({ level, index: pos / size });
    pos += size;
  }
  return refs;
}

/** Nodes needed by {@link buildInclusionProof} for this leaf and tree size (fetch them in one query). */
export function inclusionProofNodes(leafIndex: number, treeSize: number): NodeRef[] {
  return inclusionRanges(leafIndex, treeSize).flatMap(([s, e]) => subtreeNodes(s, e));
}

/** Nodes needed by {@link buildConsistencyProof} between these tree sizes (fetch them in one query). */
export function consistencyProofNodes(from: number, to: number): NodeRef[] {
  return consistencyRanges(from, to).flatMap(([s, e]) => subtreeNodes(s, e));
}

/** RFC 6962 §2.1.1 audit path PATH(leafIndex, D[treeSize]), leaf-side first. */
export function buildInclusionProof(leafIndex: number, treeSize: number, get: NodeGetter): Buffer[] {
  return inclusionRanges(leafIndex, treeSize).map(([s, e]) => rangeHash(s, e, get));
}

/** RFC 6962 §2.1.2 consistency proof PROOF(from, D[to]); empty when `from` is 0 or equals `to`. */
export function buildConsistencyProof(from: number, to: number, get: NodeGetter): Buffer[] {
  return consistencyRanges(from, to).map(([s, e]) => rangeHash(s, e, get));
}

/** The tree head MTH(D[treeSize]) from stored nodes. */
export function rootFromNodes(treeSize: number, get: NodeGetter): Buffer {
  assertIndex(treeSize, 'treeSize');
  return treeSize === 0 ? Buffer.from(EMPTY_ROOT) : rangeHash(0, treeSize, get);
}

/**
 * Existing nodes {@link appendLeaves} may read when appending to a tree of `treeSize` leaves: the perfect
 * subtrees of its left edge, one per set bit of `treeSize`.
 */
export function frontierNodes(treeSize: number): NodeRef[] {
  return subtreeNodes(0, treeSize);
}

/**
 * Appends `leafHashes` at positions `treeSize…` and returns every perfect-subtree node this completes
 * (the new leaves at level 0 included), in creation order. `get` is only called for {@link frontierNodes}.
 */
export function appendLeaves(
  treeSize: number,
  leafHashes: Buffer[],
  get: NodeGetter,
): { nodes: NewNode[]; treeSize: number } {
  assertIndex(treeSize, 'treeSize');
  const newSize = treeSize + leafHashes.length;
  assertIndex(newSize, 'new tree size');
  const nodes: NewNode[] = [];
  const created: NodeMap = new Map();
  const add = (ref: NodeRef, hash: Buffer) => {
    nodes.push({ ref, hash });
    created.set(refKey(ref), hash);
  };
  leafHashes.forEach((leaf, i) => {
    assertHash(leaf, 'leaf hash');
    let ref: NodeRef = { level: 0, index: treeSize + i };
    let hash = leaf;
    add(ref, hash);
    // A right child completes its parent; the left sibling is either new or on the old frontier.
    while (ref.index % 2 === 1) {
      const sibling = { level: ref.level, index: ref.index - 1 };
      const left = created.get(refKey(sibling)) ?? get(sibling);
      assertHash(left, `node ${refKey(sibling)}`);
      ref = { level: ref.level + 1, index: (ref.index - 1) / 2 };
      hash = nodeHash(left, hash);
      add(ref, hash);
    }
  });
  return { nodes, treeSize: newSize };
}

/**
 * RFC 9162 §2.1.3.2 inclusion proof verification. Returns false (never throws) for any input that cannot
 * be a valid proof, including `leafIndex >= treeSize` and hashes that are not 32 bytes.
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (!isIndex(leafIndex) || !isIndex(treeSize) || leafIndex >= treeSize) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this node has no right sibling (the right edge of an unbalanced tree).
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2 consistency proof verification. Size 0 is consistent with any tree (empty proof,
 * `rootFrom` = empty-tree hash); equal sizes need an empty proof and equal roots. Returns false (never
 * throws) for any input that cannot be a valid proof, including `from > to`.
 */
export function verifyConsistency(
  from: number,
  to: number,
  proof: Buffer[],
  rootFrom: Buffer,
  rootTo: Buffer,
): boolean {
  if (!isIndex(from) || !isIndex(to) || from > to) return false;
  if (!isHash(rootFrom) || !isHash(rootTo) || !proof.every(isHash)) return false;
  if (from === 0) return proof.length === 0 && rootFrom.equals(EMPTY_ROOT);
  if (from === to) return proof.length === 0 && rootFrom.equals(rootTo);
  if (proof.length === 0) return false;
  // When the old tree is a perfect subtree of the new one its root is the proof's implicit first node.
  const path = isPow2(from) ? [rootFrom, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(rootFrom) && sr.equals(rootTo);
}

// Leaf ranges [start, end) whose MTH form PATH(m, D[n]), leaf-side first (RFC 6962 §2.1.1).
function inclusionRanges(leafIndex: number, treeSize: number): [number, number][] {
  assertIndex(leafIndex, 'leafIndex');
  assertIndex(treeSize, 'treeSize');
  if (leafIndex >= treeSize) throw new RangeError(`leafIndex ${leafIndex} >= treeSize ${treeSize}`);
  const siblings: [number, number][] = [];
  let start = 0;
  let n = treeSize;
  let m = leafIndex;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      siblings.push([start + k, start + n]);
      n = k;
    } else {
      siblings.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
    }
  }
  // The recursion appends each sibling after the deeper path, so the top-down walk is reversed.
  return siblings.reverse();
}

// Leaf ranges whose MTH form PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 6962 §2.1.2).
function consistencyRanges(from: number, to: number): [number, number][] {
  assertIndex(from, 'from');
  assertIndex(to, 'to');
  if (from > to) throw new RangeError(`from ${from} > to ${to}`);
  if (from === 0 || from === to) return [];
  const siblings: [number, number][] = [];
  let start = 0;
  let n = to;
  let m = from;
  let complete = true; // SUBPROOF's b: whether the subtree being descended is the whole old tree
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      siblings.push([start + k, start + n]);
      n = k;
    } else {
      siblings.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  const head: [number, number][] = complete ? [] : [[start, start + m]];
  return [...head, ...siblings.reverse()];
}

// MTH(D[start:end]) from the stored perfect subtrees of an aligned range.
function rangeHash(start: number, end: number, get: NodeGetter): Buffer {
  if (start >= end) throw new RangeError(`empty range [${start}, ${end})`);
  const hashes = subtreeNodes(start, end).map((ref) => {
    const hash = get(ref);
    assertHash(hash, `node ${refKey(ref)}`);
    return hash;
  });
  // Subtrees shrink left to right, so the range's tree is the right fold of its decomposition.
  return hashes.reduceRight((right, left) => nodeHash(left, right));
}

// Largest power of two strictly less than n (n ≥ 2): RFC 6962's k.
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Largest power of two ≤ n (n ≥ 1) and its exponent.
function floorPow2(n: number): { size: number; level: number } {
  let size = 1;
  let level = 0;
  while (size * 2 <= n) {
    size *= 2;
    level += 1;
  }
  return { size, level };
}

// Smallest power of two ≥ n (1 for n ≤ 1).
function ceilPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function isPow2(n: number): boolean {
  return n >= 1 && ceilPow2(n) === n;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: Buffer): boolean {
  return Buffer.isBuffer(h) && h.length === HASH_SIZE;
}

function assertIndex(n: number, name: string): void {
  if (!isIndex(n)) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

function assertHash(h: Buffer, name: string): void {
  if (!isHash(h)) throw new RangeError(`${name} must be a ${HASH_SIZE}-byte hash`);
}
