// The signed trust list (docs/TRUST-LIST.md) and steps 3–6 of "Verifying a payload" in docs/QR-FORMAT.md.
// No DOM here: the page passes in how to fetch and where to cache.

import { canonicalJson } from './jcs.js';
import { base64ToBytes, ed25519Verify, keyIdOf, utf8, type VerifyOutcome } from './ed25519.js';
import type { DecodedQr } from './qr-decode.js';

export interface TrustListKey {
  keyId: string;
  ownerOrgCode: string;
  algorithm: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  validFrom: string;
  validTo: string | null;
  compromisedFrom: string | null;
  coversSubtree: boolean;
}

export interface TrustListIssuer {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  parentCode: string | null;
  dissolvedOn: string | null;
  keyIds: string[];
}

export interface TrustList {
  format: string;
  version: number;
  publisher: string;
  issuedAt: string;
  root: { keyId: string; algorithm: string; publicKey: string };
  keys: TrustListKey[];
  issuers: TrustListIssuer[];
}

/** Why a trust list is not usable: malformed, not under the pinned root key, a bad signature, or a
 * browser without Ed25519. */
export type TrustListFailure = 'format' | 'rootKey' | 'signature' | 'unsupported';

export type TrustListVerification = { ok: true; list: TrustList } | { ok: false; reason: TrustListFailure };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isDate = (v: unknown): v is string => isString(v) && DATE.test(v);
const isDateOrNull = (v: unknown): boolean => v === null || isDate(v);

function isKey(k: unknown): k is TrustListKey {
  return (
    isObject(k) &&
    isString(k.keyId) &&
    isString(k.ownerOrgCode) &&
    isString(k.algorithm) &&
    isString(k.publicKey) &&
    isDate(k.validFrom) &&
    isDateOrNull(k.validTo) &&
    isDateOrNull(k.compromisedFrom)
  );
}

function isIssuer(i: unknown): i is TrustListIssuer {
  return (
    isObject(i) &&
    isString(i.code) &&
    isString(i.nameVi) &&
    isString(i.nameEn) &&
    Array.isArray(i.keyIds) &&
    i.keyIds.every(isString)
  );
}

function isTrustList(t: Record<string, unknown>): t is Record<string, unknown> & TrustList {
  return (
    t.format === 'vbcc-trust-list' &&
    t.version === 1 &&
    isObject(t.root) &&
    Array.isArray(t.keys) &&
    t.keys.every(isKey) &&
    Array.isArray(t.issuers) &&
    t.issuers.every(isIssuer)
  );
}

/**
 * Verifies the trust list JSON text: `trustList.root.publicKey` is the pinned root key, and
 * `signature.value` is its Ed25519 signature over the RFC 8785 form of `trustList` (UTF-8).
 */
export async function verifyTrustListText(
  text: string,
  pinnedRootKey: string,
): Promise<TrustListVerification> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'format' };
  }
  if (!isObject(doc) || !isObject(doc.trustList) || !isObject(doc.signature))
    return { ok: false, reason: 'format' };
  const t = doc.trustList;
  const signature = isString(doc.signature.value) ? base64ToBytes(doc.signature.value) : null;
  if (signature === null) return { ok: false, reason: 'format' };
  const root = base64ToBytes(pinnedRootKey);
  if (root === null || root.length !== 32 || !isObject(t.root) || t.root.publicKey !== pinnedRootKey) {
    return { ok: false, reason: 'rootKey' };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(t);
  } catch {
    return { ok: false, reason: 'format' }; // a number JCS would write differently from us: not ours
  }
  const outcome = await ed25519Verify(root, utf8(canonical), signature);
  if (outcome !== 'valid')
    return { ok: false, reason: outcome === 'unsupported' ? 'unsupported' : 'signature' };
  // Signed by the root, but this verifier still reads only what it understands.
  if (!isTrustList(t)) return { ok: false, reason: 'format' };
  return { ok: true, list: t };
}

/** The part of localStorage the cache uses (a plain object in tests). */
export interface TextStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const TRUST_LIST_CACHE_KEY = 'vbcc.trustList';

export type TrustListLoad =
  | { ok: true; list: TrustList; source: 'network' }
  /** The network copy could not be had ('network') or did not verify; a saved copy did. */
  | {
      ok: true;
      list: TrustList;
      source: 'cache';
      savedAt: string;
      networkFailure: 'network' | TrustListFailure;
    }
  | { ok: false; reason: 'unavailable' | TrustListFailure };

interface CachedTrustList {
  savedAt: string;
  text: string;
}

function readCache(store: TextStore | null): CachedTrustList | null {
  try {
    const raw = store?.getItem(TRUST_LIST_CACHE_KEY);
    if (!raw) return null;
    const c: unknown = JSON.parse(raw);
    return isObject(c) && isString(c.savedAt) && isString(c.text)
      ? { savedAt: c.savedAt, text: c.text }
      : null;
  } catch {
    return null; // storage disabled or the entry is garbage: as if there were none
  }
}

