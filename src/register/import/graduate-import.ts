// Graduate lists of a graduation decision (ISSUE-2): JSON, CSV or XLSX in the documented template
// (docs/IMPORT-TEMPLATE.md) → validated, normalised rows, or row errors. All rows valid or none: the
// result carries graduates only when there is no error. No database work here.
import ExcelJS from 'exceljs';
import { isIsoDate } from '../../common/calendar/working-day-calendar';
import { searchKey, toNfc } from '../../common/text/vietnamese';
import {
  CLASSIFICATION_BY_KEY,
  compactKey,
  fieldOfHeader,
  GENDER_BY_KEY,
  GRADUATE_FIELDS,
  HEADER_OF,
  KNOWN_ETHNICITY_KEYS,
  TEMPLATE_COLUMNS,
  type Classification,
  type Gender,
  type GraduateField,
  type GraduateInput,
  type TemplateField,
} from './graduate-columns';
import { openXlsx, XlsxError, type XlsxRow } from './xlsx-rows';

export {
  CLASSIFICATIONS,
  ETHNIC_GROUPS,
  graduateTemplateCsv,
  graduateTemplateXlsx,
  TEMPLATE_COLUMNS,
} from './graduate-columns';
export type { Classification, Gender, GraduateInput } from './graduate-columns';

export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}
export interface RowWarning {
  row: number;
  field: string;
  code: string;
  message: string;
}
export interface ImportResult {
  /** Empty whenever `errors` is not: all rows valid or nothing is imported. */
  graduates: GraduateInput[];
  errors: RowError[];
  warnings: RowWarning[];
  /** Data rows in the input (empty lines of a file not counted). */
  rowCount: number;
}
export interface ImportOptions {
  credentialKind:
    'lowerSecondaryDiploma' | 'upperSecondaryDiploma' | 'generalEducationCompletion' | 'certificate';
  graduationYear: number;
  /** false → a classification in a row is an error CLASSIFICATION_NOT_ALLOWED (THCS from the 2024–25 cohort, PRINT-5/REG-15). */
  classificationAllowed: boolean;
  /** Default 200 000; more rows → one error TOO_MANY_ROWS. */
  maxRows?: number;
}

export const MAX_ERRORS = 1000;
export const MAX_WARNINGS = 1000;
const DEFAULT_MAX_ROWS = 200_000;
const MIN_AGE = 10;
const MAX_AGE = 100;
const HEADER_SEARCH_ROWS = 20;
const CACHE_SIZE = 10_000;
const REPEATING = new Set<GraduateField>([
  'placeOfBirth',
  'gender',
  'ethnicity',
  'nationality',
  'classification',
  'className',
]);
const DEFAULT_NATIONALITY = 'Việt Nam';

const MAX_LENGTH: Partial<Record<GraduateField, number>> = {
  placeOfBirth: 200,
  nationality: 50,
  className: 20,
  examScores: 500,
};

// Compiled once: the validation loop runs per row.
// C0 controls but tab, LF and CR; DEL and C1 controls; U+FFFD (text decoded with the wrong encoding).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
const NAME = /^\p{L}[\p{L}\p{M}'’ .-]*$/u;
const HAS_LETTER = /\p{L}/u;
const ASTRAL = /[\uD800-\uDBFF]/;
const DAY_FIRST_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID_SEPARATORS = /[\s.]/g;
const TWELVE_DIGITS = /^\d{12}$/;
const LOST_ZEROS = /^\d{10,11}$/;
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
const LEARNER_CODE = /^[A-Za-z0-9-]{1,20}$/;

// ---------------------------------------------------------------------------------------------------
// Public entry points

/** Graduates sent as JSON objects with the GraduateInput field names. */
export function importFromJson(rows: unknown[], opts: ImportOptions): ImportResult {
  const run = new ImportRun(opts);
  if (!Array.isArray(rows)) {
    return run.fail('graduates', 'INVALID_TYPE', 'Expected an array of graduates', 0);
  }
  if (rows.length === 0) return run.fail('file', 'EMPTY_FILE', 'No graduates given', 0);
  if (rows.length > run.maxRows) return run.tooManyRows(rows.length);
  for (let i = 0; i < rows.length && !run.stopped; i++) {
    const row = i + 1;
    const item: unknown = rows[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      run.error(row, 'row', 'INVALID_TYPE', 'Each graduate must be a JSON object');
      continue;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!JSON_FIELDS.has(key)) run.error(row, key, 'UNKNOWN_FIELD', `Unknown field "${key}"`);
    }
    run.validate(row, '', (f) => record[f], true);
  }
  return run.result(rows.length);
}

