import { CLASSIFICATIONS, GENDERS, STUDY_MODES, type DiplomaPrint } from './model';
import type { DiplomaTemplate, FieldKey } from './template';

const GENDER_VI = { male: 'Nam', female: 'Nữ' } as const;
const CLASSIFICATION_VI = {
  excellent: 'Xuất sắc',
  veryGood: 'Giỏi',
  good: 'Khá',
  average: 'Trung bình',
} as const;
const STUDY_MODE_VI = { regular: 'Chính quy', continuingEducation: 'Giáo dục thường xuyên' } as const;

export type PrintedValues = Partial<Record<FieldKey, string>>;

export class DiplomaPrintError extends Error {
  override name = 'DiplomaPrintError';
}

/**
 * The text of every field of `template` for `d`, in NFC with runs of white space collapsed (lines
 * of multi-line values kept apart by '\n'). Checks everything before a page is started, so a bad
 * record never leaves half a diploma in the batch.
 */
export function printedValues(d: DiplomaPrint, template: DiplomaTemplate): PrintedValues {
  const [year, month, day] = isoDate(d.issuedOn, 'issuedOn');
  const all: Record<FieldKey, string | null> = {
    issuingAuthorityName: text(d.issuingAuthorityName),
    fullName: text(d.fullName),
    dateOfBirth: dateOfBirth(d.dateOfBirth),
    placeOfBirth: text(d.placeOfBirth),
    gender: GENDERS.includes(d.gender) ? GENDER_VI[d.gender] : invalid('gender', d.gender),
    ethnicity: text(d.ethnicity),
    schoolName: text(d.schoolName),
    programmeName: text(d.programmeName),
    graduationYear: year4(d.graduationYear, 'graduationYear'),
    classification:
      d.classification == null
        ? null
        : CLASSIFICATIONS.includes(d.classification)
          ? CLASSIFICATION_VI[d.classification]
          : invalid('classification', d.classification),
    studyMode:
      d.studyMode == null
        ? null
        : STUDY_MODES.includes(d.studyMode)
          ? STUDY_MODE_VI[d.studyMode]
          : invalid('studyMode', d.studyMode),
    examCouncil: text(d.examCouncil),
    examYear: year4(d.examYear, 'examYear'),
    issuePlaceName: text(d.issuePlaceName),
    // PRINT-3: day, month and year go into separate gaps of the pre-printed date line.
    issueDay: String(day),
    issueMonth: String(month),
    issueYear: String(year),
    signerTitle: text(d.signerTitle) ?? template.signerTitle,
    signerName: text(d.signerName),
    serialNumber: text(d.serialNumber),
    registerEntryNumber: text(d.registerEntryNumber),
  };
  const out: PrintedValues = {};
  for (const f of template.fields) {
    const v = all[f.key];
    if (v !== null) out[f.key] = v;
    else if (!f.optional) throw new DiplomaPrintError(`${template.id}: ${f.key} is required`);
  }
  return out;
}

function text(v: string | null | undefined): string | null {
  if (v == null) return null;
  const lines = v
    .normalize('NFC')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  return lines.length ? lines.join('\n') : null;
}

function isoDate(v: string, field: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !date || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3])
    return invalid(field, v);
  return [+m[1], +m[2], +m[3]];
}

/** dd/MM/yyyy; legacy partial dates print what is known (MM/yyyy, yyyy). */
function dateOfBirth(v: string): string {
  if (/^\d{4}$/.test(v)) return v;
  if (/^\d{4}-\d{2}$/.test(v) && +v.slice(5) >= 1 && +v.slice(5) <= 12)
    return `${v.slice(5)}/${v.slice(0, 4)}`;
  const [y, m, d] = isoDate(v, 'dateOfBirth');
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

function year4(v: number | null | undefined, field: string): string | null {
  if (v == null) return null;
  return Number.isInteger(v) && v >= 1900 && v <= 2200 ? String(v) : invalid(field, v);
}

function invalid(field: string, v: unknown): never {
  throw new DiplomaPrintError(`invalid ${field}: ${JSON.stringify(v)}`);
}
