import { createHash, generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  addSignature,
  checkpointBody,
  keyHash,
  NoteError,
  NoteErrorCode,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  privateKeyFromSeed,
  publicKeyFromRaw,
  rawPublicKey,
  signerKey,
  signNote,
  verifierKey,
} from './signed-note';

// ---------------------------------------------------------------------------------------------------------
// Vectors from golang.org/x/mod/sumdb/note note_test.go (TestNewVerifier, TestNewSigner, TestSign, TestOpen).

const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

// The example checkpoint body of c2sp.org/tlog-checkpoint.
const SPEC_CHECKPOINT =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const peter = parseVerifierKey(PETER_VKEY);
const enoch = parseVerifierKey(ENOCH_VKEY);

function newKey(): { privateKey: KeyObject; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: rawPublicKey(privateKey) };
}

// Runs `fn` and returns the NoteError code it threw (fails the test on any other outcome).
function noteErrorCode(fn: () => unknown): NoteErrorCode {
  try {
    fn();
  } catch (e) {
    if (e instanceof NoteError) return e.code;
    throw e;
  }
  throw new Error('expected a NoteError');
}

// Every proper substring of `s` and every single-character increment of it.
function manglings(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= s.length; i++) {
    for (let j = i + 1; j <= s.length; j++) if (i !== 0 || j !== s.length) out.push(s.slice(i, j));
  }
  for (let i = 0; i < s.length; i++)
    out.push(s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + s.slice(i + 1));
  return out;
}

const LOG = 'example.com/log';
const ROOT = createHash('sha256').update('root').digest();