/** A CSV file (RFC 4180; UTF-8, BOM optional; comma, semicolon or tab, detected from the header line). */
export function importFromCsv(file: Buffer, opts: ImportOptions): ImportResult {
  const run = new ImportRun(opts);
  const text = decodeText(file);
  if (typeof text !== 'string') return run.fail('file', 'UNREADABLE_FILE', text.problem, 0);
  const parsed = parseCsv(text);
  if ('problem' in parsed) return run.fail('file', 'UNREADABLE_FILE', parsed.problem, 0);
  return run.importTable(parsed.rows, (line) => ` (line ${line})`);
}

/**
 * An XLSX file: sheet "Danh sach" (or "Data", else the first sheet), header row then one graduate a row.
 * The sheet is streamed (a 200,000-row list loaded whole takes over 512 MB) and reading stops past maxRows.
 */
export async function importFromXlsx(file: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const run = new ImportRun(opts);
  let table: DataRows | null;
  try {
    const book = openXlsx(file);
    const sheet = pickSheet(book.sheetNames);
    if (sheet === undefined) return run.fail('file', 'EMPTY_FILE', 'The workbook has no sheet', 0);
    run.date1904 = book.date1904;
    table = await run.readSheet(book.rows(sheet));
  } catch (e) {
    if (!(e instanceof XlsxError)) throw e;
    return new ImportRun(opts).fail('file', 'UNREADABLE_FILE', e.message, 0);
  }
  if (table === null) return run.fail('file', 'EMPTY_FILE', 'The file has no rows', 0);
  return run.importRows(table, (line) => ` (sheet row ${line})`);
}

// ---------------------------------------------------------------------------------------------------
// One import: collects errors and warnings, validates rows

type Cell = string | number | boolean | Date | null | undefined;
interface TableRow {
  line: number; // line of the CSV file or row of the sheet, for messages
  cells: Cell[];
}
/** The rows after the header. */
interface DataRows {
  columns: Map<TemplateField, number>; // field → index in a row's cells
  rows: TableRow[]; // empty when the header has errors: they are not validated
  count: number;
  /** Reading stopped past maxRows: `count` is a lower bound. */
  stopped: boolean;
}

const JSON_FIELDS = new Set<string>([...GRADUATE_FIELDS, 'rowNo']);
const CREDENTIAL_KINDS = new Set<ImportOptions['credentialKind']>([
  'lowerSecondaryDiploma',
  'upperSecondaryDiploma',
  'generalEducationCompletion',
  'certificate',
]);

class ImportRun {
  readonly errors: RowError[] = [];
  readonly warnings: RowWarning[] = [];
  readonly graduates: GraduateInput[] = [];
  readonly maxRows: number;
  stopped = false;
  /** XLSX: the workbook counts date serials from 1904 (old Mac Excel). */
  date1904 = false;
  private warningsFull = false;
  private readonly byNameAndBirth = new Map<string, number>();
  private readonly byPersonalId = new Map<string, number>();
  // Many columns repeat a handful of values ("Nam", "Kinh", "Hà Nội"): normalise each value once.
  private readonly keyCache = new Map<string, string>();
  private readonly nfcCache = new Map<string, string>();