function writeCache(store: TextStore | null, entry: CachedTrustList): void {
  try {
    store?.setItem(TRUST_LIST_CACHE_KEY, JSON.stringify(entry));
  } catch {
    // quota or private mode: the cache is an optimisation only
  }
}

/**
 * Network first: a list that verifies is used and saved (raw text and fetch time). When the network
 * fails, or its copy does not verify, a saved copy is verified again and used instead.
 * `fetchText` rejects on a network error or a non-2xx answer.
 */
export async function loadTrustList(opts: {
  fetchText: () => Promise<string>;
  rootKey: string;
  store: TextStore | null;
  now?: () => Date;
}): Promise<TrustListLoad> {
  let networkFailure: 'network' | TrustListFailure = 'network';
  let text: string | null;
  try {
    text = await opts.fetchText();
  } catch {
    text = null;
  }
  if (text !== null) {
    const v = await verifyTrustListText(text, opts.rootKey);
    if (v.ok) {
      writeCache(opts.store, { savedAt: (opts.now?.() ?? new Date()).toISOString(), text });
      return { ok: true, list: v.list, source: 'network' };
    }
    if (v.reason === 'unsupported') return v;
    networkFailure = v.reason;
  }
  const cached = readCache(opts.store);
  if (cached !== null) {
    const v = await verifyTrustListText(cached.text, opts.rootKey);
    if (v.ok) return { ok: true, list: v.list, source: 'cache', savedAt: cached.savedAt, networkFailure };
    if (v.reason === 'unsupported') return v;
  }
  return { ok: false, reason: networkFailure === 'network' ? 'unavailable' : networkFailure };
}

export type WindowResult =
  { ok: true } | { ok: false; reason: 'notYetValid' | 'expired' | 'compromised'; date: string };

/** Step 5: validFrom ≤ signedOn, signedOn ≤ validTo when set, signedOn < compromisedFrom when set. */
export function windowCheck(key: TrustListKey, signedOn: string): WindowResult {
  if (signedOn < key.validFrom) return { ok: false, reason: 'notYetValid', date: key.validFrom };
  if (key.validTo !== null && signedOn > key.validTo)
    return { ok: false, reason: 'expired', date: key.validTo };
  if (key.compromisedFrom !== null && signedOn >= key.compromisedFrom) {
    return { ok: false, reason: 'compromised', date: key.compromisedFrom };
  }
  return { ok: true };
}

/** Step 4: the issuer entry for this code, and whether its keyIds hold the key id. */
export function issuerCheck(
  list: TrustList,
  issuerOrgCode: string,
  keyId: string,
): { issuer: TrustListIssuer | null; ok: boolean } {
  const issuer = list.issuers.find((i) => i.code === issuerOrgCode) ?? null;
  return { issuer, ok: issuer !== null && issuer.keyIds.includes(keyId) };
}

export interface KeyCandidate {
  key: TrustListKey;
  raw: Uint8Array<ArrayBuffer>;
}

/** Step 3: every listed Ed25519 key with this key id whose raw bytes really hash to it. */
export async function matchingKeys(list: TrustList, keyId: string): Promise<KeyCandidate[]> {
  const out: KeyCandidate[] = [];
  for (const key of list.keys) {
    if (key.keyId !== keyId || key.algorithm !== 'Ed25519') continue;
    const raw = base64ToBytes(key.publicKey);
    if (raw !== null && raw.length === 32 && (await keyIdOf(raw)) === keyId) out.push({ key, raw });
  }
  return out;
}

export interface PayloadTrust {
  /** The trust list's entry for the payload's issuerOrgCode (for its names), if any. */
  issuer: TrustListIssuer | null;
  /** Step 3: a listed key with this key id hashes to it. */
  keyFound: boolean;
  /** Step 4: the issuer lists the key id. */
  issuerAllows: boolean;
  /** Step 5 for the key that signed (or the first candidate when none verifies); null without a key. */
  window: WindowResult | null;
  /** Step 6; null without a key. */
  signature: VerifyOutcome | null;
  /** Every step passed. */
  valid: boolean;
}

/** Steps 3–6 for a decoded payload against a verified trust list. */
export async function checkPayload(qr: DecodedQr, list: TrustList): Promise<PayloadTrust> {
  const { issuer, ok: issuerAllows } = issuerCheck(list, qr.fields.issuerOrgCode, qr.keyId);
  const candidates = await matchingKeys(list, qr.keyId);
  let chosen: KeyCandidate | null = null;
  let signature: VerifyOutcome | null = null;
  // 4 bytes of key id can collide: the key that verifies is the one that signed.
  for (const c of candidates) {
    const outcome = await ed25519Verify(c.raw, qr.message, qr.signature);
    if (chosen === null || outcome === 'valid') {
      chosen = c;
      signature = outcome;
    }
    if (outcome !== 'invalid') break; // the signer found, or no Ed25519 in this browser
  }
  const window = chosen ? windowCheck(chosen.key, qr.fields.signedOn) : null;
  return {
    issuer,
    keyFound: candidates.length > 0,
    issuerAllows,
    window,
    signature,
    valid: issuerAllows && window?.ok === true && signature === 'valid',
  };
}
