import { createHash } from 'node:crypto';
import { leafHash } from '../transparency/merkle';
import type { FactTypeDefinition } from './fact-type';
import { canonicalColumns } from './fact-type';

/** A fact row as PostgreSQL prints it (`col::text`, session TimeZone UTC, DateStyle ISO). */
export type CanonicalRow = Record<string, string | null>;

/**
 * The canonical form of a fact (docs/TRANSPARENCY.md): a JSON array
 * `["vbcc-fact", 1, type, version, [[column, text-or-null], ...]]` in the version's column order.
 * Format version 1 never changes.
 */
export function canonicalFact(def: FactTypeDefinition, version: number, row: CanonicalRow): string {
  const cols = canonicalColumns(def, version);
  return JSON.stringify(['vbcc-fact', 1, def.type, version, cols.map((c) => [c, row[c] ?? null])]);
}

/** SHA-256(salt || UTF-8 canonical form). The salt keeps the commitment from revealing the fact. */
export function commitmentOf(salt: Buffer, canonical: string): Buffer {
  return createHash('sha256').update(salt).update(canonical, 'utf8').digest();
}

export function leafHashOf(commitment: Buffer): Buffer {
  return leafHash(commitment);
}
