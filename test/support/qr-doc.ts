import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/paths';
import { bytesToDigits } from '../../src/qr/qr-digits';
import { ByteWriter, dayNumber } from '../../src/qr/qr-fields';
import type { QrFields } from '../../src/qr/qr-payload';

/** docs/QR-FORMAT.md: the contract third parties implement; specs read its vectors and tables. */
export const QR_DOC = readFileSync(join(projectRoot(), 'docs', 'QR-FORMAT.md'), 'utf8');

export interface QrVector {
  vector: string;
  seed: string;
  publicKey: string;
  keyId: string;
  fields: QrFields;
  signingMessage: string;
  signature: string;
  payload: string;
  sizes: { payloadBytes: number; digits: number; qrVersionM: number };
}

/** The test vectors: the JSON blocks of the document that name a vector. */
export const QR_VECTORS: QrVector[] = [...QR_DOC.matchAll(/```json\n([\s\S]*?)\n```/g)]
  .map((m) => JSON.parse(m[1]) as Partial<QrVector>)
  .filter((v): v is QrVector => typeof v.vector === 'string');

// Crafted payloads for the rejection tests: valid parts, and each test breaks one thing.
export const GOOD: QrFields = {
  credentialType: 'THPT',
  serialNumber: 'BT0123456',
  registerEntryNumber: 'THPT-2026-000123',
  fullName: 'Trần Thị Bích Ngọc',
  dateOfBirth: '2008-05-01',
  issuerOrgCode: 'SGD-BTR',
  issuedOn: '2026-07-20',
  signedOn: '2026-07-21',
};
export const SIG = Buffer.alloc(64, 7);

export interface Craft {
  version?: number;
  type?: number;
  born?: number;
  issuer?: number[];
  serial?: number[];
  register?: number[];
  name?: number[];
  tail?: Buffer;
}

/** A text field as the issuer writes it (packed when it can be). */
export function canonicalText(s: string | null, limit = 127): number[] {
  const w = new ByteWriter();
  w.text(s, 'x', limit, true);
  return [...w.toBuffer()];
}

/** A text field forced into UTF-8 form (header n<<1), canonical or not. */
export function utf8Text(s: string): number[] {
  const b = Buffer.from(s, 'utf8');
  return [b.length << 1, ...b];
}

export function craft(c: Craft): string {
  const w = new ByteWriter();
  w.byte(c.version ?? 1);
  w.byte(c.type ?? 2);
  w.bytes(Buffer.from('0a0b0c0d', 'hex'));
  w.uint16(dayNumber(GOOD.issuedOn, 'issuedOn'));
  w.uint16(dayNumber(GOOD.signedOn, 'signedOn'));
  w.uint16(c.born ?? dayNumber(GOOD.dateOfBirth, 'dateOfBirth'));
  const parts = [
    c.issuer ?? canonicalText(GOOD.issuerOrgCode),
    c.serial ?? canonicalText(GOOD.serialNumber),
    c.register ?? canonicalText(GOOD.registerEntryNumber),
    c.name ?? canonicalText(GOOD.fullName),
  ];
  for (const p of parts) w.bytes(Buffer.from(p));
  return bytesToDigits(Buffer.concat([w.toBuffer(), c.tail ?? SIG]));
}
