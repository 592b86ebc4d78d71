// One sheet of an .xlsx file, row by row, with ExcelJS's streaming reader and bounded memory.
//
// exceljs 4.4's stream.xlsx.WorkbookReader reads the zip in the order its parts are stored, and common
// files trip it up: Excel and ExcelJS store a sheet before the shared strings, so it copies the sheet to a
// temp file first (all of it, before any row: no early stop, a zip bomb fills the disk, and the file stays
// behind when reading stops early); it names sheets only when the workbook part came first and the target
// is relative; and it decodes each chunk as UTF-8 on its own, so a character split between two chunks turns
// into U+FFFD (14 cells of 60,000 in a 20,000-row Vietnamese list). The file is in memory anyway, so the zip
// directory is read here and the reader gets a zip of our making: only the parts it needs, inflated with
// size limits, in the order it needs them, each cut into chunks that end on a whole character.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A file that cannot be read as an .xlsx workbook; the message is for the user. */
export class XlsxError extends Error {}

export interface XlsxRow {
  /** Row number in the sheet, for messages. */
  number: number;
  /** Cell values by column number (1-based, sparse), as ExcelJS gives them. */
  values: ExcelJS.CellValue[];
}

export interface XlsxBook {
  /** Worksheet names in tab order. */
  sheetNames: string[];
  /** Date serials count from 1904-01-01 (old Mac Excel). */
  date1904: boolean;
  /** Rows of sheet `index` (some may be empty), read as they are iterated; throws XlsxError. */
  rows(index: number): AsyncGenerator<XlsxRow>;
}

export interface XlsxLimits {
  /** Unpacked size of the workbook, relationships and styles parts. */
  partBytes: number;
  /** Unpacked size of the shared strings, which are held in memory while the sheet is read. */
  sharedStringsBytes: number;
  /** Unpacked size of the sheet read; bounds the time a zip bomb can take. */
  sheetBytes: number;
  /** Longest text or tag (bytes between two "<"), give or take a chunk: a cell holds 32,767 characters. */
  textBytes: number;
  /** Last column with a value in a row. */
  columns: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  partBytes: 32 << 20,
  sharedStringsBytes: 128 << 20,
  sheetBytes: 1 << 30,
  textBytes: 1 << 20,
  columns: 200,
};

const NOT_XLSX = 'Not a readable .xlsx file (save it as Excel Workbook .xlsx)';
const MB = 1 << 20;

/** The sheet names and date system of an .xlsx file; its rows are read by `rows`. */
export function openXlsx(file: Buffer, limits: XlsxLimits = XLSX_LIMITS): XlsxBook {
  try {
    const zip = new ZipDirectory(file);
    const workbook = zip.read('xl/workbook.xml', limits.partBytes);
    const relsXml = zip.read('xl/_rels/workbook.xml.rels', limits.partBytes);
    if (workbook === undefined || relsXml === undefined) throw new XlsxError(NOT_XLSX);
    const xml = workbook.toString('utf8');
    const rels = relationships(relsXml.toString('utf8'));
    const sheets = worksheets(xml, rels).filter((s) => zip.has(s.part));
    const date1904 = workbookDate1904(xml);
    const parts = { sharedStrings: partOfType(rels, 'sharedStrings'), styles: partOfType(rels, 'styles') };
    return {
      sheetNames: sheets.map((s) => s.name),
      date1904,
      rows: (index) => sheetRows(zip, sheets[index].part, { ...parts, date1904 }, limits),
    };
  } catch (e) {
    throw e instanceof XlsxError ? e : new XlsxError(NOT_XLSX, { cause: e });
  }
}

// ---------------------------------------------------------------------------------------------------
// Rows through ExcelJS

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache', // number formats tell date cells, which then come as Date like the non-streaming reader
  hyperlinks: 'ignore',
  entries: 'ignore',
} as const;

