/**
 * A kind of legal fact and the table that holds it. The columns listed for a canonical version are
 * what the commitment covers; they are never changed for a released version (add a version instead).
 */
export interface FactTypeDefinition {
  /** Stable name, e.g. "custody.assignment". */
  type: string;
  table: string;
  /** Canonical versions: version → columns (the first one must be `id`). */
  versions: Record<number, readonly string[]>;
  currentVersion: number;
  /** Rule IDs the fact records. */
  rules: string;
}

export function canonicalColumns(def: FactTypeDefinition, version = def.currentVersion): readonly string[] {
  const cols = def.versions[version];
  if (!cols) throw new Error(`fact type ${def.type} has no canonical version ${version}`);
  return cols;
}
