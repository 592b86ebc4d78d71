// The graduate-list template: its columns, the header aliases accepted on import, the vocabularies of the
// coded columns (gender, classification, ethnicity) and the downloadable template files.
import ExcelJS from 'exceljs';
import { searchKey } from '../../common/text/vietnamese';

export type Gender = 'male' | 'female';

/** Xuất sắc, Giỏi, Khá, Trung bình (GLOSSARY §10). */
export const CLASSIFICATIONS = ['excellent', 'veryGood', 'good', 'average'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** One graduate of a graduation decision, validated and normalised (GLOSSARY §8). */
export interface GraduateInput {
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  gender: Gender;
  ethnicity: string;
  nationality: string;
  personalIdNumber: string | null;
  learnerCode: string | null;
  classification: Classification | null;
  className: string | null;
  examScores: string | null;
}

export type GraduateField = keyof GraduateInput;
export type TemplateField = GraduateField | 'rowNo';

/** The template's columns, in order (REG-5 order, then the SYNC-3 identifiers and the extras). */
export const TEMPLATE_COLUMNS: readonly { field: TemplateField; header: string; required: boolean }[] = [
  { field: 'rowNo', header: 'STT', required: false },
  { field: 'fullName', header: 'Họ và tên', required: true },
  { field: 'dateOfBirth', header: 'Ngày sinh', required: true },
  { field: 'placeOfBirth', header: 'Nơi sinh', required: true },
  { field: 'gender', header: 'Giới tính', required: true },
  { field: 'ethnicity', header: 'Dân tộc', required: true },
  { field: 'nationality', header: 'Quốc tịch', required: false },
  { field: 'personalIdNumber', header: 'Số định danh cá nhân', required: false },
  { field: 'learnerCode', header: 'Mã học sinh', required: false },
  { field: 'classification', header: 'Xếp loại tốt nghiệp', required: false },
  { field: 'className', header: 'Lớp', required: false },
  { field: 'examScores', header: 'Điểm thi', required: false },
];

export const GRADUATE_FIELDS: readonly GraduateField[] = TEMPLATE_COLUMNS.flatMap((c) =>
  c.field === 'rowNo' ? [] : [c.field],
);

/** Loose key for headers and coded values: no case, diacritics, spaces or punctuation ("Ê-đê" = "Êđê"). */
export function compactKey(s: string): string {
  return searchKey(s).replace(/ /g, '');
}

// Other headers accepted for each column: the SYNC-4 national digitisation template, the REG-5 register
// columns, common abbreviations and English names. The template header and the field name always match.
const HEADER_ALIASES: Record<TemplateField, readonly string[]> = {
  rowNo: ['Số thứ tự', 'TT', 'No'],
  fullName: ['Họ, chữ đệm và tên', 'Họ tên', 'Full name'],
  dateOfBirth: ['Ngày, tháng, năm sinh', 'Date of birth'],
  placeOfBirth: ['Place of birth'],
  gender: ['Sex'],
  ethnicity: [],
  nationality: [],
  personalIdNumber: ['Số định danh', 'Số CCCD', 'CCCD', 'Căn cước công dân', 'Personal ID number'],
  learnerCode: ['Mã người học', 'Mã HS', 'Learner code'],
  classification: ['Xếp loại', 'graduationClassification'],
  className: ['Class'],
  examScores: ['Điểm các môn thi', 'Kết quả thi các môn', 'Exam scores'],
};

const HEADER_FIELDS = new Map<string, TemplateField>();
for (const { field, header } of TEMPLATE_COLUMNS) {
  for (const name of [header, field, ...HEADER_ALIASES[field]]) HEADER_FIELDS.set(compactKey(name), field);
}

/** The field a file's column header stands for, or undefined. A "(…)" hint in the header is ignored. */
export function fieldOfHeader(header: string): TemplateField | undefined {
  return HEADER_FIELDS.get(compactKey(header.replace(/\([^)]*\)/g, ' ')));
}

export const HEADER_OF = new Map<TemplateField, string>(TEMPLATE_COLUMNS.map((c) => [c.field, c.header]));

export const GENDER_BY_KEY = new Map<string, Gender>([
  ['nam', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['nu', 'female'],
  ['female', 'female'],
  ['f', 'female'],
]);

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  excellent: 'Xuất sắc',
  veryGood: 'Giỏi',
  good: 'Khá',
  average: 'Trung bình',
};

export const CLASSIFICATION_BY_KEY = new Map<string, Classification>(
  CLASSIFICATIONS.flatMap((c) => [
    [compactKey(c), c],
    [compactKey(CLASSIFICATION_LABELS[c]), c],
  ]),
);

