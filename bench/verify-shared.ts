/**
 * What the verify benchmark (bench/verify.bench.ts) and its bare baseline server
 * (bench/verify-bare-server.ts) share: the lookup's SQL (the app's own constant), the signal INSERT (copied), and the deterministic
 * generator of the million diplomas (the same person for diploma n in SQL and in Node, so a request
 * can be made for any n without reading it back). Nothing here imports Nest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/common/paths';
import { searchKey } from '../src/common/text/vietnamese';
import { PUBLIC_RECORD_SQL } from '../src/verification/public-record';
import { FAMILY, GIVEN, MIDDLE } from './vietnamese-names';

/**
 * The app's lookup SQL itself (src/verification/public-record.ts, kept free of Nest for this purpose),
 * which `VerificationRepository.recordsOnSerials` runs for one serial (a batch of several is
 * PUBLIC_RECORDS_SQL); `sqlCopiesDrift()` checks it still does.
 */
export const RECORDS_ON_SERIAL_SQL = PUBLIC_RECORD_SQL;

/** Copied from `ForgerySignalsRepository.insertSignal`: every non-match writes one (PUB-6). */
export const INSERT_SIGNAL_SQL = `INSERT INTO forgery_signals (id, channel, kind, reason, serial_number, entry_id, org_id, blank_state,
                                    presented_full_name, presented_date_of_birth)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Where the app no longer runs the SQL the bare server runs (whitespace-insensitive): empty when in step. */
export function sqlCopiesDrift(): string[] {
  const read = (p: string) => squash(readFileSync(join(projectRoot(), p), 'utf8'));
  const drift: string[] = [];
  if (
    !read('src/verification/verification.repository.ts').includes(
      "name: 'vbcc_public_record', text: PUBLIC_RECORD_SQL, values: serials",
    )
  )
    drift.push('VerificationRepository.recordsOnSerials no longer runs PUBLIC_RECORD_SQL for one serial');
  if (
    !read('src/verification/forgery-signals/forgery-signals.repository.ts').includes(
      squash(INSERT_SIGNAL_SQL),
    )
  )
    drift.push('INSERT_SIGNAL_SQL differs from ForgerySignalsRepository.insertSignal');
  return drift;
}

/** The lookup SQL for pgbench: `$1` becomes the serial of a random `:n`, as the loader writes it. */
export function pgbenchScript(diplomas: number): string {
  const sql = squash(RECORDS_ON_SERIAL_SQL).replaceAll('$1', `('BT' || lpad(:n::text, 7, '0'))`);
  return `\\set n random(1, ${diplomas})\n${sql};\n`;
}

// --- the diplomas ----------------------------------------------------------------------------------

/** Diploma n (1-based) belongs to graduation decision k; two decisions (two schools) per year and book. */
export interface Layout {
  diplomas: number;
  decisions: number;
  /** Diplomas per decision (the last may have fewer). */
  per: number;
  lastYear: number;
}

export function layout(diplomas: number, decisions: number): Layout {
  const d = Math.max(2, decisions + (decisions % 2));
  return { diplomas, decisions: d, per: Math.ceil(diplomas / d), lastYear: 2025 };
}

export const serialOf = (n: number) => `BT${String(n).padStart(7, '0')}`;

/** A multiplicative hash of n, the same in SQL (bigint arithmetic) and here (BigInt). */
const hashOf = (n: number) => Number((BigInt(n) * 2654435761n) % 4294967296n);

export const decisionOf = (l: Layout, n: number) => Math.floor((n - 1) / l.per);
export const yearOfDecision = (l: Layout, k: number) => l.lastYear - Math.floor(k / 2);

/** The holder of diploma n, as the loader writes it (NFC names with diacritics, 1990s–2000s births). */
export function personOf(
  l: Layout,
  n: number,
): { serialNumber: string; fullName: string; dateOfBirth: string } {
  const h = hashOf(n);
  const middles = Math.floor(h / 32) % 3;
  const parts = [
    FAMILY[h % FAMILY.length],
    ...(middles >= 1 ? [MIDDLE[Math.floor(h / 97) % MIDDLE.length]] : []),
    ...(middles >= 2 ? [MIDDLE[Math.floor(h / 1009) % MIDDLE.length]] : []),
    GIVEN[Math.floor(h / 10007) % GIVEN.length],
  ];
  const year = yearOfDecision(l, decisionOf(l, n)) - 18;
  const days = Math.floor(h / 7) % 730;
  const dateOfBirth = new Date(Date.UTC(year, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  return { serialNumber: serialOf(n), fullName: parts.join(' '), dateOfBirth };
}

/**
 * The SQL side of `personOf`, as expressions over `n` (bigint) and the decision's `year`, with the
 * name parts and their search keys as parameters $1..$6 (family, middle, given; then their keys).
 */
export const PERSON_SQL = {
  hash: `((n::bigint * 2654435761) % 4294967296)`,
  params: (): string[][] => [
    FAMILY,
    MIDDLE,
    GIVEN,
    FAMILY.map(searchKey),
    MIDDLE.map(searchKey),
    GIVEN.map(searchKey),
  ],
  /** Full name (or its key with `key` true) from h: arrays are 1-based in SQL. */
  name(h: string, key: boolean): string {
    const [f, m, g] = key ? ['$4', '$5', '$6'] : ['$1', '$2', '$3'];
    return `(${f}::text[])[${h} % ${FAMILY.length} + 1]
      || CASE WHEN (${h} / 32) % 3 >= 1 THEN ' ' || (${m}::text[])[(${h} / 97) % ${MIDDLE.length} + 1] ELSE '' END
      || CASE WHEN (${h} / 32) % 3 >= 2 THEN ' ' || (${m}::text[])[(${h} / 1009) % ${MIDDLE.length} + 1] ELSE '' END
      || ' ' || (${g}::text[])[(${h} / 10007) % ${GIVEN.length} + 1]`;
  },
  dateOfBirth: (h: string, year: string) => `make_date(${year} - 18, 1, 1) + ((${h} / 7) % 730)::int`,
};
