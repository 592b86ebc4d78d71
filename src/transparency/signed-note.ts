import { createHash, KeyObject, sign, verify } from 'node:crypto';
import { privateKeyFromSeed, publicKeyFromRaw, rawPublicKey } from '../signing/ed25519';

export { privateKeyFromSeed, publicKeyFromRaw, rawPublicKey };

// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures, and transparency-log
// checkpoints (https://c2sp.org/tlog-checkpoint), compatible with golang.org/x/mod/sumdb/note.

/** The parts of a checkpoint body. */
export type Checkpoint = { origin: string; treeSize: number; rootHash: Buffer; extensions: string[] };

/** A trusted Ed25519 note key: its name and raw 32-byte public key. */
export type NoteVerifier = { name: string; publicKey: Buffer };

/** A parsed verifier key string. */
export type ParsedVerifierKey = NoteVerifier & { keyHash: Buffer };

/** A parsed signer key string. */
export type ParsedSignerKey = ParsedVerifierKey & { privateKey: KeyObject };

/** Why a note or key was refused. */
export type NoteErrorCode = 'malformed' | 'invalid-signature' | 'unverified';

/** Thrown for malformed notes, checkpoints and keys, bad signatures by known keys, and unverified notes. */
export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** Signature type byte for Ed25519 in key hashes and key strings. */
export const ED25519_TYPE = 0x01;

const SIG_PREFIX = '\u2014 '; // em dash, space
const MAX_SIGNATURES = 100; // the spec requires at least 16; x/mod/sumdb/note stops at 100
const ROOT_HASH_SIZE = 32;
const ED25519_KEY_SIZE = 32;
const ED25519_SIG_SIZE = 64;
const KEY_HASH_SIZE = 4;

/** The checkpoint note text: origin, decimal tree size and base64 root hash, one per line. */
export function checkpointBody(origin: string, treeSize: number, rootHash: Buffer): string {
  if (origin === '' || origin.includes('\n') || !isCleanText(origin)) {
    throw new RangeError('checkpoint origin must be a non-empty single line of text');
  }
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new RangeError(`tree size must be a non-negative safe integer, got ${treeSize}`);
  }
  if (rootHash.length !== ROOT_HASH_SIZE) throw new RangeError(`root hash must be ${ROOT_HASH_SIZE} bytes`);
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

