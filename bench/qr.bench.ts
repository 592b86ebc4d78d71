/**
 * QR payload codec (docs/QR-FORMAT.md), in process, no database: Ed25519 sign + encode to digits, and
 * decode + verify, over N distinct payloads (default 20,000) shaped like the long-name THPT test vector.
 * Baseline in the same run: a bare Ed25519 sign and verify of the same messages, so the codec's own cost
 * shows as the difference. One warm-up pass first. Target: sign + encode ≥ 5,000 payloads/s.
 * Options: --payloads 20000
 */
import { sign, verify } from 'node:crypto';
import { generateEd25519, privateKeyFromSeed, publicKeyFromRaw } from '../src/signing/ed25519';
import { digitsToBytes } from '../src/qr/qr-digits';
import {
  decodeQrPayload,
  encodeQrPayload,
  keyIdOf,
  qrSigningMessage,
  type QrFields,
  verifyQrPayload,
} from '../src/qr/qr-payload';
import { qrSymbol } from '../src/qr/qr-symbol';
import type { BenchResult } from './run';
import { arg } from './support';

const BASE_URL = 'https://vanbang.sgddt.bentre.gov.vn/vbcc';

function fieldsFor(i: number): QrFields {
  return {
    credentialType: 'THPT',
    serialNumber: `BT${String(i).padStart(7, '0')}`,
    registerEntryNumber: `THPT-2026-${String(i).padStart(6, '0')}`,
    fullName: i % 2 ? 'Công Tôn Nữ Thị Hoàng Phương Thảo' : 'Nguyễn Văn An',
    dateOfBirth: '2008-09-14',
    issuerOrgCode: 'SGD-BTR-THPT-NGUYEN-DINH-CHIEU',
    issuedOn: '2026-07-20',
    signedOn: '2026-07-21',
  };
}

function timed(work: () => void): number {
  const t = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'payloads', 20_000);
  const { seed, publicKey } = generateEd25519();
  const privateKey = privateKeyFromSeed(seed);
  const publicKeyObject = publicKeyFromRaw(publicKey);
  const keyId = keyIdOf(publicKey);
  const fields = Array.from({ length: n }, (_, i) => fieldsFor(i));
  const signer = (m: Buffer) => sign(null, m, privateKey);

  const messages = fields.map((f) => qrSigningMessage(f, keyId));
  const signatures = messages.map(signer);
  let digits: string[] = fields.map((f) => encodeQrPayload(f, keyId, signer)); // warm-up
  let rejected = 0;

  const baseSignMs = timed(() => messages.forEach((m) => sign(null, m, privateKey)));
  const encodeMs = timed(() => (digits = fields.map((f) => encodeQrPayload(f, keyId, signer))));
  const baseVerifyMs = timed(() =>
    messages.forEach((m, i) => verify(null, m, publicKeyObject, signatures[i])),
  );
  const decodeMs = timed(() => {
    for (const d of digits) if (!verifyQrPayload(decodeQrPayload(d), publicKey)) rejected++;
  });
  const symbols = Math.min(n, 2000);
  const symbolMs = timed(() => digits.slice(0, symbols).forEach((d) => qrSymbol(BASE_URL, d)));

  const row = (step: string, count: number, ms: number, baselineMs?: number) => ({
    step,
    payloads: count,
    ms: Math.round(ms),
    perSecond: Math.round((count * 1000) / ms),
    usEach: +((ms * 1000) / count).toFixed(1),
    ...(baselineMs === undefined ? {} : { ratio: +(ms / baselineMs).toFixed(2) }),
  });
  const encodeRate = (n * 1000) / encodeMs;
  return {
    name: 'qr',
    rows: [
      row('baseline: Ed25519 sign of the message', n, baseSignMs, baseSignMs),
      row('sign + encode (encodeQrPayload)', n, encodeMs, baseSignMs),
      row('baseline: Ed25519 verify of the message', n, baseVerifyMs, baseVerifyMs),
      row('decode + verify (decodeQrPayload + verifyQrPayload)', n, decodeMs, baseVerifyMs),
      row('QR matrix (qrSymbol, level M)', symbols, symbolMs),
    ],
    notes: [
      `long-name payload: ${digitsToBytes(digits[1]).length} bytes, ${digits[1].length} digits, QR version ${qrSymbol(BASE_URL, digits[1]).version} (M) with a 40-character base URL`,
      `rejected on verify: ${rejected} (must be 0)`,
      `target: sign + encode ≥ 5,000 payloads/s; measured ${Math.round(encodeRate)}/s (${encodeRate >= 5000 ? 'met' : 'NOT met'})`,
    ],
  };
}