// The names the reader looks for; relationships and workbook are written here (see readerInput).
const RELS_PART = 'xl/_rels/workbook.xml.rels';
const WORKBOOK_PART = 'xl/workbook.xml';
const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
const STYLES_PART = 'xl/styles.xml';
const SHEET_PART = 'xl/worksheets/sheet1.xml';

interface SheetParts {
  sharedStrings: string | undefined;
  styles: string | undefined;
  date1904: boolean;
}

async function* sheetRows(
  zip: ZipDirectory,
  sheet: string,
  parts: SheetParts,
  limits: XlsxLimits,
): AsyncGenerator<XlsxRow> {
  let input: Readable | undefined;
  try {
    input = Readable.from(readerInput(zip, sheet, parts, limits), { objectMode: false });
    const failure = new InputFailure(input);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, READER_OPTIONS);
    for await (const worksheet of failure.until(reader)) {
      for await (const row of failure.until(worksheet)) {
        const values = row.values as ExcelJS.CellValue[];
        if (values.length > limits.columns + 1) {
          throw new XlsxError(
            `Row ${row.number} has a value in column ${values.length - 1}; at most ${limits.columns} columns are read`,
          );
        }
        yield { number: row.number, values };
      }
    }
  } catch (e) {
    throw e instanceof XlsxError ? e : new XlsxError(NOT_XLSX, { cause: e });
  } finally {
    input?.destroy(); // stops inflating when the caller stops early
  }
}

/**
 * The zip the reader reads: relationships (none: the one sheet is found by its path), the date system,
 * shared strings (always, even empty: without them the reader copies the sheet to a temp file), styles,
 * then the sheet, all stored uncompressed. The reader checks no CRC, so none is computed.
 */
async function* readerInput(
  zip: ZipDirectory,
  sheet: string,
  parts: SheetParts,
  limits: XlsxLimits,
): AsyncGenerator<Buffer> {
  const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';
  yield* storedPart(RELS_PART, Buffer.from(rels));
  const date1904 = parts.date1904 ? ' date1904="1"' : '';
  const workbook = `<workbook xmlns="${MAIN_NS}"><workbookPr${date1904}/><sheets/></workbook>`;
  yield* storedPart(WORKBOOK_PART, Buffer.from(workbook));
  // Unpacked parts are not kept in variables here: this frame lives as long as the sheet is read.
  yield* storedPart(
    SHARED_STRINGS_PART,
    zip.read(parts.sharedStrings ?? SHARED_STRINGS_PART, limits.sharedStringsBytes) ??
      Buffer.from(`<sst xmlns="${MAIN_NS}"/>`),
  );
  yield* storedPart(STYLES_PART, zip.read(parts.styles ?? STYLES_PART, limits.partBytes));
  const size = zip.size(sheet);
  if (size > limits.sheetBytes) throw tooLarge('The sheet', limits.sheetBytes);
  yield localHeader(SHEET_PART, size);
  yield* checkedSheet(wholeCharacters(zip.chunks(sheet)), size, limits.textBytes);
  yield END_OF_ZIP; // the reader's unzip ends cleanly on an end-of-directory record
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The sheet as declared (a stored entry has its size up front), with no text or tag much longer than
 * `maxText` (checked across chunks, so a longer run is caught within a chunk's length).
 */
async function* checkedSheet(chunks: AsyncIterable<Buffer>, size: number, maxText: number) {
  let total = 0;
  let run = 0; // bytes since the last "<"
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > size) throw new XlsxError(NOT_XLSX);
    const first = chunk.indexOf(LT);
    if (first < 0) run += chunk.length;
    else if (run + first <= maxText) run = chunk.length - 1 - chunk.lastIndexOf(LT);
    else run = Infinity;
    if (run > maxText) {
      throw new XlsxError(`The sheet holds a text over ${formatBytes(maxText)}; not a graduate list`);
    }
    yield chunk;
  }
  if (total !== size) throw new XlsxError(NOT_XLSX);
}

const LT = 0x3c;

