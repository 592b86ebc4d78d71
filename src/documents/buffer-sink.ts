import { PassThrough } from 'node:stream';

/** A stream a streaming PDF writer can end, kept in memory: for single documents answered in one body. */
export function bufferSink(): { out: PassThrough; bytes(): Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, bytes: () => Buffer.concat(chunks) };
}
