/** supertest's parser for binary bodies (PDF, XLSX): `.buffer(true).parse(binary)`. */
export const binary = (res: import('supertest').Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