describe('keys', () => {
  it('parses the x/mod verifier key and recomputes its key hash', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyHash.toString('hex')).toBe('c74f20a3');
    expect(peter.publicKey).toHaveLength(32);
    expect(keyHash('PeterNeumann', peter.publicKey).toString('hex')).toBe('c74f20a3');
    expect(verifierKey(peter.name, peter.publicKey)).toBe(PETER_VKEY);
    expect(verifierKey(enoch.name, enoch.publicKey)).toBe(ENOCH_VKEY);
  });

  it('key hash is SHA-256(name || 0x0A || 0x01 || key)[:4]', () => {
    const pub = Buffer.alloc(32, 7);
    const want = createHash('sha256')
      .update(Buffer.concat([Buffer.from('a.example/k\n'), Buffer.from([1]), pub]))
      .digest()
      .subarray(0, 4);
    expect(keyHash('a.example/k', pub)).toEqual(want);
  });

  it('parses the x/mod signer key: same key hash and public key as the verifier key', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyHash.toString('hex')).toBe('c74f20a3');
    expect(signer.publicKey).toEqual(peter.publicKey);
    const seed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
    expect(signerKey('PeterNeumann', seed)).toBe(PETER_SKEY);
  });

  it('rejects every substring and single-character change of the verifier key', () => {
    const accepted = manglings(PETER_VKEY).filter((k) => {
      try {
        parseVerifierKey(k);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('rejects every substring and single-character change of the signer key', () => {
    const accepted = manglings(PETER_SKEY).filter((k) => {
      try {
        parseSignerKey(k);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('rejects a wrong-length key and an unknown algorithm even with a matching key hash (x/mod cases)', () => {
    expect(
      noteErrorCode(() =>
        parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ),
    ).toBe('malformed');
    expect(
      noteErrorCode(() =>
        parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      ),
    ).toBe('malformed');
  });

  it('converts between raw bytes and KeyObjects', () => {
    const { privateKey, publicKey } = newKey();
    expect(rawPublicKey(publicKeyFromRaw(publicKey))).toEqual(publicKey);
    const seed = Buffer.alloc(32, 9);
    const fromSeed = privateKeyFromSeed(seed);
    expect(fromSeed.asymmetricKeyType).toBe('ed25519');
    expect(rawPublicKey(fromSeed)).toEqual(rawPublicKey(privateKeyFromSeed(Buffer.alloc(32, 9))));
    expect(rawPublicKey(privateKey)).toEqual(publicKey);
    expect(() => publicKeyFromRaw(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => privateKeyFromSeed(Buffer.alloc(33))).toThrow(RangeError);
    expect(() => rawPublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toThrow(
      TypeError,
    );
  });

  it('refuses key names that are empty or contain spaces or plus signs', () => {
    const { publicKey } = newKey();
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b', 'a\tb']) {
      expect(() => verifierKey(name, publicKey)).toThrow(RangeError);
    }
  });
});

describe('signing and opening notes', () => {
  it('reproduces the x/mod signed note byte for byte (Ed25519 is deterministic)', () => {
    const { privateKey } = parseSignerKey(PETER_SKEY);
    expect(signNote(TEXT, 'PeterNeumann', privateKey)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens the x/mod cosigned note, ignoring the signature of a key it does not know', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(openNote(note, [peter])).toEqual({ body: TEXT, verifiedBy: ['PeterNeumann'] });
    expect(openNote(note, [enoch, peter])).toEqual({ body: TEXT, verifiedBy: ['PeterNeumann', 'EnochRoot'] });
  });

  it('refuses a note none of whose signatures is by a known key', () => {
    expect(noteErrorCode(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('unverified');
    // Same name, other key: an unknown key, so ignored, so nothing verifies.
    const impostor = { name: 'PeterNeumann', publicKey: enoch.publicKey };
    expect(noteErrorCode(() => openNote(`${TEXT}\n${PETER_SIG}`, [impostor]))).toBe('unverified');
  });

  it('throws on a bad signature from a known key (x/mod case)', () => {
    const note = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(noteErrorCode(() => openNote(note, [peter]))).toBe('invalid-signature');
    // Key hash c74f20a3 followed by a single signature byte: well-formed, but not an Ed25519 signature.
    expect(noteErrorCode(() => openNote(`${TEXT}\n— PeterNeumann x08go/Y=\n`, [peter]))).toBe(
      'invalid-signature',
    );
  });

  it('checks repeated signatures once and ignores bad ones from unknown keys (x/mod case)', () => {
    const badEnoch = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const note = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${badEnoch}`;
    expect(openNote(note, [peter])).toEqual({ body: TEXT, verifiedBy: ['PeterNeumann'] });
  });

  it.each([
    ['text only', TEXT],
    ['no signature after the blank line', `${TEXT}\n`],
    ['signature without final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['control character', `\u0001${TEXT}\n${PETER_SIG}`],
    ['lone surrogate (not UTF-8)', `\ud800${TEXT}\n${PETER_SIG}`],
    ['name with a space', `${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'Bad Name')}`],
    ['trailing non-signature line', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['missing blank line', `${TEXT}${PETER_SIG}`],
    ['signature of only a key hash', `${TEXT}\n— PeterNeumann x08gow==\n`],
    ['signature not canonical base64', `${TEXT}\n${PETER_SIG.replace('AM=', 'AM')}`],
    ['101 signatures', `${TEXT}\n${PETER_SIG.repeat(101)}`],
  ])('rejects a malformed note: %s', (_, note) => {
    expect(noteErrorCode(() => openNote(note, [peter]))).toBe('malformed');
  });

  it('round-trips a signed checkpoint with a generated key', () => {
    const { privateKey, publicKey } = newKey();
    const note = signNote(checkpointBody(LOG, 42, ROOT), LOG, privateKey);
    const verifier = parseVerifierKey(verifierKey(LOG, publicKey));
    const opened = openNote(note, [verifier]);
    expect(opened.verifiedBy).toEqual([LOG]);
    expect(parseCheckpoint(opened.body)).toEqual({
      origin: LOG,
      treeSize: 42,
      rootHash: ROOT,
      extensions: [],
    });
    expect(note.split('\n').slice(-3)).toEqual([
      '',
      expect.stringMatching(/^— example\.com\/log [A-Za-z0-9+/]{91}=$/),
      '',
    ]);
  });

  it('keeps blank lines inside the note text', () => {
    const { privateKey, publicKey } = newKey();
    const body = 'first\n\nsecond\n\n';
    expect(openNote(signNote(body, 'k', privateKey), [{ name: 'k', publicKey }]).body).toBe(body);
  });

  it('fails for a tampered body, a tampered signature and the wrong key', () => {
    const { privateKey, publicKey } = newKey();
    const note = signNote(checkpointBody(LOG, 42, ROOT), LOG, privateKey);
    const v = [{ name: LOG, publicKey }];
    expect(noteErrorCode(() => openNote(note.replace('\n42\n', '\n43\n'), v))).toBe('invalid-signature');

    const sigLine = note.split('\n').slice(-2)[0];
    const raw = Buffer.from(sigLine.split(' ')[2], 'base64');
    raw[raw.length - 1] ^= 0x01;
    const tampered = note.replace(sigLine, `— ${LOG} ${raw.toString('base64')}`);
    expect(noteErrorCode(() => openNote(tampered, v))).toBe('invalid-signature');

    expect(noteErrorCode(() => openNote(note, [{ name: LOG, publicKey: newKey().publicKey }]))).toBe(
      'unverified',
    );
    expect(noteErrorCode(() => openNote(note, [{ name: 'other.example/log', publicKey }]))).toBe(
      'unverified',
    );
  });

  it('refuses to sign text without a final newline, with control characters, or with a non-Ed25519 key', () => {
    const { privateKey } = newKey();
    expect(() => signNote('no newline', LOG, privateKey)).toThrow(RangeError);
    expect(() => signNote('tab\there\n', LOG, privateKey)).toThrow(RangeError);
    expect(() => signNote('ok\n', 'bad name', privateKey)).toThrow(RangeError);
    expect(() =>
      signNote('ok\n', LOG, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    ).toThrow(TypeError);
    expect(() => signNote('ok\n', LOG, publicKeyFromRaw(rawPublicKey(privateKey)))).toThrow(TypeError);
  });
});

describe('cosigning', () => {
  const log = newKey();
  const witness = newKey();
  const logV = { name: LOG, publicKey: log.publicKey };
  const witnessV = { name: 'witness.example/w1', publicKey: witness.publicKey };
  const note = signNote(checkpointBody(LOG, 7, ROOT), LOG, log.privateKey);

  it('adds a second signature that verifies alongside the first', () => {
    const cosigned = addSignature(note, witnessV.name, witness.privateKey);
    expect(cosigned.startsWith(note)).toBe(true);
    expect(openNote(cosigned, [logV, witnessV]).verifiedBy).toEqual([LOG, witnessV.name]);
    expect(openNote(cosigned, [witnessV]).verifiedBy).toEqual([witnessV.name]);
    expect(openNote(cosigned, [logV]).verifiedBy).toEqual([LOG]);
  });

  it('replaces rather than duplicates a signature by the same key', () => {
    const once = addSignature(note, witnessV.name, witness.privateKey);
    expect(addSignature(once, witnessV.name, witness.privateKey)).toBe(once);
    expect(addSignature(note, LOG, log.privateKey)).toBe(note);
  });

  it('refuses to cosign a malformed note', () => {
    expect(
      noteErrorCode(() => addSignature(checkpointBody(LOG, 7, ROOT), witnessV.name, witness.privateKey)),
    ).toBe('malformed');
  });
});

describe('checkpoints', () => {
  it('formats and parses the c2sp.org/tlog-checkpoint example', () => {
    const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
    expect(checkpointBody('example.com/behind-the-sofa', 20852163, root)).toBe(SPEC_CHECKPOINT);
    expect(parseCheckpoint(SPEC_CHECKPOINT)).toEqual({
      origin: 'example.com/behind-the-sofa',
      treeSize: 20852163,
      rootHash: root,
      extensions: [],
    });
  });

  it('parses extension lines and the empty tree', () => {
    const body = `${checkpointBody(LOG, 0, ROOT)}ext one\next two\n`;
    expect(parseCheckpoint(body)).toEqual({
      origin: LOG,
      treeSize: 0,
      rootHash: ROOT,
      extensions: ['ext one', 'ext two'],
    });
  });

  it('handles tree sizes up to 2^53 − 1 exactly', () => {
    const body = checkpointBody(LOG, Number.MAX_SAFE_INTEGER, ROOT);
    expect(body.split('\n')[1]).toBe('9007199254740991');
    expect(parseCheckpoint(body).treeSize).toBe(Number.MAX_SAFE_INTEGER);
  });

  const root64 = ROOT.toString('base64');
  it.each([
    ['non-decimal size', `${LOG}\n12a\n${root64}\n`],
    ['hex size', `${LOG}\n0x10\n${root64}\n`],
    ['negative size', `${LOG}\n-1\n${root64}\n`],
    ['leading zero', `${LOG}\n012\n${root64}\n`],
    ['exponent', `${LOG}\n1e3\n${root64}\n`],
    ['size beyond 2^53 − 1', `${LOG}\n9007199254740992\n${root64}\n`],
    ['bad base64', `${LOG}\n5\n${root64.replace('=', '!')}\n`],
    ['unpadded base64', `${LOG}\n5\n${root64.replace('=', '')}\n`],
    ['31-byte root', `${LOG}\n5\n${ROOT.subarray(1).toString('base64')}\n`],
    ['33-byte root', `${LOG}\n5\n${Buffer.concat([ROOT, Buffer.from([0])]).toString('base64')}\n`],
    ['missing final newline', `${LOG}\n5\n${root64}`],
    ['missing root line', `${LOG}\n5\n`],
    ['empty origin', `\n5\n${root64}\n`],
    ['empty extension line', `${LOG}\n5\n${root64}\n\next\n`],
    ['control character', `${LOG}\r\n5\n${root64}\n`],
  ])('rejects %s', (_, body) => {
    expect(noteErrorCode(() => parseCheckpoint(body))).toBe('malformed');
  });

  it('refuses to format invalid checkpoints', () => {
    expect(() => checkpointBody('', 1, ROOT)).toThrow(RangeError);
    expect(() => checkpointBody('a\nb', 1, ROOT)).toThrow(RangeError);
    expect(() => checkpointBody(LOG, -1, ROOT)).toThrow(RangeError);
    expect(() => checkpointBody(LOG, 1.5, ROOT)).toThrow(RangeError);
    expect(() => checkpointBody(LOG, 2 ** 53, ROOT)).toThrow(RangeError);
    expect(() => checkpointBody(LOG, 1, ROOT.subarray(1))).toThrow(RangeError);
  });
});