  constructor(private readonly opts: ImportOptions) {
    if (!CREDENTIAL_KINDS.has(opts.credentialKind)) {
      throw new RangeError(`Unknown credential kind: ${String(opts.credentialKind)}`);
    }
    if (!Number.isInteger(opts.graduationYear)) {
      throw new RangeError(`Graduation year must be an integer: ${opts.graduationYear}`);
    }
    this.maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  }

  error(row: number, field: string, code: string, message: string): void {
    if (this.stopped) return;
    if (this.errors.length >= MAX_ERRORS) {
      this.errors.push({
        row: 0,
        field: 'file',
        code: 'TOO_MANY_ERRORS',
        message: `More than ${MAX_ERRORS} errors; validation stopped`,
      });
      this.stopped = true;
      return;
    }
    this.errors.push({ row, field, code, message });
  }

  warn(row: number, field: string, code: string, message: string): void {
    if (this.warningsFull) return;
    if (this.warnings.length >= MAX_WARNINGS) {
      this.warnings.push({
        row: 0,
        field: 'file',
        code: 'TOO_MANY_WARNINGS',
        message: `More than ${MAX_WARNINGS} warnings; the rest are not listed`,
      });
      this.warningsFull = true;
      return;
    }
    this.warnings.push({ row, field, code, message });
  }

  fail(field: string, code: string, message: string, rowCount: number): ImportResult {
    this.error(0, field, code, message);
    return this.result(rowCount);
  }

  tooManyRows(rowCount: number, stopped = false): ImportResult {
    const rows = stopped ? `More than ${this.maxRows}` : String(rowCount);
    return this.fail('file', 'TOO_MANY_ROWS', `${rows} rows; at most ${this.maxRows} per import`, rowCount);
  }

  result(rowCount: number): ImportResult {
    const ok = this.errors.length === 0;
    return { graduates: ok ? this.graduates : [], errors: this.errors, warnings: this.warnings, rowCount };
  }

  /** Rows of a file (blank rows already dropped): find the header, map columns, validate the rest. */
  importTable(rows: TableRow[], where: (line: number) => string): ImportResult {
    if (rows.length === 0) return this.fail('file', 'EMPTY_FILE', 'The file has no rows', 0);
    const headerIndex = findHeaderRow(rows);
    const columns = this.mapColumns(rows[headerIndex].cells);
    const data = rows.slice(headerIndex + 1);
    return this.importRows({ columns, rows: data, count: data.length, stopped: false }, where);
  }

  /**
   * Sheet rows as they are read. The header is looked for in the first rows as in importTable; then each
   * data row keeps only the template columns (a sheet may be wide) and reading stops past maxRows. Null
   * when the sheet has no rows.
   */
  async readSheet(sheetRows: AsyncIterable<XlsxRow>): Promise<DataRows | null> {
    const head: TableRow[] = [];
    let table: SheetTable | undefined;
    for await (const { number, values } of sheetRows) {
      const cells = rowCells(values);
      if (cells === null) continue;
      if (table !== undefined) table.add(cells, number, this.errors.length === 0);
      else if (head.push({ line: number, cells }) === HEADER_SEARCH_ROWS) table = this.startSheet(head);
      if (table !== undefined && table.count > this.maxRows) {
        table.stopped = true;
        break;
      }
    }
    if (table === undefined && head.length > 0) table = this.startSheet(head);
    return table ?? null;
  }

  private startSheet(head: TableRow[]): SheetTable {
    const headerIndex = findHeaderRow(head);
    const table = new SheetTable(this.mapColumns(head[headerIndex].cells));
    for (const { cells, line } of head.slice(headerIndex + 1))
      table.add(cells, line, this.errors.length === 0);
    return table;
  }

