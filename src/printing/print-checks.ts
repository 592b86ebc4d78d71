/** Largest print job: a provincial batch fits; bigger ones are split by decision. */
export const MAX_PRINT_JOB_DIPLOMAS = 20_000;

import type { DiplomaView } from '../register/diplomas.service';

export interface PrintProblem {
  field: string;
  code: 'NOT_FOUND' | 'REVOKED' | 'HANDED_OVER' | 'ALREADY_PRINTED' | 'NO_BLANK' | 'QR_UNENCODABLE';
  message: string;
}

/**
 * Why a diploma must not be overlaid onto its blank now: the holder has it (HAND-1), the blank was
 * printed already (a second print would need a second blank: record a misprint instead, or say it
 * is a reprint of a sheet that never reached the paper), or it has no blank (NUM-10).
 */
export function overlayProblem(
  v: DiplomaView,
  printed: Set<string>,
  reprint: boolean,
  field: string,
): PrintProblem | null {
  if (v.status !== 'valid')
    return {
      field,
      code: 'REVOKED',
      message: `${v.entry.registerEntryNumber}: ${v.status}, no longer printed`,
    };
  if (v.handover)
    return {
      field,
      code: 'HANDED_OVER',
      message: `${v.entry.registerEntryNumber}: handed over on ${v.handover.receivedOn}`,
    };
  if (!v.serialNumber)
    return { field, code: 'NO_BLANK', message: `${v.entry.registerEntryNumber}: no blank (NUM-10)` };
  if (!reprint && printed.has(`${v.entry.id}|${v.serialNumber}`))
    return {
      field,
      code: 'ALREADY_PRINTED',
      message: `${v.entry.registerEntryNumber}: blank ${v.serialNumber} was printed already (misprint or reprint=true)`,
    };
  return null;
}
