import { diplomaLayout, type Cell, type Row } from './layout';
import type { DiplomaTemplate, TextBox } from './template';

const TT21 = '2020-01-15';
const TT10 = '2026-04-15';
const SOURCE =
  'Content per TT21/2019 Art. 7-8 and PRINT-3/4; positions are ours (A4 landscape), to be checked against the blank with the calibration page.';

const c = (key: Cell['key'], vi: string, en: string, extra: Partial<Cell> = {}): Cell => ({
  key,
  vi,
  en,
  ...extra,
});
const NAME = c('fullName', 'Họ và tên', 'Full name', { face: 'bold', sizePt: 15 });
const BIRTH: Row = [c('dateOfBirth', 'Ngày sinh', 'Date of birth'), c('gender', 'Giới tính', 'Gender')];
const PLACE: Row = [c('placeOfBirth', 'Nơi sinh', 'Place of birth'), c('ethnicity', 'Dân tộc', 'Ethnicity')];
const SCHOOL = c('schoolName', 'Học sinh trường', 'Student of');
const YEAR = c('graduationYear', 'Năm tốt nghiệp', 'Year of graduation');
// PRINT-5: the caller passes null from the 2024–25 THCS cohort; the label goes with the value.
const CLASSIFICATION = c('classification', 'Xếp loại tốt nghiệp', 'Graduation classification', {
  optional: true,
});
const MODE = c('studyMode', 'Hình thức đào tạo', 'Mode of study');
const EXAM_COUNCIL = c('examCouncil', 'Hội đồng thi', 'Examination council', { optional: true });
const EXAM_YEAR = c('examYear', 'Khóa thi năm', 'Examination year', { optional: true });

const THCS_TITLE = { text: 'BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ', sizePt: 20 };
const THPT_TITLE = { text: 'BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG', sizePt: 20 };
// The exam council's name ("Sở Giáo dục và Đào tạo …") needs a full-width row to print at full size.
const THPT_ROWS: Row[] = [
  [NAME],
  BIRTH,
  PLACE,
  [SCHOOL],
  [YEAR, CLASSIFICATION],
  [MODE, EXAM_YEAR],
  [EXAM_COUNCIL],
];

/** Every template version; `templateFor` picks the one in force. */
export const TEMPLATES: readonly DiplomaTemplate[] = [
  diplomaLayout({
    id: 'THCS-TT21',
    credentialType: 'THCS',
    validFrom: TT21,
    source: SOURCE,
    title: [THCS_TITLE],
    titleEn: 'LOWER SECONDARY SCHOOL DIPLOMA',
    signerTitle: 'TRƯỞNG PHÒNG',
    rows: [[NAME], BIRTH, PLACE, [SCHOOL], [YEAR, CLASSIFICATION], [MODE]],
  }),
  diplomaLayout({
    id: 'THPT-TT21',
    credentialType: 'THPT',
    validFrom: TT21,
    source: SOURCE,
    title: [THPT_TITLE],
    titleEn: 'UPPER SECONDARY SCHOOL DIPLOMA',
    signerTitle: 'GIÁM ĐỐC',
    rows: THPT_ROWS,
  }),
  // PRINT-1: TT10 keeps a national THPT template whose new layout is not yet known; the principal signs.
  diplomaLayout({
    id: 'THPT-TT10',
    credentialType: 'THPT',
    validFrom: TT10,
    source: `${SOURCE} TT10 layout not yet published (PRINT-1): the TT21 layout with the principal as signer.`,
    title: [THPT_TITLE],
    titleEn: 'UPPER SECONDARY SCHOOL DIPLOMA',
    signerTitle: 'HIỆU TRƯỞNG',
    rows: THPT_ROWS,
  }),
  // CERT-5/6: no official template is known; issued by the principal.
  diplomaLayout({
    id: 'GCNHT-TT10',
    credentialType: 'GCNHT',
    validFrom: TT10,
    source: `${SOURCE} No official template is known (CERT-6).`,
    title: [
      { text: 'GIẤY CHỨNG NHẬN', sizePt: 22 },
      { text: 'HOÀN THÀNH CHƯƠNG TRÌNH GIÁO DỤC PHỔ THÔNG', sizePt: 15 },
    ],
    titleEn: 'CERTIFICATE OF COMPLETION OF THE GENERAL EDUCATION PROGRAMME',
    signerTitle: 'HIỆU TRƯỞNG',
    rows: [
      [NAME],
      BIRTH,
      PLACE,
      [SCHOOL],
      [c('graduationYear', 'Năm hoàn thành', 'Year of completion'), MODE],
    ],
  }),
  diplomaLayout({
    id: 'CC-TT21',
    credentialType: 'CC',
    validFrom: TT21,
    source: `${SOURCE} Certificates: content per CERT-3/4.`,
    title: [{ text: 'CHỨNG CHỈ', sizePt: 24 }],
    titleEn: 'CERTIFICATE',
    signerTitle: 'GIÁM ĐỐC',
    rows: [
      [NAME],
      BIRTH,
      PLACE,
      [c('programmeName', 'Đã hoàn thành chương trình', 'Has completed the programme')],
      [c('schoolName', 'Cơ sở đào tạo', 'Institution')],
      [
        c('graduationYear', 'Năm cấp', 'Year'),
        c('classification', 'Xếp loại', 'Classification', { optional: true }),
      ],
    ],
  }),
].map(checked);