  /** The rows after the header: counted, then validated one by one. */
  importRows(data: DataRows, where: (line: number) => string): ImportResult {
    const { columns, rows, count } = data;
    if (this.errors.length > 0) return this.result(count);
    if (count === 0) return this.fail('file', 'EMPTY_FILE', 'The file has a header but no data rows', 0);
    if (count > this.maxRows) return this.tooManyRows(count, data.stopped);
    for (let i = 0; i < rows.length && !this.stopped; i++) {
      const { cells, line } = rows[i];
      this.validate(i + 1, where(line), (f) => {
        const c = columns.get(f);
        return c === undefined ? undefined : cells[c];
      });
    }
    return this.result(count);
  }

  private mapColumns(headers: Cell[]): Map<TemplateField, number> {
    const columns = new Map<TemplateField, number>();
    headers.forEach((h, c) => {
      const header = cellText(h);
      if (header === null) return; // unnamed columns are ignored
      const field = fieldOfHeader(header);
      const column = columnName(c);
      if (field === undefined) {
        this.warn(
          0,
          'file',
          'UNKNOWN_COLUMN',
          `Column ${column} "${header}" is not in the template; ignored`,
        );
      } else if (columns.has(field)) {
        const first = columnName(columns.get(field) ?? 0);
        this.error(
          0,
          'file',
          'DUPLICATE_COLUMN',
          `Columns ${first} and ${column} both hold "${HEADER_OF.get(field)}"`,
        );
      } else {
        columns.set(field, c);
      }
    });
    for (const { field, header, required } of TEMPLATE_COLUMNS) {
      if (required && !columns.has(field)) {
        this.error(0, 'file', 'MISSING_COLUMN', `Required column "${header}" is missing`);
      }
    }
    return columns;
  }

  /** Validates one graduate. `json`: values must have JSON types; otherwise file cells, converted. */
  validate(row: number, where: string, get: (f: GraduateField) => unknown, json = false): void {
    const err = (field: GraduateField, code: string, message: string) =>
      this.error(row, field, code, message + where);
    const warn = (field: GraduateField, code: string, message: string) =>
      this.warn(row, field, code, message + where);

    // Text of a field: null when empty, undefined when invalid (already reported).
    const text = (field: GraduateField, required: boolean): string | null | undefined => {
      const raw = get(field);
      let s: string;
      if (raw === undefined || raw === null) s = '';
      else if (typeof raw === 'string') s = raw;
      else if (json) {
        err(field, 'INVALID_TYPE', `Expected a string, got ${Array.isArray(raw) ? 'array' : typeof raw}`);
        return undefined;
      } else s = fileCellText(raw as Exclude<Cell, null | undefined>);
      if (CONTROL_CHARS.test(s)) {
        err(field, 'INVALID_CHARACTERS', 'Contains control or unreadable characters');
        return undefined;
      }
      const value = this.nfc(s, REPEATING.has(field));
      if (value === '') {
        if (required) err(field, 'REQUIRED', `"${HEADER_OF.get(field)}" is required`);
        return null;
      }
      const max = MAX_LENGTH[field];
      if (max !== undefined && length(value) > max) {
        err(field, 'TOO_LONG', `At most ${max} characters`);
        return undefined;
      }
      return value;
    };

    const fullName = this.fullName(text('fullName', true), err, warn);
    const dateOfBirth = this.dateOfBirth(get('dateOfBirth'), json, err, text);
    const placeOfBirth = text('placeOfBirth', true);
    const gender = this.gender(text('gender', true), err);
    const ethnicity = this.ethnicity(text('ethnicity', true), err, warn);
    const nationality = text('nationality', false);
    const personalIdNumber = this.personalId(get('personalIdNumber'), json, err, text);
    const learnerCode = text('learnerCode', false);
    if (learnerCode && !LEARNER_CODE.test(learnerCode)) {
      err('learnerCode', 'INVALID_LEARNER_CODE', 'Up to 20 letters A–Z, digits and "-"');
    }
    const classification = this.classification(text('classification', false), err);
    const className = text('className', false);
    const examScores = text('examScores', false);
    if (examScores && this.opts.credentialKind !== 'upperSecondaryDiploma') {
      err('examScores', 'EXAM_SCORES_NOT_ALLOWED', 'Exam scores are recorded for THPT diplomas only');
    }

    // SYNC-3: soft check of the ID's century/gender and birth-year digits.
    if (personalIdNumber && dateOfBirth && gender) {
      const mismatch = personalIdMismatch(personalIdNumber, dateOfBirth, gender);
      if (mismatch) warn('personalIdNumber', 'PERSONAL_ID_MISMATCH', mismatch);
    }
    if (fullName && dateOfBirth) {
      const key = `${searchKey(fullName)}|${dateOfBirth}`;
      const earlier = this.byNameAndBirth.get(key);
      if (earlier === undefined) this.byNameAndBirth.set(key, row);
      else err('fullName', 'DUPLICATE_IN_FILE', `Same name and date of birth as row ${earlier}`);
    }
    if (personalIdNumber) {
      const earlier = this.byPersonalId.get(personalIdNumber);
      if (earlier === undefined) this.byPersonalId.set(personalIdNumber, row);
      else err('personalIdNumber', 'DUPLICATE_PERSONAL_ID', `Same personal ID number as row ${earlier}`);
    }

    if (this.errors.length > 0) return; // nothing will be imported; save the work
    if (
      fullName &&
      dateOfBirth &&
      placeOfBirth &&
      gender &&
      ethnicity &&
      nationality !== undefined &&
      personalIdNumber !== undefined &&
      learnerCode !== undefined &&
      classification !== undefined &&
      className !== undefined &&
      examScores !== undefined
    ) {
      this.graduates.push({
        fullName,
        dateOfBirth,
        placeOfBirth,
        gender,
        ethnicity,
        nationality: nationality ?? DEFAULT_NATIONALITY,
        personalIdNumber,
        learnerCode,
        classification,
        className,
        examScores,
      });
    }
  }

