import { createHash } from 'node:crypto';
import {
  appendLeaves,
  buildConsistencyProof,
  buildInclusionProof,
  consistencyProofNodes,
  EMPTY_ROOT,
  frontierNodes,
  inclusionProofNodes,
  leafHash,
  NodeGetter,
  nodeGetter,
  NodeMap,
  nodeHash,
  NodeRef,
  refKey,
  rootFromLeafHashes,
  rootFromNodes,
  subtreeNodes,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const hex = (b: Buffer): string => b.toString('hex');
const hx = (s: string): Buffer => Buffer.from(s, 'hex');
const hexes = (bs: Buffer[]): string[] => bs.map(hex);

// ---------------------------------------------------------------------------------------------------------
// Reference vectors: github.com/transparency-dev/merkle testonly/constants.go and proof/verify_test.go
// (the same data as Trillian's merkle/testonly and certificate-transparency's merkle_tree_test.cc).

const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hx);

// Root hashes indexed by tree size 0..8.
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

// Every perfect-subtree hash of the 8-leaf tree: CT_NODES[level][index].
const CT_NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

// verify_test.go numbers leaves from 1; these are 0-based.
const CT_INCLUSION: { leaf: number; size: number; proof: string[] }[] = [
  {
    leaf: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leaf: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leaf: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leaf: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const CT_CONSISTENCY: { from: number; to: number; proof: string[] }[] = [
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

// "abacaba…" filler hash from verify_test.go, used as a wrong root / inserted component.
const SOME_HASH = hx('abacaba000000000000000000000000000000000000000000060061e00123456');

const ctStore: NodeMap = new Map(
  CT_NODES.flatMap((row, level) => row.map((h, index) => [refKey({ level, index }), hx(h)] as const)),
);

// ---------------------------------------------------------------------------------------------------------
// Brute-force reference, written straight from the RFC 6962 §2.1 text over the full leaf-data list and
// hashing independently of the module under test.

const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const largestPow2Below = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

// MTH is memoised per (first leaf object, length): every slice here is a slice of one fixed leaf array.
const mthCache = new Map<Buffer, Map<number, Buffer>>();
function mth(d: Buffer[]): Buffer {
  const n = d.length;
  if (n === 0) return sha();
  let byLength = mthCache.get(d[0]);
  if (!byLength) mthCache.set(d[0], (byLength = new Map()));
  const hit = byLength.get(n);
  if (hit) return hit;
  const k = largestPow2Below(n);
  const h =
    n === 1 ? sha(Buffer.from([0]), d[0]) : sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
  byLength.set(n, h);
  return h;
}

function refPath(m: number, d: Buffer[]): Buffer[] {
  const n = d.length;
  if (n <= 1) return [];
  const k = largestPow2Below(n);
  return m < k
    ? [...refPath(m, d.slice(0, k)), mth(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), mth(d.slice(0, k))];
}

// Which side each audit-path sibling sits on, leaf first: it pins the hashing order verification uses.
function refPathSides(m: number, n: number): string {
  if (n <= 1) return '';
  const k = largestPow2Below(n);
  return m < k ? refPathSides(m, k) + 'R' : refPathSides(m - k, n - k) + 'L';
}

function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  const n = d.length;
  if (m === n) return b ? [] : [mth(d)];
  const k = largestPow2Below(n);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

const refProof = (m: number, d: Buffer[]): Buffer[] => refSubproof(m, d, true);

const MAX = 70;
const DATA = Array.from({ length: MAX }, (_, i) => Buffer.from(`leaf data #${i}`));
const LEAF_HASHES = DATA.map((d) => mth([d]));

// All perfect-subtree hashes of the first `size` leaves, by brute force.
function allPerfectNodes(size: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let level = 0, width = 1; width <= size; level++, width *= 2) {
    for (let index = 0; (index + 1) * width <= size; index++) {
      out.set(refKey({ level, index }), hex(mth(DATA.slice(index * width, (index + 1) * width))));
    }
  }
  return out;
}

const FULL_STORE: NodeMap = new Map([...allPerfectNodes(MAX)].map(([k, v]) => [k, hx(v)]));

// A getter over the brute-force store that records its calls and refuses nodes beyond the tree size.
function recordingGetter(store: NodeMap, treeSize: number): { get: NodeGetter; calls: string[] } {
  const calls: string[] = [];
  const inner = nodeGetter(store);
  const get: NodeGetter = (ref) => {
    calls.push(refKey(ref));
    if ((ref.index + 1) * 2 ** ref.level > treeSize)
      throw new Error(`read ${refKey(ref)} beyond ${treeSize}`);
    return inner(ref);
  };
  return { get, calls };
}

const sorted = (xs: string[]): string[] => [...xs].sort();
const flipByte = (proof: Buffer[], i: number, at: number): Buffer[] =>
  proof.map((p, j) => {
    if (j !== i) return p;
    const q = Buffer.from(p);
    q[at] ^= 0x01;
    return q;
  });

// Small deterministic PRNG so failures reproduce.
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// ---------------------------------------------------------------------------------------------------------

describe('hashing primitives', () => {
  it('leafHash and nodeHash apply the RFC 6962 domain-separation prefixes', () => {
    expect(hex(leafHash(CT_LEAVES[0]))).toBe(CT_NODES[0][0]);
    expect(hex(leafHash(CT_LEAVES[7]))).toBe(CT_NODES[0][7]);
    expect(hex(nodeHash(hx(CT_NODES[0][0]), hx(CT_NODES[0][1])))).toBe(CT_NODES[1][0]);
    expect(hex(leafHash(Buffer.from('abc')))).toBe(hex(sha(Buffer.from([0]), Buffer.from('abc'))));
  });

  it('the empty tree hashes to SHA-256 of the empty string', () => {
    expect(hex(rootFromLeafHashes([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
    expect(hex(rootFromNodes(0, () => Buffer.alloc(0)))).toBe(CT_ROOTS[0]);
  });
});

describe('Certificate Transparency reference vectors (transparency-dev/merkle testonly)', () => {
  const leafHashes = CT_LEAVES.map(leafHash);

  it('level-0 node hashes are the leaf hashes of the reference leaves', () => {
    expect(hexes(leafHashes)).toEqual(CT_NODES[0]);
  });

  it('matches the literal roots of sizes 0, 1 and 8', () => {
    expect(hex(rootFromLeafHashes([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(rootFromLeafHashes(leafHashes.slice(0, 1)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(hex(rootFromLeafHashes(leafHashes))).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it.each(CT_ROOTS.map((root, size) => [size, root] as const))(
    'root of size %i from leaf hashes and from stored nodes',
    (size, root) => {
      expect(hex(rootFromLeafHashes(leafHashes.slice(0, size)))).toBe(root);
      expect(hex(rootFromNodes(size, nodeGetter(ctStore)))).toBe(root);
    },
  );

  it('appending the 8 leaves one by one yields exactly the reference node table', () => {
    const store: NodeMap = new Map();
    leafHashes.forEach((h, size) => {
      for (const { ref, hash } of appendLeaves(size, [h], nodeGetter(store)).nodes)
        store.set(refKey(ref), hash);
    });
    expect(new Map([...store].map(([k, v]) => [k, hex(v)]))).toEqual(
      new Map([...ctStore].map(([k, v]) => [k, hex(v)])),
    );
  });

  it.each(CT_INCLUSION)('inclusion proof for leaf $leaf in tree $size', ({ leaf, size, proof }) => {
    const built = buildInclusionProof(leaf, size, nodeGetter(ctStore));
    expect(hexes(built)).toEqual(proof);
    expect(verifyInclusion(leaf, size, leafHashes[leaf], built, hx(CT_ROOTS[size]))).toBe(true);
  });

  it('inclusion proof in a one-leaf tree is empty and verifies against the leaf hash', () => {
    expect(buildInclusionProof(0, 1, nodeGetter(ctStore))).toEqual([]);
    expect(verifyInclusion(0, 1, leafHashes[0], [], hx(CT_ROOTS[1]))).toBe(true);
    expect(verifyInclusion(0, 1, leafHashes[1], [], hx(CT_ROOTS[1]))).toBe(false);
  });

  // The corruption probes of verify_test.go's corruptInclusionProof.
  it.each(CT_INCLUSION)('rejects every corruption of the proof for leaf $leaf in tree $size', (v) => {
    const root = hx(CT_ROOTS[v.size]);
    const leaf = leafHashes[v.leaf];
    const proof = v.proof.map(hx);
    const probes: [number, number, Buffer, Buffer[], Buffer][] = [
      [v.leaf - 1, v.size, leaf, proof, root],
      [v.leaf + 1, v.size, leaf, proof, root],
      [v.leaf ^ 2, v.size, leaf, proof, root],
      [v.leaf, v.size * 2, leaf, proof, root],
      [v.leaf, Math.floor(v.size / 2), leaf, proof, root],
      [v.leaf, v.size, Buffer.from('WrongLeaf'), proof, root],
      [v.leaf, v.size, leaf, proof, EMPTY_ROOT],
      [v.leaf, v.size, leaf, proof, SOME_HASH],
      [v.leaf, v.size, leaf, [...proof, Buffer.alloc(0)], root],
      [v.leaf, v.size, leaf, [...proof, root], root],
      [v.leaf, v.size, leaf, [Buffer.alloc(0), ...proof], root],
      [v.leaf, v.size, leaf, [root, ...proof], root],
      [v.leaf, v.size, leaf, proof.slice(0, -1), root],
      ...proof.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [
        v.leaf,
        v.size,
        leaf,
        flipByte(proof, i, 0),
        root,
      ]),
    ];
    if (proof.length > 1) probes.push([v.leaf, v.size, leaf, [proof[0], SOME_HASH, ...proof.slice(1)], root]);
    const accepted = probes.filter((p) => verifyInclusion(...p));
    expect(accepted).toEqual([]);
  });

  it.each(CT_CONSISTENCY)('consistency proof $from → $to', ({ from, to, proof }) => {
    const built = buildConsistencyProof(from, to, nodeGetter(ctStore));
    expect(hexes(built)).toEqual(proof);
    expect(verifyConsistency(from, to, built, hx(CT_ROOTS[from]), hx(CT_ROOTS[to]))).toBe(true);
  });

  // The corruption probes of verify_test.go's corruptConsistencyProof.
  it.each(CT_CONSISTENCY)('rejects every corruption of the consistency proof $from → $to', (v) => {
    const r1 = hx(CT_ROOTS[v.from]);
    const r2 = hx(CT_ROOTS[v.to]);
    const proof = v.proof.map(hx);
    const probes: [number, number, Buffer[], Buffer, Buffer][] = [
      [v.from - 1, v.to, proof, r1, r2],
      [v.from + 1, v.to, proof, r1, r2],
      [v.from ^ 2, v.to, proof, r1, r2],
      [v.from, v.to * 2, proof, r1, r2],
      [v.from, Math.floor(v.to / 2), proof, r1, r2],
      [v.from, v.to, proof, Buffer.from('WrongRoot'), r2],
      [v.from, v.to, proof, r1, Buffer.from('WrongRoot')],
      [v.from, v.to, proof, r2, r1],
      [v.from, v.to, [], r1, r2],
      [v.from, v.to, [...proof, Buffer.alloc(0)], r1, r2],
      [v.from, v.to, [...proof, r1], r1, r2],
      [v.from, v.to, [...proof, r2], r1, r2],
      [v.from, v.to, [Buffer.alloc(0), ...proof], r1, r2],
      [v.from, v.to, [r1, ...proof], r1, r2],
      [v.from, v.to, [r2, ...proof], r1, r2],
      [v.from, v.to, [proof[0], ...proof], r1, r2],
      [v.from, v.to, proof.slice(0, -1), r1, r2],
      ...proof.map((_, i): [number, number, Buffer[], Buffer, Buffer] => [
        v.from,
        v.to,
        flipByte(proof, i, 0),
        r1,
        r2,
      ]),
    ];
    const accepted = probes.filter((p) => verifyConsistency(...p));
    expect(accepted).toEqual([]);
  });

  it('trivial consistency: equal sizes and the empty tree need an empty proof', () => {
    const r1 = hx(CT_ROOTS[1]);
    const r8 = hx(CT_ROOTS[8]);
    expect(buildConsistencyProof(1, 1, nodeGetter(ctStore))).toEqual([]);
    expect(buildConsistencyProof(0, 8, nodeGetter(ctStore))).toEqual([]);
    expect(verifyConsistency(1, 1, [], r1, r1)).toBe(true);
    expect(verifyConsistency(1, 1, [], r1, r8)).toBe(false);
    expect(verifyConsistency(1, 1, [EMPTY_ROOT], r1, r1)).toBe(false);
    expect(verifyConsistency(0, 8, [], EMPTY_ROOT, r8)).toBe(true);
    expect(verifyConsistency(0, 8, [], r1, r8)).toBe(false);
    expect(verifyConsistency(0, 8, [EMPTY_ROOT], EMPTY_ROOT, r8)).toBe(false);
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyConsistency(2, 1, [], r1, r1)).toBe(false);
    expect(verifyConsistency(1, 2, [], r1, hx(CT_ROOTS[2]))).toBe(false);
  });
});

describe('subtreeNodes', () => {
  it('decomposes aligned ranges into shrinking perfect subtrees that tile the range', () => {
    expect(subtreeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeNodes(16, 32)).toEqual([{ level: 4, index: 1 }]);
    expect(subtreeNodes(5, 5)).toEqual([]);
  });

  it('tiles every aligned range with subtrees of strictly decreasing size', () => {
    for (let width = 1; width <= 64; width *= 2) {
      for (let start = 0; start <= 128; start += width) {
        for (let len = 1; len <= width; len++) {
          let pos = start;
          let last = Infinity;
          for (const { level, index } of subtreeNodes(start, start + len)) {
            expect(index * 2 ** level).toBe(pos);
            expect(2 ** level).toBeLessThan(last);
            last = 2 ** level;
            pos += 2 ** level;
          }
          expect(pos).toBe(start + len);
        }
      }
    }
  });

  it('rejects unaligned and inverted ranges', () => {
    expect(() => subtreeNodes(1, 4)).toThrow(RangeError);
    expect(() => subtreeNodes(4, 9)).toThrow(RangeError);
    expect(() => subtreeNodes(6, 5)).toThrow(RangeError);
    expect(() => subtreeNodes(-1, 0)).toThrow(RangeError);
    expect(() => subtreeNodes(0, 1.5)).toThrow(RangeError);
  });
});

describe('inclusion proofs against the brute-force PATH (n = 1..70, every m < n)', () => {
  it('rootFromNodes and rootFromLeafHashes equal brute-force MTH for every size', () => {
    for (let n = 0; n <= MAX; n++) {
      const want = hex(mth(DATA.slice(0, n)));
      expect(hex(rootFromLeafHashes(LEAF_HASHES.slice(0, n)))).toBe(want);
      expect(hex(rootFromNodes(n, recordingGetter(FULL_STORE, n).get))).toBe(want);
    }
  });

  it('builds PATH(m, D[n]) reading exactly inclusionProofNodes, and the proof verifies', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = mth(DATA.slice(0, n));
      for (let m = 0; m < n; m++) {
        const { get, calls } = recordingGetter(FULL_STORE, n);
        const proof = buildInclusionProof(m, n, get);
        expect(hexes(proof)).toEqual(hexes(refPath(m, DATA.slice(0, n))));
        expect(sorted(calls)).toEqual(sorted(inclusionProofNodes(m, n).map(refKey)));
        expect(verifyInclusion(m, n, LEAF_HASHES[m], proof, root)).toBe(true);
      }
    }
  });

  it('rejects a flipped byte anywhere in the proof, leaf or root', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = mth(DATA.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = refPath(m, DATA.slice(0, n));
        for (let i = 0; i < proof.length; i++) {
          for (const at of [0, 17, 31])
            expect(verifyInclusion(m, n, LEAF_HASHES[m], flipByte(proof, i, at), root)).toBe(false);
        }
        expect(verifyInclusion(m, n, flipByte([LEAF_HASHES[m]], 0, 9)[0], proof, root)).toBe(false);
        expect(verifyInclusion(m, n, LEAF_HASHES[m], proof, flipByte([root], 0, 31)[0])).toBe(false);
      }
    }
  });

  it('rejects the proof for any other leaf index', () => {
    for (let n = 2; n <= MAX; n++) {
      const root = mth(DATA.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = refPath(m, DATA.slice(0, n));
        for (const other of [m - 1, m + 1, n - 1 - m, 0, n - 1]) {
          if (other === m) continue;
          expect(verifyInclusion(other, n, LEAF_HASHES[m], proof, root)).toBe(false);
        }
      }
    }
  });

  // The RFC 9162 algorithm only uses the size to know which side each sibling is on: a different size that
  // gives the leaf the same path shape computes the same root (the size is bound by the signed tree head).
  it('rejects a wrong tree size unless it gives the leaf the same audit-path shape', () => {
    let rejected = 0;
    for (let n = 1; n <= MAX; n++) {
      const root = mth(DATA.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = refPath(m, DATA.slice(0, n));
        for (const size of [n - 1, n + 1, n * 2, Math.floor(n / 2), n + 7]) {
          const sameShape = m < size && refPathSides(m, size) === refPathSides(m, n);
          const ok = verifyInclusion(m, size, LEAF_HASHES[m], proof, root);
          expect(ok).toBe(sameShape);
          if (!ok) rejected++;
        }
      }
    }
    expect(rejected).toBeGreaterThan(5000);
  });
});

describe('consistency proofs against the brute-force PROOF (0 < m <= n <= 40)', () => {
  it('builds PROOF(m, D[n]) reading exactly consistencyProofNodes, and the proof verifies', () => {
    for (let n = 1; n <= 40; n++) {
      const rootTo = mth(DATA.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const { get, calls } = recordingGetter(FULL_STORE, n);
        const proof = buildConsistencyProof(m, n, get);
        expect(hexes(proof)).toEqual(hexes(refProof(m, DATA.slice(0, n))));
        expect(sorted(calls)).toEqual(sorted(consistencyProofNodes(m, n).map(refKey)));
        expect(verifyConsistency(m, n, proof, mth(DATA.slice(0, m)), rootTo)).toBe(true);
      }
    }
  });

  it('rejects flipped bytes, truncated or padded proofs and swapped or wrong roots', () => {
    for (let n = 2; n <= 40; n++) {
      const rootTo = mth(DATA.slice(0, n));
      for (let m = 1; m < n; m++) {
        const rootFrom = mth(DATA.slice(0, m));
        const proof = refProof(m, DATA.slice(0, n));
        for (let i = 0; i < proof.length; i++) {
          expect(verifyConsistency(m, n, flipByte(proof, i, 5), rootFrom, rootTo)).toBe(false);
        }
        expect(verifyConsistency(m, n, proof.slice(0, -1), rootFrom, rootTo)).toBe(false);
        expect(verifyConsistency(m, n, [...proof, rootTo], rootFrom, rootTo)).toBe(false);
        expect(verifyConsistency(m, n, proof, rootTo, rootFrom)).toBe(false);
        expect(verifyConsistency(m, n, proof, mth(DATA.slice(0, m + 1)), rootTo)).toBe(false);
        expect(verifyConsistency(m, n, proof, rootFrom, mth(DATA.slice(0, n - 1)))).toBe(false);
        expect(verifyConsistency(n, m, proof, rootTo, rootFrom)).toBe(false);
      }
    }
  });
});

describe('appendLeaves', () => {
  it.each([1, 2, 3])('random batch sizes reproduce every perfect-subtree hash (seed %i)', (seed) => {
    const rand = prng(seed);
    const store: NodeMap = new Map();
    let size = 0;
    while (size < MAX) {
      const batch = Math.min(MAX - size, Math.floor(rand() * 9)); // empty batches included
      const { get, calls } = recordingGetter(store, size);
      const result = appendLeaves(size, LEAF_HASHES.slice(size, size + batch), get);
      const frontier = new Set(frontierNodes(size).map(refKey));
      expect(calls.filter((k) => !frontier.has(k))).toEqual([]);
      expect(result.treeSize).toBe(size + batch);
      for (const { ref, hash } of result.nodes) {
        expect(store.has(refKey(ref))).toBe(false); // only new nodes
        store.set(refKey(ref), hash);
      }
      size += batch;
      // After each batch the store holds exactly the perfect subtrees of the current tree.
      expect(new Map([...store].map(([k, v]) => [k, hex(v)]))).toEqual(allPerfectNodes(size));
      expect(hex(rootFromNodes(size, nodeGetter(store)))).toBe(hex(mth(DATA.slice(0, size))));
    }
  });

  it('reads only frontierNodes, which has one node per set bit of the size', () => {
    for (let size = 0; size < 64; size++) {
      const frontier = frontierNodes(size);
      expect(frontier.length).toBe(size.toString(2).replace(/0/g, '').length);
      for (const batch of [1, 2, 5, 64 - size]) {
        const { get, calls } = recordingGetter(FULL_STORE, size);
        appendLeaves(size, LEAF_HASHES.slice(size, size + batch), get);
        const allowed = new Set(frontier.map(refKey));
        expect(calls.every((k) => allowed.has(k))).toBe(true);
      }
      // Filling up to the next power of two needs every frontier node.
      const { get, calls } = recordingGetter(FULL_STORE, size);
      appendLeaves(size, LEAF_HASHES.slice(size, 64), get);
      expect(sorted(calls)).toEqual(sorted(frontier.map(refKey)));
    }
  });

  it('returns no nodes and reads nothing for an empty batch', () => {
    const { get, calls } = recordingGetter(FULL_STORE, 13);
    expect(appendLeaves(13, [], get)).toEqual({ nodes: [], treeSize: 13 });
    expect(calls).toEqual([]);
  });

  it('rejects leaf hashes of the wrong length and bad sizes', () => {
    expect(() => appendLeaves(0, [Buffer.alloc(31)], () => Buffer.alloc(32))).toThrow(RangeError);
    expect(() => appendLeaves(-1, [], () => Buffer.alloc(32))).toThrow(RangeError);
    expect(() => appendLeaves(Number.MAX_SAFE_INTEGER, [LEAF_HASHES[0]], () => Buffer.alloc(32))).toThrow(
      RangeError,
    );
  });
});

describe('argument checks', () => {
  const get = nodeGetter(FULL_STORE);
  it('throws RangeError for out-of-range proof requests', () => {
    expect(() => inclusionProofNodes(0, 0)).toThrow(RangeError);
    expect(() => inclusionProofNodes(5, 5)).toThrow(RangeError);
    expect(() => inclusionProofNodes(-1, 5)).toThrow(RangeError);
    expect(() => inclusionProofNodes(1.5, 5)).toThrow(RangeError);
    expect(() => buildInclusionProof(3, 3, get)).toThrow(RangeError);
    expect(() => consistencyProofNodes(6, 5)).toThrow(RangeError);
    expect(() => buildConsistencyProof(6, 5, get)).toThrow(RangeError);
    expect(() => consistencyProofNodes(Number.NaN, 5)).toThrow(RangeError);
    expect(() => rootFromNodes(-1, get)).toThrow(RangeError);
    expect(() => frontierNodes(2 ** 53)).toThrow(RangeError);
  });

  it('nodeGetter names a node that was not prefetched', () => {
    expect(() => nodeGetter(new Map())({ level: 3, index: 1 })).toThrow('3:1');
  });

  it('verification returns false rather than throwing on nonsense arguments', () => {
    const h = LEAF_HASHES[0];
    expect(verifyInclusion(0, 0, h, [], h)).toBe(false);
    expect(verifyInclusion(-1, 1, h, [], h)).toBe(false);
    expect(verifyInclusion(0.5, 2, h, [h], h)).toBe(false);
    expect(verifyInclusion(0, 1, h.subarray(1), [], h.subarray(1))).toBe(false);
    expect(verifyConsistency(-1, 1, [], h, h)).toBe(false);
    expect(verifyConsistency(1, Number.POSITIVE_INFINITY, [h], h, h)).toBe(false);
  });
});

describe('large indexes', () => {
  const isCount = (x: number) => Number.isSafeInteger(x) && x >= 0;

  it('inclusionProofNodes(9_999_999, 10_000_000) stays inside the tree with integral indexes', () => {
    const refs = inclusionProofNodes(9_999_999, 10_000_000);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.length).toBeLessThanOrEqual(24);
    for (const { level, index } of refs) {
      expect(isCount(level) && isCount(index)).toBe(true);
      expect(index).toBeLessThan(10_000_000);
      expect((index + 1) * 2 ** level).toBeLessThanOrEqual(10_000_000);
    }
  });

  it('node sets stay small and in range near 2^53', () => {
    const n = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    for (const refs of [
      inclusionProofNodes(0, n),
      inclusionProofNodes(n - 1, n),
      inclusionProofNodes(2 ** 52 + 12345, n),
      consistencyProofNodes(2 ** 40 + 3, n),
      frontierNodes(n),
    ]) {
      expect(refs.length).toBeLessThanOrEqual(2 * 53);
      for (const { level, index } of refs) {
        expect(isCount(level) && isCount(index)).toBe(true);
        expect((index + 1) * 2 ** level).toBeLessThanOrEqual(n);
      }
    }
    expect(frontierNodes(n)).toHaveLength(53);
  });

  // A tree whose leaves are all equal has one hash per level, so huge trees are cheap to "store".
  const uniform: Buffer[] = [leafHash(Buffer.from('same'))];
  for (let l = 1; l <= 53; l++) uniform.push(nodeHash(uniform[l - 1], uniform[l - 1]));
  const uniformGet: NodeGetter = ({ level }) => uniform[level];

  it.each([
    [0, 2 ** 31 + 1],
    [2 ** 31, 2 ** 32 + 3],
    [2 ** 40 - 1, 2 ** 40],
    [2 ** 52 + 1, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
  ])('builds and verifies proofs for leaf %i of a uniform tree of size %i', (m, n) => {
    const root = rootFromNodes(n, uniformGet);
    const proof = buildInclusionProof(m, n, uniformGet);
    expect(proof.length).toBe(refPathSides(m, n).length);
    expect(verifyInclusion(m, n, uniform[0], proof, root)).toBe(true);
    const sameShape = Number.isSafeInteger(n + 1) && refPathSides(m, n + 1) === refPathSides(m, n);
    expect(verifyInclusion(m, n + 1, uniform[0], proof, root)).toBe(sameShape);
    const consistency = buildConsistencyProof(m + 1, n, uniformGet);
    expect(verifyConsistency(m + 1, n, consistency, rootFromNodes(m + 1, uniformGet), root)).toBe(true);
  });

  it('appendLeaves completes every level when filling a 2^40 tree', () => {
    const size = 2 ** 40 - 1;
    const calls: string[] = [];
    const { nodes } = appendLeaves(size, [uniform[0]], (ref) => {
      calls.push(refKey(ref));
      return uniform[ref.level];
    });
    expect(nodes.map((x) => refKey(x.ref))).toEqual(
      Array.from({ length: 41 }, (_, l) => refKey({ level: l, index: (2 ** 40 - 2 ** l) / 2 ** l })),
    );
    expect(nodes.every(({ ref, hash }) => hash.equals(uniform[ref.level]))).toBe(true);
    expect(nodes[40].ref).toEqual<NodeRef>({ level: 40, index: 0 });
    expect(sorted(calls)).toEqual(sorted(frontierNodes(size).map(refKey)));
  });
});