/**
 * The failure of the reader's input (a part too large or corrupt). The reader, waiting for the rest of the
 * part, would wait forever: each wait on it ends at the failure instead. (Not Promise.race with one pending
 * promise: each race would add to that promise a reaction holding the row it resolved to, all 200,000.)
 */
class InputFailure {
  private error: Error | undefined;
  private rejectWait: ((e: Error) => void) | undefined;

  constructor(input: Readable) {
    input.once('error', (e: Error) => {
      this.error = e;
      this.rejectWait?.(e);
    });
  }

  async *until<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const items = source[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.wait(items.next());
      if (next.done === true) return;
      yield next.value;
    }
  }

  private wait<T>(promise: Promise<T>): Promise<T> {
    if (this.error !== undefined) return Promise.reject(this.error);
    return new Promise<T>((resolve, reject) => {
      this.rejectWait = reject;
      promise.then(resolve, reject);
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Zip: the directory of the file, parts out of it, stored entries for the reader

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const CHUNK = 64 * 1024;

interface ZipEntry {
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  size: number; // as declared; checked while inflating
  offset: number; // of the local header
}

/** The entries of a zip held in memory, by lower-case name (part names ignore case). */
class ZipDirectory {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly file: Buffer) {
    const end = endOfDirectory(file);
    const count = file.readUInt16LE(end + 10);
    let p = file.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      if (file.readUInt32LE(p) !== DIRECTORY_ENTRY) throw new XlsxError(NOT_XLSX);
      const nameLength = file.readUInt16LE(p + 28);
      const name = file.toString('utf8', p + 46, p + 46 + nameLength).toLowerCase();
      this.entries.set(name, {
        method: file.readUInt16LE(p + 10),
        compressedSize: file.readUInt32LE(p + 20),
        size: file.readUInt32LE(p + 24),
        offset: file.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  size(name: string): number {
    return this.entry(name).size;
  }

  /** A whole part, unpacked; undefined if there is none. */
  read(name: string, max: number): Buffer | undefined {
    if (!this.has(name)) return undefined;
    const entry = this.entry(name);
    if (entry.size > max) throw tooLarge(`Part ${name}`, max);
    const data = this.data(entry);
    if (entry.method === 0) {
      if (data.length > max) throw tooLarge(`Part ${name}`, max);
      return data;
    }
    try {
      return inflateRawSync(data, { maxOutputLength: max });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge(`Part ${name}`, max) : new XlsxError(NOT_XLSX);
    }
  }

  /** A part unpacked as it is read. */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.entry(name);
    const data = this.data(entry);
    if (entry.method === 0) {
      yield* pieces(data);
      return;
    }
    const inflater = createInflateRaw();
    inflater.end(data);
    try {
      yield* inflater as AsyncIterable<Buffer>;
    } finally {
      inflater.destroy();
    }
  }

  private entry(name: string): ZipEntry {
    const entry = this.entries.get(name.toLowerCase());
    if (entry === undefined) throw new XlsxError(NOT_XLSX);
    return entry;
  }

  private data(entry: ZipEntry): Buffer {
    const p = entry.offset;
    if (this.file.readUInt32LE(p) !== LOCAL_HEADER || (entry.method !== 0 && entry.method !== 8)) {
      throw new XlsxError(NOT_XLSX);
    }
    const start = p + 30 + this.file.readUInt16LE(p + 26) + this.file.readUInt16LE(p + 28);
    if (start + entry.compressedSize > this.file.length) throw new XlsxError(NOT_XLSX);
    return this.file.subarray(start, start + entry.compressedSize);
  }
}

// The end-of-directory record: 22 bytes and a comment of up to 64 KB, at the end of the file.
function endOfDirectory(file: Buffer): number {
  for (let p = file.length - 22; p >= Math.max(0, file.length - 22 - 0xffff); p--) {
    if (file.readUInt32LE(p) === END_OF_DIRECTORY) return p;
  }
  throw new XlsxError(NOT_XLSX);
}

function tooLarge(what: string, max: number): XlsxError {
  return new XlsxError(`${what} is over ${formatBytes(max)} unpacked; not a graduate list`);
}

function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes} bytes`;
}

function* storedPart(name: string, data: Buffer | undefined): Generator<Buffer> {
  if (data === undefined) return;
  yield localHeader(name, data.length);
  yield* pieces(data);
}

/** Local header of a stored entry: no compression, no date, no CRC. */
function localHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(30 + Buffer.byteLength(name));
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  header.write(name, 30);
  return header;
}

const END_OF_ZIP = Buffer.alloc(22);
END_OF_ZIP.writeUInt32LE(END_OF_DIRECTORY, 0);

// ---------------------------------------------------------------------------------------------------
// UTF-8 chunks: the reader decodes each chunk alone, so none may end inside a character

function* pieces(data: Buffer): Generator<Buffer> {
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + CHUNK, data.length);
    if (end < data.length) end = Math.max(characterEnd(data, end), start + 1);
    yield data.subarray(start, end);
    start = end;
  }
}

async function* wholeCharacters(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const b = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const end = characterEnd(b, b.length);
    carry = end < b.length ? b.subarray(end) : undefined;
    if (end > 0) yield b.subarray(0, end);
  }
  if (carry !== undefined) yield carry;
}

/** `end`, or the start of the character `end` cuts through. Invalid UTF-8 is left to the decoder. */
function characterEnd(b: Buffer, end: number): number {
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (b[lead] & 0xc0) === 0x80) lead--; // continuation bytes 10xxxxxx
  if (lead < 0) return end;
  const byte = b[lead];
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return end - lead >= length ? end : lead;
}

// ---------------------------------------------------------------------------------------------------
// The workbook part and its relationships (small; their elements are flat, so patterns suffice)

interface Sheet {
  name: string;
  part: string;
}

const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Attributes of each `name` element (any namespace prefix). */
function* elements(xml: string, name: string): Generator<Map<string, string>> {
  const tag = new RegExp(`<(?:[\\w.-]+:)?${name}\\s((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'g');
  for (const m of xml.matchAll(tag)) {
    const attributes = new Map<string, string>();
    for (const a of m[1].matchAll(ATTRIBUTE)) attributes.set(a[1], unescapeXml(a[2] ?? a[3]));
    yield attributes;
  }
}

function unescapeXml(s: string): string {
  return s.replace(ENTITY, (_, hex?: string, dec?: string, named?: string) =>
    named !== undefined
      ? NAMED[named.toLowerCase()]
      : String.fromCodePoint(hex !== undefined ? parseInt(hex, 16) : Number(dec)),
  );
}

interface Relationship {
  type: string;
  part: string;
}

function relationships(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const a of elements(xml, 'Relationship')) {
    const [id, type, target] = [a.get('Id'), a.get('Type'), a.get('Target')];
    if (id && type && target && a.get('TargetMode') !== 'External')
      rels.set(id, { type, part: partName(target) });
  }
  return rels;
}

// Targets are relative to xl/, or absolute from the package root ("/xl/worksheets/sheet1.xml").
function partName(target: string): string {
  return posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
}

function partOfType(rels: Map<string, Relationship>, type: string): string | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(`/${type}`)) return rel.part;
  return undefined;
}

/** Worksheets in tab order (chart sheets and others are left out). */
function worksheets(xml: string, rels: Map<string, Relationship>): Sheet[] {
  const sheets: Sheet[] = [];
  for (const a of elements(xml, 'sheet')) {
    const id = [...a].find(([k]) => k.endsWith(':id'))?.[1];
    const rel = id === undefined ? undefined : rels.get(id);
    const name = a.get('name');
    if (name !== undefined && rel !== undefined && rel.type.endsWith('/worksheet')) {
      sheets.push({ name, part: rel.part });
    }
  }
  return sheets;
}

function workbookDate1904(xml: string): boolean {
  for (const a of elements(xml, 'workbookPr')) {
    const v = a.get('date1904');
    return v === '1' || v === 'true';
  }
  return false;
}
