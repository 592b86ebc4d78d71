import { createHash, type KeyObject, verify } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { publicKeyFromRaw } from '../signing/ed25519';
import { bytesToDigits, digitsToBytes } from './qr-digits';
import { qrInvalid } from './qr-errors';
import { ByteReader, ByteWriter, dayNumber, dayToDate, typeCode, typeOfCode } from './qr-fields';

// The signed diploma QR payload, format version 1. The byte layout, the limits and the verification
// procedure are specified in docs/QR-FORMAT.md; change both together, and never incompatibly.

export const QR_FORMAT_VERSION = 1;

/** Domain separation: what an issuer key signs for a QR can never be taken for anything else it signs. */
export const QR_SIGNING_CONTEXT = Buffer.from('VBCC-QR\0', 'latin1');

export const SIGNATURE_BYTES = 64;
export const KEY_ID_BYTES = 4;

/**
 * Largest header length of each text field: characters when packed, UTF-8 bytes otherwise. Never narrower
 * than what the registry accepts (organisation codes and blank serials: 40; register entry numbers: 60
 * characters), up to the 127 the header holds.
 */
export const QR_TEXT_LIMITS = {
  issuerOrgCode: 40,
  serialNumber: 40,
  registerEntryNumber: 127,
  fullName: 127,
};

/** The registry's organisation code rule (ORG_CODE_PATTERN in src/orgs/dto/organisation.dto.ts). */
const ISSUER_CODE_RE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
const KEY_ID_RE = /^[0-9a-f]{8}$/;

export interface QrFields {
  credentialType: string;
  /** `null` for a digital-only credential (NUM-10). */
  serialNumber: string | null;
  registerEntryNumber: string;
  fullName: string;
  dateOfBirth: string;
  issuerOrgCode: string;
  issuedOn: string;
  signedOn: string;
}

export interface SignedQrPayload {
  fields: QrFields;
  /** 8 lowercase hex characters: the first 4 bytes of SHA-256 of the raw public key. */
  keyId: string;
  signature: Buffer;
  /** Exactly the bytes that were signed: the context prefix and every payload byte before the signature. */
  signedMessage: Buffer;
}