/** The 54 ethnic groups of Việt Nam, as named in the official list (Quyết định 121-TCTK/PPCĐ, 1979). */
export const ETHNIC_GROUPS: readonly string[] = [
  'Kinh',
  'Tày',
  'Thái',
  'Hoa',
  'Khơ-me',
  'Mường',
  'Nùng',
  'Mông',
  'Dao',
  'Gia-rai',
  'Ngái',
  'Ê-đê',
  'Ba-na',
  'Xơ-đăng',
  'Sán Chay',
  'Cơ-ho',
  'Chăm',
  'Sán Dìu',
  'Hrê',
  'Mnông',
  'Ra-glai',
  'Xtiêng',
  'Bru-Vân Kiều',
  'Thổ',
  'Giáy',
  'Cơ-tu',
  'Gié-Triêng',
  'Mạ',
  'Khơ-mú',
  'Co',
  'Tà-ôi',
  'Chơ-ro',
  'Kháng',
  'Xinh-mun',
  'Hà Nhì',
  'Chu-ru',
  'Lào',
  'La Chí',
  'La Ha',
  'Phù Lá',
  'La Hủ',
  'Lự',
  'Lô Lô',
  'Chứt',
  'Mảng',
  'Pà Thẻn',
  'Cơ Lao',
  'Cống',
  'Bố Y',
  'Si La',
  'Pu Péo',
  'Brâu',
  'Ơ-đu',
  'Rơ-măm',
];

// Other names in common use for the same groups (spacing, hyphens and apostrophes are ignored anyway).
const ETHNIC_GROUP_VARIANTS = [
  'Việt',
  'Hán',
  'Khmer',
  "H'Mông",
  'Hmong',
  'Jrai',
  'Rhade',
  'Bahnar',
  'Xê-đăng',
  'Sedang',
  'Cao Lan',
  'Sán Chỉ',
  "K'Ho",
  'Kơ-ho',
  'Chàm',
  'Raglay',
  'Stiêng',
  'Bru',
  'Vân Kiều',
  'Katu',
  'Giẻ-Triêng',
  'Khmu',
  'Pa Kô',
];

export const KNOWN_ETHNICITY_KEYS = new Set([...ETHNIC_GROUPS, ...ETHNIC_GROUP_VARIANTS].map(compactKey));

// ---------------------------------------------------------------------------------------------------
// The downloadable template

const EXAMPLE: Record<TemplateField, string> = {
  rowNo: '1',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '15/03/2007',
  placeOfBirth: 'Hà Nội',
  gender: 'Nam',
  ethnicity: 'Kinh',
  nationality: 'Việt Nam',
  // Province code 000 is never assigned, so the example cannot be a real person's number.
  personalIdNumber: '000207012345',
  learnerCode: 'HS2025-0001',
  classification: 'Khá',
  className: '12A1',
  examScores: 'Toán 8.25; Ngữ văn 7.5; Tiếng Anh 8.0; Vật lí 7.75',
};

const WIDTHS: Record<TemplateField, number> = {
  rowNo: 6,
  fullName: 28,
  dateOfBirth: 13,
  placeOfBirth: 22,
  gender: 10,
  ethnicity: 12,
  nationality: 12,
  personalIdNumber: 20,
  learnerCode: 16,
  classification: 18,
  className: 8,
  examScores: 48,
};

// Columns Excel must keep as typed: leading zeros of ID numbers, day-first dates, codes like "12A1".
const TEXT_FIELDS = new Set<TemplateField>(['dateOfBirth', 'personalIdNumber', 'learnerCode', 'className']);