export class NoTemplateError extends Error {
  override name = 'NoTemplateError';
}

/** The version of `credentialType`'s template in force on `issuedOn` (PRINT-9: originals use the one in force at issue). */
export function templateFor(credentialType: string, issuedOn: string): DiplomaTemplate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) throw new RangeError(`issuedOn must be yyyy-MM-dd: ${issuedOn}`);
  let found: DiplomaTemplate | undefined;
  for (const t of TEMPLATES)
    if (
      t.credentialType === credentialType &&
      t.validFrom <= issuedOn &&
      (!found || t.validFrom > found.validFrom)
    )
      found = t;
  if (!found) throw new NoTemplateError(`No ${credentialType} diploma template is in force on ${issuedOn}`);
  return found;
}

/** Rejects a template that breaks PRINT-2 or would print off the page; runs once at load. */
function checked(t: DiplomaTemplate): DiplomaTemplate {
  const keys = new Set<string>();
  for (const f of t.fields) {
    if (keys.has(f.key)) throw new Error(`${t.id}: field ${f.key} twice`);
    keys.add(f.key);
  }
  const boxes = [...t.fields, ...t.statics.flatMap((s) => (s.kind === 'text' ? [s] : []))];
  for (const b of boxes) {
    const left = leftOf(b);
    if (left < 0 || left + b.maxWidthMm > t.pageMm.width || b.yMm <= 0 || b.yMm >= t.pageMm.height)
      throw new Error(`${t.id}: ${'key' in b ? b.key : b.vi} runs off the page`);
  }
  assertNoOverlap(t);
  for (const s of t.statics)
    if (s.kind === 'text' && s.en && s.en.sizePt > s.sizePt)
      throw new Error(`${t.id}: English "${s.en.text}" larger than its Vietnamese (PRINT-2)`);
  return Object.freeze(t);
}

function leftOf(b: TextBox): number {
  return b.align === 'left' ? b.xMm : b.align === 'center' ? b.xMm - b.maxWidthMm / 2 : b.xMm - b.maxWidthMm;
}

/** Two boxes on one line (baselines under 3 mm apart) must not share any width: text would overprint. */
function assertNoOverlap(t: DiplomaTemplate): void {
  const spans: { name: string; y: number; left: number; right: number }[] = [];
  const add = (name: string, b: TextBox, y = b.yMm) =>
    spans.push({ name, y, left: leftOf(b), right: leftOf(b) + b.maxWidthMm });
  for (const f of t.fields) add(f.key, f);
  for (const s of t.statics) {
    if (s.kind !== 'text') continue;
    add(s.vi, s);
    if (s.en) add(s.en.text, s, s.yMm + s.en.dyMm);
  }
  for (const [i, a] of spans.entries())
    for (const b of spans.slice(i + 1))
      if (Math.abs(a.y - b.y) < 3 && a.left < b.right && b.left < a.right)
        throw new Error(`${t.id}: "${a.name}" and "${b.name}" overlap`);
}
