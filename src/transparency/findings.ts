/** What verify-log reports: each problem names the fact, leaf or checkpoint at fault. */
export type FindingKind =
  | 'CHANGED' // the fact row no longer matches its commitment
  | 'DELETED' // a committed fact row is gone
  | 'UNLOGGED' // a fact row has no commitment: inserted outside the application
  | 'ENTRY_CORRUPT' // an entry's leaf hash does not match its commitment
  | 'UNKNOWN_TYPE' // entries of a fact type that is not registered
  | 'LEAF_GAP' // leaf indexes are not 0..n-1
  | 'NODE_MISMATCH' // a stored tree node differs from the one recomputed from the leaves
  | 'ROOT_MISMATCH' // a checkpoint's root differs from the tree rebuilt from the leaves
  | 'BAD_CHECKPOINT'; // a checkpoint whose signature or body does not verify

export interface Finding {
  kind: FindingKind;
  factType?: string;
  factId?: string;
  leafIndex?: number;
  treeSize?: number;
  detail?: string;
}