/** The trust-list key id of a raw 32-byte Ed25519 public key. */
export function keyIdOf(publicKeyRaw: Buffer): string {
  if (publicKeyRaw.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  return createHash('sha256').update(publicKeyRaw).digest().subarray(0, KEY_ID_BYTES).toString('hex');
}

/** The payload bytes before the signature. Throws AppError QR_PAYLOAD_INVALID for unencodable fields. */
function payloadBody(fields: QrFields, keyId: string): Buffer {
  if (!KEY_ID_RE.test(keyId)) throw qrInvalid('field', 'QR payload: keyId must be 8 lowercase hex', 'keyId');
  if (!ISSUER_CODE_RE.test(fields.issuerOrgCode)) {
    throw qrInvalid('field', 'QR payload: issuerOrgCode is not an organisation code', 'issuerOrgCode');
  }
  const born = dayNumber(fields.dateOfBirth, 'dateOfBirth');
  const issued = dayNumber(fields.issuedOn, 'issuedOn');
  if (born > issued) throw qrInvalid('date', 'QR payload: dateOfBirth is after issuedOn', 'dateOfBirth');
  const w = new ByteWriter();
  w.byte(QR_FORMAT_VERSION);
  w.byte(typeCode(fields.credentialType));
  w.bytes(Buffer.from(keyId, 'hex'));
  w.uint16(issued);
  w.uint16(dayNumber(fields.signedOn, 'signedOn'));
  w.uint16(born);
  w.text(fields.issuerOrgCode, 'issuerOrgCode', QR_TEXT_LIMITS.issuerOrgCode);
  w.text(fields.serialNumber, 'serialNumber', QR_TEXT_LIMITS.serialNumber, true); // NUM-10: null when digital-only
  w.text(fields.registerEntryNumber, 'registerEntryNumber', QR_TEXT_LIMITS.registerEntryNumber);
  w.text(fields.fullName, 'fullName', QR_TEXT_LIMITS.fullName);
  return w.toBuffer();
}

/** What the issuer key signs for these fields: the context prefix, then the payload bytes. */
export function qrSigningMessage(fields: QrFields, keyId: string): Buffer {
  return Buffer.concat([QR_SIGNING_CONTEXT, payloadBody(fields, keyId)]);
}

/**
 * The payload as QR numeric-mode text (the URL fragment). `sign` keeps the private key with the caller:
 * `(m) => crypto.sign(null, m, privateKey)`.
 */
export function encodeQrPayload(fields: QrFields, keyId: string, sign: (message: Buffer) => Buffer): string {
  const message = qrSigningMessage(fields, keyId);
  const signature = sign(message);
  if (signature.length !== SIGNATURE_BYTES) throw new Error('sign must return a 64-byte Ed25519 signature');
  return bytesToDigits(Buffer.concat([message.subarray(QR_SIGNING_CONTEXT.length), signature]));
}

/** Parses and checks the form of a payload (not its signature). Throws AppError QR_PAYLOAD_INVALID. */
export function decodeQrPayload(text: string): SignedQrPayload {
  const bytes = digitsToBytes(text);
  const r = new ByteReader(bytes);
  const version = r.byte('version');
  if (version !== QR_FORMAT_VERSION)
    throw qrInvalid('version', `QR payload: unknown format version ${version}`);
  const credentialType = typeOfCode(r.byte('credentialType'));
  const keyId = r.take(KEY_ID_BYTES, 'keyId').toString('hex');
  const issuedOn = dayToDate(r.uint16('issuedOn'));
  const signedOn = dayToDate(r.uint16('signedOn'));
  const dateOfBirth = dayToDate(r.uint16('dateOfBirth'));
  const fields: QrFields = {
    credentialType,
    serialNumber: null,
    registerEntryNumber: '',
    fullName: '',
    dateOfBirth,
    issuerOrgCode: required(r.text('issuerOrgCode', QR_TEXT_LIMITS.issuerOrgCode), 'issuerOrgCode'),
    issuedOn,
    signedOn,
  };
  fields.serialNumber = r.text('serialNumber', QR_TEXT_LIMITS.serialNumber);
  fields.registerEntryNumber = required(
    r.text('registerEntryNumber', QR_TEXT_LIMITS.registerEntryNumber),
    'registerEntryNumber',
  );
  fields.fullName = required(r.text('fullName', QR_TEXT_LIMITS.fullName), 'fullName');
  const body = bytes.subarray(0, r.offset);
  const signature = Buffer.from(r.take(SIGNATURE_BYTES, 'signature'));
  if (r.remaining > 0) throw qrInvalid('trailing', `QR payload: ${r.remaining} bytes after the signature`);
  // One encoding per record: anything else (a packable text sent as UTF-8, say) is not what an issuer made.
  if (!payloadBody(fields, keyId).equals(body)) {
    throw qrInvalid('noncanonical', 'QR payload: not the canonical encoding of its fields');
  }
  return { fields, keyId, signature, signedMessage: Buffer.concat([QR_SIGNING_CONTEXT, body]) };
}

function required(value: string | null, field: string): string {
  if (value === null) throw qrInvalid('length', `QR payload: ${field} is missing`, field);
  return value;
}

/**
 * True when the signature over these fields verifies with the raw 32-byte key and the key id matches it.
 * Whether the key may sign for the issuer on signedOn is the trust list's question (docs/QR-FORMAT.md).
 */
export function verifyQrPayload(p: SignedQrPayload, publicKeyRaw: Buffer): boolean {
  if (publicKeyRaw.length !== 32 || p.signature.length !== SIGNATURE_BYTES) return false;
  if (keyIdOf(publicKeyRaw) !== p.keyId) return false;
  let message: Buffer;
  try {
    message = qrSigningMessage(p.fields, p.keyId);
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
  // Verify what the fields say, so a hand-built SignedQrPayload cannot pair fields with another message.
  if (!message.equals(p.signedMessage)) return false;
  try {
    return verify(null, message, publicKeyObject(publicKeyRaw), p.signature);
  } catch {
    return false;
  }
}

// Importing a raw key costs about as much as the verification itself; there are few issuer keys.
const KEY_OBJECTS = new Map<string, KeyObject>();
const KEY_OBJECTS_MAX = 512;

function publicKeyObject(raw: Buffer): KeyObject {
  const hex = raw.toString('hex');
  let key = KEY_OBJECTS.get(hex);
  if (key === undefined) {
    if (KEY_OBJECTS.size >= KEY_OBJECTS_MAX) KEY_OBJECTS.clear();
    key = publicKeyFromRaw(raw);
    KEY_OBJECTS.set(hex, key);
  }
  return key;
}