  private fullName(value: string | null | undefined, err: Report, warn: Report): string | undefined {
    if (!value) return undefined;
    const n = length(value);
    if (n < 2 || n > 100 || !NAME.test(value)) {
      err(
        'fullName',
        'INVALID_NAME',
        '2–100 characters: letters, spaces, apostrophes, hyphens and dots only',
      );
      return undefined;
    }
    // Some ethnic-minority names are one word: allowed, but worth a second look.
    if (!value.includes(' ')) warn('fullName', 'SINGLE_WORD_NAME', `"${value}" is a single word`);
    return value;
  }

  private dateOfBirth(raw: unknown, json: boolean, err: Report, text: TextOf): string | undefined {
    let iso: string | null;
    let shown: string;
    if (raw instanceof Date && !json) {
      // A real date cell: exceljs gives the UTC midnight of the day.
      iso = isoFromUtc(raw) || null;
      shown = 'the date cell';
    } else if (typeof raw === 'number' && !json) {
      // A number in the date column is an Excel date serial (a date cell without date format).
      iso = fromExcelSerial(raw, this.date1904);
      shown = `the Excel date number ${raw}`;
    } else {
      const s = text('dateOfBirth', true);
      if (!s) return undefined;
      iso = parseDate(s);
      shown = `"${s}"`;
    }
    if (iso === null) {
      err('dateOfBirth', 'INVALID_DATE', `${capitalise(shown)} is not a date in dd/MM/yyyy (or yyyy-MM-dd)`);
      return undefined;
    }
    const age = this.opts.graduationYear - Number(iso.slice(0, 4));
    if (age < MIN_AGE || age > MAX_AGE) {
      err(
        'dateOfBirth',
        'IMPLAUSIBLE_DATE',
        `Born ${iso}: ${age} years old in ${this.opts.graduationYear} (expected ${MIN_AGE}–${MAX_AGE})`,
      );
      return undefined;
    }
    return iso;
  }