const GUIDE: Record<TemplateField, { vi: string; en: string }> = {
  rowNo: { vi: 'Số thứ tự (không bắt buộc, không dùng khi nhập).', en: 'Row number (optional, ignored).' },
  fullName: {
    vi: 'Họ, chữ đệm và tên như trong giấy khai sinh; chỉ gồm chữ cái, dấu cách, dấu nháy, gạch nối, dấu chấm; 2–100 ký tự.',
    en: 'Full name as on the birth certificate; letters, spaces, apostrophes, hyphens and dots; 2–100 characters.',
  },
  dateOfBirth: {
    vi: 'dd/MM/yyyy (ví dụ 05/09/2007); cũng nhận d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy, yyyy-MM-dd hoặc ô kiểu ngày của Excel.',
    en: 'dd/MM/yyyy (e.g. 05/09/2007); also d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy, yyyy-MM-dd or an Excel date cell.',
  },
  placeOfBirth: { vi: 'Thường là tỉnh, thành phố.', en: 'Usually a province or city.' },
  gender: { vi: 'Nam hoặc Nữ.', en: 'Nam (male) or Nữ (female); male/female and M/F are accepted.' },
  ethnicity: {
    vi: 'Tên dân tộc, ví dụ Kinh, Tày, Khơ-me, Chăm (tối đa 50 ký tự).',
    en: 'Ethnic group, e.g. Kinh, Tày, Khơ-me, Chăm (up to 50 characters).',
  },
  nationality: { vi: 'Bỏ trống = Việt Nam.', en: 'Empty means Việt Nam.' },
  personalIdNumber: {
    vi: '12 chữ số (số CCCD). Định dạng ô là Văn bản để giữ số 0 ở đầu.',
    en: '12 digits (citizen ID card number). Keep the cell as text so leading zeros stay.',
  },
  learnerCode: {
    vi: 'Tối đa 20 ký tự: chữ không dấu, số, gạch nối.',
    en: 'Up to 20 of A–Z, a–z, 0–9 and "-".',
  },
  classification: {
    vi: 'Xuất sắc, Giỏi, Khá hoặc Trung bình. Bỏ trống với bằng THCS từ khóa 2024–2025.',
    en: 'Xuất sắc, Giỏi, Khá or Trung bình. Leave empty for THCS diplomas from the 2024–25 cohort.',
  },
  className: { vi: 'Tối đa 20 ký tự, ví dụ 12A1.', en: 'Up to 20 characters, e.g. 12A1.' },
  examScores: {
    vi: 'Chỉ với bằng THPT: điểm các môn thi, ví dụ "Toán 8.25; Ngữ văn 7.5" (tối đa 500 ký tự).',
    en: 'THPT diplomas only: scores per subject, e.g. "Toán 8.25; Ngữ văn 7.5" (up to 500 characters).',
  },
};

const NOTES = [
  'Mỗi dòng là một người học; dòng đầu là tiêu đề cột, không đổi tên cột. Dòng 2 là ví dụ: xóa trước khi nhập.',
  'Tệp chỉ được nhập khi mọi dòng hợp lệ; lỗi được báo theo số thứ tự dòng dữ liệu (dòng dữ liệu đầu tiên = 1).',
  'Each row is one learner; the first row holds the column headers, keep them. Row 2 is an example: delete it before importing.',
  'A file is imported only if every row is valid; errors name the data row (first data row = 1).',
];

// exceljs implements ranged data validations but leaves them out of its typings.
interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function columnLetter(index: number): string {
  return String.fromCharCode(65 + index); // the template has fewer than 26 columns
}

/** The downloadable XLSX template: sheet "Danh sach" (header + example row) and sheet "Huong dan". */
export async function graduateTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VBCC Registry';
  const ws = wb.addWorksheet('Danh sach', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    key: c.field,
    width: WIDTHS[c.field],
    style: TEXT_FIELDS.has(c.field) ? { numFmt: '@' } : {},
  }));
  const header = ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  header.eachCell((cell, col) => {
    const required = TEMPLATE_COLUMNS[col - 1].required;
    cell.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.height = 30;
  ws.addRow(TEMPLATE_COLUMNS.map((c) => EXAMPLE[c.field]));

  const lists: [TemplateField, string][] = [
    ['gender', '"Nam,Nữ"'],
    ['classification', `"${CLASSIFICATIONS.map((c) => CLASSIFICATION_LABELS[c]).join(',')}"`],
  ];
  for (const [field, formula] of lists) {
    // 10 000 rows: exceljs expands a ranged validation cell by cell when it reads the file back.
    const col = columnLetter(TEMPLATE_COLUMNS.findIndex((c) => c.field === field));
    (ws as unknown as SheetValidations).dataValidations.add(`${col}2:${col}10001`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
    });
  }

  const guide = wb.addWorksheet('Huong dan');
  guide.columns = [
    { header: 'Cột', width: 24 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Hướng dẫn', width: 70 },
    { header: 'Column (field)', width: 22 },
    { header: 'Notes', width: 70 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) {
    const row = guide.addRow([
      c.header,
      c.required ? 'Có' : '',
      GUIDE[c.field].vi,
      c.field,
      GUIDE[c.field].en,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  guide.addRow([]);
  for (const note of NOTES) guide.addRow([note]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV template: UTF-8 with BOM, comma-separated, CRLF, header line + example line. */
export function graduateTemplateCsv(): string {
  const line = (cells: string[]) => cells.map(csvField).join(',');
  return (
    '\uFEFF' +
    line(TEMPLATE_COLUMNS.map((c) => c.header)) +
    '\r\n' +
    line(TEMPLATE_COLUMNS.map((c) => EXAMPLE[c.field])) +
    '\r\n'
  );
}

function csvField(s: string): string {
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
