import type { CorrectionEntity } from '../entities/correction.entity';
import type { RegisterEntryEntity } from '../entities/register-entry.entity';
import type { RegisterEntrySerialEntity } from '../entities/register-entry-serial.entity';
import type { ReissueEntity } from '../entities/reissue.entity';
import type { RevocationEntity } from '../entities/revocation.entity';

export interface DiplomaVersion {
  version: number;
  kind: 'original' | 'correction' | 'reissue' | 'revocation';
  on: string;
  decisionNo: string | null;
  /** The diploma the step concerns: the original, or the new one for a re-issue. */
  entryId: string;
  serialNumber: string | null;
  registerEntryNumber: string;
  leafIndex: number | null;
}

/** Everything known about the diplomas linked by re-issues (REISSUE-8), loaded once for a batch. */
export interface Lineage {
  entries: Map<string, RegisterEntryEntity>;
  corrections: Map<string, CorrectionEntity[]>;
  revocations: Map<string, RevocationEntity>;
  reissues: ReissueEntity[];
  serials: Map<string, RegisterEntrySerialEntity[]>;
  /** fact type → fact id → leaf index */
  leaves: Map<string, Map<string, number | null>>;
}

export const currentSerial = (l: Lineage, entryId: string): string | null =>
  l.serials.get(entryId)?.at(-1)?.serialNumber ?? l.entries.get(entryId)?.serialNumber ?? null;

/**
 * The whole history of a diploma, from the first original through corrections, re-issues and a
 * revocation, in the order the acts were recorded: the same chain for every diploma of the lineage.
 */
export function versionChain(
  l: Lineage,
  entryId: string,
  leafOf: (type: string, id: string) => number | null,
): DiplomaVersion[] {
  let root = l.entries.get(entryId)!;
  while (root.replacesEntryId && l.entries.has(root.replacesEntryId))
    root = l.entries.get(root.replacesEntryId)!;
  const steps: (Omit<DiplomaVersion, 'version'> & { at: number })[] = [];
  for (let e: RegisterEntryEntity | undefined = root; e;) {
    const cur: RegisterEntryEntity = e;
    if (!cur.replacesEntryId)
      steps.push({
        kind: 'original',
        on: cur.issuedOn,
        decisionNo: null,
        entryId: cur.id,
        serialNumber: currentSerial(l, cur.id),
        registerEntryNumber: cur.registerEntryNumber,
        leafIndex: leafOf('register.entry', cur.id),
        at: cur.createdAt.getTime(),
      });
    for (const c of l.corrections.get(cur.id) ?? [])
      steps.push({
        kind: 'correction',
        on: c.decidedOn,
        decisionNo: c.decisionNo,
        entryId: cur.id,
        serialNumber: currentSerial(l, cur.id),
        registerEntryNumber: cur.registerEntryNumber,
        leafIndex: leafOf('register.correction', c.id),
        at: c.createdAt.getTime(),
      });
    const r = l.revocations.get(cur.id);
    if (r)
      steps.push({
        kind: 'revocation',
        on: r.decidedOn,
        decisionNo: r.decisionNo,
        entryId: cur.id,
        serialNumber: currentSerial(l, cur.id),
        registerEntryNumber: cur.registerEntryNumber,
        leafIndex: leafOf('register.revocation', r.id),
        at: r.createdAt.getTime(),
      });
    const re: ReissueEntity | undefined = l.reissues.find((x) => x.entryId === cur.id);
    const next: RegisterEntryEntity | undefined = re ? l.entries.get(re.newEntryId) : undefined;
    if (re && next)
      steps.push({
        kind: 'reissue',
        on: re.decidedOn,
        decisionNo: re.decisionNo,
        entryId: next.id,
        serialNumber: currentSerial(l, next.id),
        registerEntryNumber: next.registerEntryNumber,
        leafIndex: leafOf('register.reissue', re.id),
        at: re.createdAt.getTime(),
      });
    e = next;
  }
  return steps.sort((a, b) => a.at - b.at).map(({ at: _at, ...s }, i) => ({ version: i + 1, ...s }));
}