  private gender(value: string | null | undefined, err: Report): Gender | undefined {
    if (!value) return undefined;
    const gender = GENDER_BY_KEY.get(this.key(value));
    if (gender === undefined) err('gender', 'INVALID_GENDER', `"${value}" is not Nam or Nữ`);
    return gender;
  }

  private ethnicity(value: string | null | undefined, err: Report, warn: Report): string | undefined {
    if (!value) return undefined;
    if (length(value) > 50 || !HAS_LETTER.test(value)) {
      err('ethnicity', 'INVALID_ETHNICITY', 'An ethnic group name of up to 50 characters');
      return undefined;
    }
    if (!KNOWN_ETHNICITY_KEYS.has(this.key(value))) {
      warn('ethnicity', 'UNKNOWN_ETHNICITY', `"${value}" is not one of the 54 recognised ethnic groups`);
    }
    return value;
  }

  private personalId(raw: unknown, json: boolean, err: Report, text: TextOf): string | null | undefined {
    if (!json && typeof raw === 'number') {
      // Excel drops the leading zeros of a number typed into a General cell. Every ID starts with 0 and a
      // province code 001–096, so it loses one or two; a shorter number (e.g. a 9-digit CMND) stays wrong.
      if (Number.isInteger(raw) && raw >= 1e9 && raw < 1e11) return String(raw).padStart(12, '0');
      err('personalIdNumber', 'INVALID_PERSONAL_ID', `Must be 12 digits, not the number ${raw}`);
      return undefined;
    }
    const value = text('personalIdNumber', false);
    if (!value) return value;
    const digits = value.replace(ID_SEPARATORS, '');
    if (!TWELVE_DIGITS.test(digits)) {
      const hint = LOST_ZEROS.test(digits) ? ' (leading zeros lost? keep the column as text)' : '';
      err('personalIdNumber', 'INVALID_PERSONAL_ID', `Must be 12 digits${hint}`);
      return undefined;
    }
    return digits;
  }

  private classification(value: string | null | undefined, err: Report): Classification | null | undefined {
    if (value === null || value === undefined) return value;
    // PRINT-5 / REG-15: no THCS classification from the 2024–25 cohort.
    if (!this.opts.classificationAllowed) {
      err('classification', 'CLASSIFICATION_NOT_ALLOWED', 'No graduation classification for this decision');
      return undefined;
    }
    const c = CLASSIFICATION_BY_KEY.get(this.key(value));
    if (c === undefined) {
      err('classification', 'INVALID_CLASSIFICATION', `"${value}" is not Xuất sắc, Giỏi, Khá or Trung bình`);
    }
    return c;
  }

  private key(value: string): string {
    let k = this.keyCache.get(value);
    if (k === undefined) {
      k = compactKey(value);
      if (this.keyCache.size < CACHE_SIZE) this.keyCache.set(value, k);
    }
    return k;
  }

  private nfc(s: string, repeating: boolean): string {
    if (PLAIN_ASCII.test(s)) return s; // dates, ID numbers, codes: already in storage form
    if (!repeating) return toNfc(s);
    let v = this.nfcCache.get(s);
    if (v === undefined) {
      v = toNfc(s);
      if (this.nfcCache.size < CACHE_SIZE) this.nfcCache.set(s, v);
    }
    return v;
  }
}

type Report = (field: GraduateField, code: string, message: string) => void;
type TextOf = (field: GraduateField, required: boolean) => string | null | undefined;

/** Data rows of a sheet holding only the mapped columns: memory grows with rows, not with the sheet's width. */
class SheetTable implements DataRows {
  readonly columns = new Map<TemplateField, number>();
  readonly rows: TableRow[] = [];
  count = 0;
  stopped = false;
  private readonly sheetColumns: number[] = [];

  constructor(columns: Map<TemplateField, number>) {
    for (const [field, c] of columns) {
      this.columns.set(field, this.sheetColumns.length);
      this.sheetColumns.push(c);
    }
  }

