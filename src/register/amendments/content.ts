import type { CorrectableField, CorrectionEntity } from '../entities/correction.entity';
import type { RegisterEntryEntity } from '../entities/register-entry.entity';

/** The holder's data as the diploma stands now: the entry with its corrections applied in order (CORR-9). */
export interface HolderContent {
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  gender: 'male' | 'female';
  ethnicity: string;
  personalIdNumber: string | null;
}

export function currentContent(
  e: RegisterEntryEntity,
  corrections: readonly CorrectionEntity[],
): HolderContent {
  const c: HolderContent = {
    fullName: e.fullName,
    dateOfBirth: e.dateOfBirth,
    placeOfBirth: e.placeOfBirth,
    gender: e.gender,
    ethnicity: e.ethnicity,
    personalIdNumber: e.personalIdNumber,
  };
  for (const k of corrections) for (const ch of k.changes) setField(c, ch.field, ch.to);
  return c;
}

export function fieldOf(c: HolderContent, f: CorrectableField): string | null {
  return c[f];
}

/** Sets one field; `null` removes only the ID number (the DTOs refuse it for the others). */
export function setField(c: HolderContent, f: CorrectableField, v: string | null): void {
  if (f === 'gender') c.gender = v as 'male' | 'female';
  else if (f === 'personalIdNumber') c.personalIdNumber = v;
  else c[f] = v ?? '';
}
