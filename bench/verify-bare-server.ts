/**
 * Baseline of the verify benchmark: `GET /api/v1/public/verify` on bare `node:http` + `pg`, doing the
 * app's work without its framework. Parse the query string, check the three fields with the DTO's
 * rules, run the app's SQL and row mapping (src/verification/public-record.ts), pick the record whose
 * registered or corrected name and birth date match with the app's `isSameName`, answer the app's
 * JSON; a non-match writes the app's forgery signal first (its INSERT copied, bench/verify-shared.ts).
 * Left out: Nest, Express, the request context, metrics, rate limits, security headers, logging, and
 * the app's batching of concurrent lookups (src/verification/lookup-batcher.ts): one query a request.
 * Run as a child process of bench/verify.bench.ts: PORT, DATABASE_URL, DB_POOL_SIZE. The lookup is a
 * named statement (plan kept per connection) as in the app; with BARE_UNNAMED_STATEMENTS=1 it is not,
 * an information row showing what planning every lookup costs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { uuidv7 } from '../src/common/ids/uuid-v7';
import { NO_MATCH, statusCheck } from '../src/verification/public-answer';
import {
  isVoidBlank,
  presents,
  PUBLIC_RECORD_SQL,
  publicDiploma,
  type RecordRow,
  toRecord,
} from '../src/verification/public-record';
import { NAME_PATTERN, SERIAL_PATTERN } from '../src/verification/dto/lookup-rules';
import { INSERT_SIGNAL_SQL } from './verify-shared';

// The DTO's rules (src/verification/dto/lookup-rules.ts, src/common/validation/iso-date.ts).
const SERIAL = SERIAL_PATTERN;
const NAME = NAME_PATTERN;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NO_MATCH_JSON = JSON.stringify(NO_MATCH);

const realDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const unnamed = process.env.BARE_UNNAMED_STATEMENTS === '1';
const lookup = (serial: string) =>
  unnamed
    ? pool.query<RecordRow>(PUBLIC_RECORD_SQL, [serial])
    : pool.query<RecordRow>({ name: 'vbcc_public_record', text: PUBLIC_RECORD_SQL, values: [serial] });
// Unnamed, as the app's ForgerySignalsRepository runs it.
const insertSignal = (values: unknown[]) => pool.query(INSERT_SIGNAL_SQL, values);

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function verify(q: URLSearchParams): Promise<[number, string]> {
  const serialNumber = q.get('serialNumber');
  const fullName = q.get('fullName');
  const dateOfBirth = q.get('dateOfBirth');
  if (
    serialNumber === null ||
    fullName === null ||
    dateOfBirth === null ||
    !SERIAL.test(serialNumber) ||
    fullName.length > 127 ||
    !NAME.test(fullName) ||
    !realDate(dateOfBirth)
  )
    return [400, JSON.stringify({ code: 'VALIDATION_FAILED' })];
  const serial = serialNumber.trim().toUpperCase();
  const { rows } = await lookup(serial);
  const blankState = rows[0]?.blank_state ?? null;
  const records = rows.filter((r) => r.id !== null).map(toRecord);
  const voidBlank = isVoidBlank(blankState);
  const r = records.find((x) => presents(x, { fullName, dateOfBirth }));
  // A revoked diploma whose paper came back and was destroyed still answers "revoked".
  if (r && (!voidBlank || r.revocation)) {
    const diploma = publicDiploma(r);
    const checks = [{ type: 'register', status: 'pass' }, statusCheck(diploma.status)];
    return [200, JSON.stringify({ result: 'match', checks, diploma })];
  }
  await insertSignal([
    uuidv7(),
    'lookup',
    voidBlank ? 'voidBlank' : records.length ? 'dataMismatch' : 'unknownSerial',
    null,
    serial,
    records[0]?.id ?? null,
    records[0]?.issuer.id ?? rows[0]?.blank_holder ?? null,
    blankState,
    fullName,
    dateOfBirth,
  ]);
  return [200, NO_MATCH_JSON];
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const qm = url.indexOf('?');
  const path = qm < 0 ? url : url.slice(0, qm);
  if (path === '/health') return send(res, 200, '{"status":"ok"}');
  if (req.method !== 'GET' || path !== '/api/v1/public/verify') return send(res, 404, '{"code":"NOT_FOUND"}');
  verify(new URLSearchParams(qm < 0 ? '' : url.slice(qm + 1))).then(
    ([status, body]) => send(res, status, body),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      send(res, 500, '{"code":"INTERNAL"}');
    },
  );
}

const server = createServer(handle);
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => {
  server.close();
  pool.end().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