  add(cells: Cell[], line: number, keep: boolean): void {
    this.count++;
    if (keep) this.rows.push({ line, cells: this.sheetColumns.map((c) => cells[c]) });
  }
}

// ---------------------------------------------------------------------------------------------------
// Field helpers

/** Text of a non-string file cell. Numbers as written (12 → "12"); a date cell as yyyy-MM-dd. */
function fileCellText(v: Exclude<Cell, null | undefined>): string {
  return v instanceof Date ? isoFromUtc(v) : String(v);
}

/** d/M/yyyy with "/", "-" or "." (day first, as in Việt Nam), or ISO yyyy-MM-dd; null if not a real date. */
export function parseDate(s: string): string | null {
  let iso: string;
  const dmy = DAY_FIRST_DATE.exec(s);
  if (dmy !== null) {
    iso = `${dmy[4]}-${dmy[3].padStart(2, '0')}-${dmy[1].padStart(2, '0')}`;
  } else if (ISO_DATE.test(s)) {
    iso = s;
  } else {
    return null;
  }
  return isIsoDate(iso) ? iso : null;
}

// Excel dates carry no zone; exceljs turns them into the UTC midnight of the day. '' if out of range.
function isoFromUtc(d: Date): string {
  const y = d.getUTCFullYear();
  if (Number.isNaN(y) || y < 1 || y > 9999) return '';
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

// Serial 1 = 1900-01-01 (25569 = 1970-01-01, which absorbs Excel's phantom 1900-02-29); 1904 system: 0 = 1904-01-01.
function fromExcelSerial(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial) - 25569 + (date1904 ? 1462 : 0);
  return isoFromUtc(new Date(days * 86_400_000)) || null;
}

/** SYNC-3 (Decree 137/2015): digit 4 = century and gender, digits 5–6 = birth year; null when consistent. */
function personalIdMismatch(id: string, dateOfBirth: string, gender: Gender): string | null {
  const year = Number(dateOfBirth.slice(0, 4));
  const problems: string[] = [];
  const century = Math.floor(year / 100) - 19; // 0: 1900s, 1: 2000s, … up to 4: 2300s
  if (century >= 0 && century <= 4) {
    const expected = String(century * 2 + (gender === 'female' ? 1 : 0));
    if (id[3] !== expected) {
      problems.push(
        `digit 4 is ${id[3]}, expected ${expected} for a ${gender === 'female' ? 'woman' : 'man'} born in ${year}`,
      );
    }
  }
  if (id.slice(4, 6) !== dateOfBirth.slice(2, 4)) {
    problems.push(
      `digits 5–6 are ${id.slice(4, 6)}, expected ${dateOfBirth.slice(2, 4)} for a birth in ${year}`,
    );
  }
  return problems.length === 0
    ? null
    : `Personal ID does not match the birth date or gender: ${problems.join('; ')}`;
}

function length(s: string): number {
  return ASTRAL.test(s) ? [...s].length : s.length;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

// ---------------------------------------------------------------------------------------------------
// Tables: header detection, CSV, XLSX

function cellText(c: Cell): string | null {
  if (c === null || c === undefined) return null;
  const s = toNfc(c instanceof Date ? isoFromUtc(c) : String(c));
  return s === '' ? null : s;
}

function isBlank(c: Cell): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

// Title lines may sit above the header (the SYNC-4 sheets): the header is the first of the first rows
// naming at least two template columns, else the first row (whose missing columns are then reported).
function findHeaderRow(rows: TableRow[]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    let known = 0;
    for (const c of rows[i].cells) {
      const s = typeof c === 'string' ? c : null;
      if (s !== null && fieldOfHeader(s) !== undefined && ++known >= 2) return i;
    }
  }
  return 0;
}