/** Parses checkpoint note text (the body of an opened note); throws {@link NoteError} if malformed. */
export function parseCheckpoint(body: string): Checkpoint {
  if (!isCleanText(body) || !body.endsWith('\n'))
    throw malformed('checkpoint must be text ending in a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('checkpoint needs origin, tree size and root hash lines');
  if (lines.some((line) => line === '')) throw malformed('checkpoint lines must be non-empty');
  const [origin, size, root, ...extensions] = lines;
  // Decimal without leading zeros; larger than 2^53 − 1 cannot be held exactly, so it is refused.
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw malformed(`bad checkpoint tree size ${JSON.stringify(size)}`);
  }
  const rootHash = decodeBase64(root);
  if (!rootHash || rootHash.length !== ROOT_HASH_SIZE) throw malformed('bad checkpoint root hash');
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/** Key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || Ed25519 public key). */
export function keyHash(name: string, publicKey: Buffer): Buffer {
  assertKeyBytes(publicKey, 'public key');
  return createHash('sha256')
    .update(`${name}\n`, 'utf8')
    .update(Buffer.from([ED25519_TYPE]))
    .update(publicKey)
    .digest()
    .subarray(0, KEY_HASH_SIZE);
}

/** Verifier key string `<name>+<8 hex key hash>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKey: Buffer): string {
  assertName(name);
  return `${name}+${keyHash(name, publicKey).toString('hex')}+${typedKey(publicKey)}`;
}

/** Parses a verifier key string, checking its key hash; throws {@link NoteError} if malformed. */
export function parseVerifierKey(s: string): ParsedVerifierKey {
  const [name, hashHex, key64] = splitKeyString(s, 3);
  const publicKey = decodeTypedKey(key64);
  return { name, keyHash: checkedKeyHash(name, hashHex, publicKey), publicKey };
}

/** Signer key string `PRIVATE+KEY+<name>+<8 hex key hash>+<base64(0x01 || 32-byte seed)>`. */
export function signerKey(name: string, seed: Buffer): string {
  assertName(name);
  const publicKey = rawPublicKey(privateKeyFromSeed(seed));
  return `PRIVATE+KEY+${name}+${keyHash(name, publicKey).toString('hex')}+${typedKey(seed)}`;
}

/** Parses a signer key string, checking its key hash against the derived public key. */
export function parseSignerKey(s: string): ParsedSignerKey {
  const [private1, private2, name, hashHex, key64] = splitKeyString(s, 5);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY')
    throw malformed('signer key must start with PRIVATE+KEY+');
  const privateKey = privateKeyFromSeed(decodeTypedKey(key64));
  const publicKey = rawPublicKey(privateKey);
  return { name, keyHash: checkedKeyHash(name, hashHex, publicKey), publicKey, privateKey };
}

/** Signs note text (ending in a newline) and returns the whole note: text, blank line, signature line. */
export function signNote(body: string, name: string, privateKey: KeyObject): string {
  assertBody(body);
  return `${body}\n${signatureLine(body, name, privateKey)}`;
}

/**
 * Adds a cosignature to a note, replacing an earlier signature by the same key. Existing signatures are
 * not checked: open the note with the keys you trust before cosigning it.
 */
export function addSignature(note: string, name: string, privateKey: KeyObject): string {
  const { body, signatures } = splitNote(note);
  const line = signatureLine(body, name, privateKey);
  const hash = keyHash(name, rawPublicKey(privateKey));
  const kept = signatures.filter((sig) => sig.name !== name || !sig.keyHash.equals(hash));
  if (kept.length + 1 > MAX_SIGNATURES) throw malformed('too many signatures');
  return `${body}\n${kept.map((sig) => sig.line).join('')}${line}`;
}

/**
 * Verifies a note against trusted keys and returns its text and the names of the keys that signed it, in
 * signature order. Signatures by unknown keys (name and key hash not both matching) are ignored; a bad
 * signature by a known key, or no verified signature at all, throws {@link NoteError}, as the spec requires.
 */
export function openNote(note: string, verifiers: NoteVerifier[]): { body: string; verifiedBy: string[] } {
  const known = verifiers.map((v) => ({ ...v, hash: keyHash(v.name, v.publicKey) }));
  const { body, signatures } = splitNote(note);
  const data = Buffer.from(body, 'utf8');
  const verifiedBy: string[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const matches = known.filter((v) => v.name === sig.name && v.hash.equals(sig.keyHash));
    const id = `${sig.name}+${sig.keyHash.toString('hex')}`;
    if (matches.length === 0 || seen.has(id)) continue; // unknown key, or a repeat of one already checked
    seen.add(id);
    const ok =
      sig.signature.length === ED25519_SIG_SIZE &&
      matches.some((v) => verify(null, data, publicKeyFromRaw(v.publicKey), sig.signature));
    if (!ok) throw new NoteError('invalid-signature', `invalid signature for key ${id}`);
    verifiedBy.push(sig.name);
  }
  if (verifiedBy.length === 0) throw new NoteError('unverified', 'note has no verifiable signatures');
  return { body, verifiedBy };
}

type NoteSignature = { name: string; keyHash: Buffer; signature: Buffer; line: string };

// Splits a note at its last blank line and parses the signature lines, without verifying them.
function splitNote(note: string): { body: string; signatures: NoteSignature[] } {
  if (!isCleanText(note)) throw malformed('note must be UTF-8 text without control characters');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note has no blank line before its signatures');
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw malformed('note signatures must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed('too many signatures');
  const signatures = lines.map((text): NoteSignature => {
    if (!text.startsWith(SIG_PREFIX))
      throw malformed('signature line must start with an em dash and a space');
    const rest = text.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const raw = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (!isValidName(name) || !raw || raw.length <= KEY_HASH_SIZE) throw malformed('bad signature line');
    return {
      name,
      keyHash: raw.subarray(0, KEY_HASH_SIZE),
      signature: raw.subarray(KEY_HASH_SIZE),
      line: `${text}\n`,
    };
  });
  return { body, signatures };
}

function signatureLine(body: string, name: string, privateKey: KeyObject): string {
  assertName(name);
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new TypeError('signing needs an Ed25519 private key');
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const hash = keyHash(name, rawPublicKey(privateKey));
  return `${SIG_PREFIX}${name} ${Buffer.concat([hash, signature]).toString('base64')}\n`;
}

// Splits `a+b+…+rest` into `parts` fields; the last keeps any further '+' (base64 uses it).
function splitKeyString(s: string, parts: number): string[] {
  const fields: string[] = [];
  let rest = s;
  for (let i = 1; i < parts; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) throw malformed('key string has too few fields');
    fields.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  return [...fields, rest];
}

function decodeTypedKey(key64: string): Buffer {
  const typed = decodeBase64(key64);
  if (!typed || typed.length !== 1 + ED25519_KEY_SIZE || typed[0] !== ED25519_TYPE) {
    throw malformed('key must be base64 of 0x01 followed by 32 bytes');
  }
  return typed.subarray(1);
}

function checkedKeyHash(name: string, hashHex: string, publicKey: Buffer): Buffer {
  if (!isValidName(name)) throw malformed('bad key name');
  if (!/^[0-9a-fA-F]{8}$/.test(hashHex)) throw malformed('key hash must be 8 hex digits');
  const hash = keyHash(name, publicKey);
  if (!hash.equals(Buffer.from(hashHex, 'hex'))) throw malformed('key hash does not match the key');
  return hash;
}

function typedKey(key: Buffer): string {
  assertKeyBytes(key, 'key');
  return Buffer.concat([Buffer.from([ED25519_TYPE]), key]).toString('base64');
}

// Standard padded base64 only: Buffer's decoder silently skips junk, so round-trip to reject it.
function decodeBase64(s: string): Buffer | undefined {
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : undefined;
}

// Valid UTF-8 (no lone surrogates) and no control characters other than newline.
function isCleanText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
  }
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

// Non-empty, no Unicode spaces and no '+' (the spec); no control characters (the note format).
function isValidName(name: string): boolean {
  return name !== '' && !/[\s+]/u.test(name) && isCleanText(name);
}

function assertName(name: string): void {
  if (!isValidName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
}

function assertBody(body: string): void {
  if (!isCleanText(body) || !body.endsWith('\n')) {
    throw new RangeError('note text must end in a newline and contain no control characters');
  }
}

function assertKeyBytes(key: Buffer, what: string): void {
  if (key.length !== ED25519_KEY_SIZE)
    throw new RangeError(`Ed25519 ${what} must be ${ED25519_KEY_SIZE} bytes`);
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 key');
}

function malformed(message: string): NoteError {
  return new NoteError('malformed', message);
}