function decodeText(file: Buffer): string | { problem: string } {
  if (file.length >= 4 && file.readUInt32BE(0) === 0x504b0304) {
    return { problem: 'This is an .xlsx (zip) file, not CSV' };
  }
  let encoding = 'utf-8';
  if (file.length >= 2 && file[0] === 0xff && file[1] === 0xfe) encoding = 'utf-16le';
  else if (file.length >= 2 && file[0] === 0xfe && file[1] === 0xff) encoding = 'utf-16be';
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return new TextDecoder(encoding, { fatal: true }).decode(file);
  } catch {
    return { problem: 'The file is not UTF-8 text (save it as "CSV UTF-8")' };
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** RFC 4180 with lenient edges: CRLF, LF or CR line ends; text after a closing quote is kept. */
export function parseCsv(text: string): { rows: TableRow[] } | { problem: string } {
  const delimiter = detectDelimiter(text).charCodeAt(0);
  const rows: TableRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let cells: string[] = [];
  let rowLine = 1;
  let blank = true;
  for (;;) {
    // One field starting at i.
    let field: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      let start = i + 1;
      let j = start;
      field = '';
      for (;;) {
        if (j >= n) return { problem: `Unclosed quote in the field starting on line ${startLine}` };
        const ch = text.charCodeAt(j);
        if (ch === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            field += text.slice(start, j + 1);
            j += 2;
            start = j;
            continue;
          }
          field += text.slice(start, j);
          j++;
          break;
        }
        if (ch === LF || (ch === CR && text.charCodeAt(j + 1) !== LF)) line++;
        j++;
      }
      const rest = j;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === delimiter || ch === CR || ch === LF) break;
        j++;
      }
      field += text.slice(rest, j);
      i = j;
    } else {
      let j = i;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === delimiter || ch === CR || ch === LF) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    cells.push(field);
    if (blank && field.trim() !== '') blank = false;

    if (i < n && text.charCodeAt(i) === delimiter) {
      i++;
      continue;
    }
    // End of record.
    if (!blank) rows.push({ line: rowLine, cells });
    if (i >= n) break;
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    if (i >= n) break;
    cells = [];
    blank = true;
    rowLine = line;
  }
  return { rows };
}

// The delimiter occurring most often outside quotes on the first non-blank line; comma on a tie.
function detectDelimiter(text: string): string {
  const counts = new Map<number, number>([
    [0x2c, 0],
    [0x3b, 0],
    [0x09, 0],
  ]);
  let inQuotes = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (ch === LF || ch === CR)) {
      if (seen) break;
    } else if (!inQuotes) {
      const count = counts.get(ch);
      if (count !== undefined) counts.set(ch, count + 1);
      if (ch > 0x20) seen = true;
    }
  }
  let best = 0x2c;
  for (const [ch, count] of counts) if (count > (counts.get(best) ?? 0)) best = ch;
  return String.fromCharCode(best);
}

/** Index of the sheet to read: "Danh sach", else "Data" (SYNC-4), else the first but the instructions. */
function pickSheet(names: string[]): number | undefined {
  const keys = names.map(compactKey);
  for (const name of ['danhsach', 'data']) {
    const i = keys.indexOf(name);
    if (i >= 0) return i;
  }
  const i = keys.findIndex((k) => k !== 'huongdan');
  return i >= 0 ? i : names.length > 0 ? 0 : undefined;
}

/** Cells of a sheet row (index 0 is column A), or null when all are blank. */
function rowCells(values: ExcelJS.CellValue[]): Cell[] | null {
  const cells: Cell[] = [];
  let empty = true;
  for (let c = 1; c < values.length; c++) {
    const cell = cellValue(values[c]);
    cells.push(cell);
    if (!isBlank(cell)) empty = false;
  }
  return empty ? null : cells;
}

/** A cell's value in the shapes the validator takes; numbers stay numbers (date serials, ID numbers). */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'number') return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date)) return result.error;
    return result;
  }
  if ('hyperlink' in v) return v.text;
  if ('error' in v) return v.error;
  return null;
}
