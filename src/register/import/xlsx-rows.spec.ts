import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { openXlsx, XLSX_LIMITS, XlsxError, type XlsxBook } from './xlsx-rows';

interface Part {
  name: string;
  content: string | Buffer;
  stored?: boolean;
  /** Replaces the deflated bytes (corrupt data). */
  packed?: Buffer;
  /** Declared unpacked size, when it should lie. */
  size?: number;
}

/** A zip of the parts in the given order, as any writer could store them. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.from(part.content);
    const packed = part.packed ?? (part.stored ? data : deflateRawSync(data));
    const name = Buffer.from(part.name);
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(part.stored ? 0 : 8, at);
      b.writeUInt32LE(crc32(data), at + 6);
      b.writeUInt32LE(packed.length, at + 10);
      b.writeUInt32LE(part.size ?? data.length, at + 14);
      b.writeUInt16LE(name.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 10);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    directory.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbookXml(sheets: string, pr = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${R_NS}>${pr}<sheets>${sheets}</sheets></workbook>`;
}

function relsXml(rels: [id: string, type: string, target: string][]): string {
  const items = rels.map(
    ([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`,
  );
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** A sheet of inline strings and numbers; row r holds `rows[r - 1]`. */
function sheetXml(rows: (string | number)[][]): string {
  const cell = (v: string | number, ref: string) =>
    typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const xml = rows.map(
    (cells, r) =>
      `<row r="${r + 1}">${cells.map((v, c) => cell(v, `${String.fromCharCode(65 + c)}${r + 1}`)).join('')}</row>`,
  );
  return `<worksheet ${NS}><sheetData>${xml.join('')}</sheetData></worksheet>`;
}

/** A workbook of one sheet "Danh sach" at xl/worksheets/sheet1.xml. */
function oneSheet(sheet: Partial<Part>, extra: Part[] = []): Buffer {
  return zip([
    { name: 'xl/workbook.xml', content: workbookXml('<sheet name="Danh sach" sheetId="1" r:id="rId1"/>') },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: relsXml([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
    },
    { name: 'xl/worksheets/sheet1.xml', content: '', ...sheet },
    ...extra,
  ]);
}

async function all(book: XlsxBook, sheet = 0): Promise<[number, unknown[]][]> {
  const rows: [number, unknown[]][] = [];
  for await (const { number, values } of book.rows(sheet)) rows.push([number, values.slice(1)]);
  return rows;
}

async function excelJs(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('openXlsx', () => {
  it('reads a workbook written by ExcelJS, which stores the shared strings after the sheet', async () => {
    const file = await excelJs((wb) => {
      wb.addWorksheet('Huong dan').addRow(['Hướng dẫn']);
      const ws = wb.addWorksheet('Danh sach');
      ws.addRow(['Họ và tên', 'Ngày sinh']);
      ws.addRow(['Nguyễn Văn An', new Date(Date.UTC(2007, 2, 15))]);
      ws.getCell('A4').value = 'Lê Thị Hoa';
    });
    expect(file.indexOf('xl/worksheets/sheet2.xml')).toBeLessThan(file.indexOf('xl/sharedStrings.xml'));
    const book = openXlsx(file);
    expect(book.sheetNames).toEqual(['Huong dan', 'Danh sach']);
    expect(book.date1904).toBe(false);
    expect(await all(book, 1)).toEqual([
      [1, ['Họ và tên', 'Ngày sinh']],
      [2, ['Nguyễn Văn An', new Date(Date.UTC(2007, 2, 15))]],
      [4, ['Lê Thị Hoa']],
    ]);
    expect(await all(book, 0)).toEqual([[1, ['Hướng dẫn']]]);
  });

  it('keeps Vietnamese text whole where it crosses a chunk boundary (shared and inline strings)', async () => {
    // 3-byte characters only: a chunk boundary inside the text almost surely splits one.
    const texts = Array.from({ length: 3000 }, (_, i) => `${'ễ'.repeat(40)} ${i}`);
    const shared = await excelJs((wb) => {
      const ws = wb.addWorksheet('Danh sach');
      for (const t of texts) ws.addRow([t]);
    });
    const inline = oneSheet({ content: sheetXml(texts.map((t) => [t])) });
    for (const file of [shared, inline]) {
      const rows = await all(openXlsx(file));
      expect(rows.map(([, [v]]) => v)).toEqual(texts);
    }
  });

  it('finds sheets by absolute targets, any part name or namespace prefix, and leaves out chart sheets', async () => {
    const file = zip([
      { name: 'xl/worksheets/data.xml', content: sheetXml([['second']]) },
      { name: 'xl/worksheets/sheet1.xml', content: sheetXml([['first']]) },
      {
        name: 'xl/workbook.xml',
        content:
          `<x:workbook xmlns:x="${NS.slice(7, -1)}" ${R_NS}><x:workbookPr date1904="true"/><x:sheets>` +
          `<x:sheet name="Biểu đồ" sheetId="3" r:id="rId3"/><x:sheet name="Trang 1" sheetId="1" r:id="rId1"/>` +
          `<x:sheet name="Danh s&#225;ch &amp; l&#x1EDB;p" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        content: relsXml([
          ['rId1', 'worksheet', '/xl/worksheets/sheet1.xml'],
          ['rId2', 'worksheet', 'worksheets/data.xml'],
          ['rId3', 'chartsheet', 'chartsheets/sheet1.xml'],
        ]),
      },
    ]);
    const book = openXlsx(file);
    expect(book.sheetNames).toEqual(['Trang 1', 'Danh sách & lớp']);
    expect(book.date1904).toBe(true);
    expect(await all(book, 0)).toEqual([[1, ['first']]]);
    expect(await all(book, 1)).toEqual([[1, ['second']]]);
  });

  it('gives date-formatted numbers as dates, in the 1904 system too', async () => {
    const styles =
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" s="1"><v>37694</v></c><c r="B1"><v>37694</v></c></row></sheetData></worksheet>`;
    const file = (pr: string) =>
      zip([
        { name: 'xl/workbook.xml', content: workbookXml('<sheet name="S" sheetId="1" r:id="rId1"/>', pr) },
        {
          name: 'xl/_rels/workbook.xml.rels',
          content: relsXml([
            ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
            ['rId2', 'styles', 'styles.xml'],
          ]),
        },
        { name: 'xl/worksheets/sheet1.xml', content: sheet },
        { name: 'xl/styles.xml', content: styles },
      ]);
    expect(await all(openXlsx(file('')))).toEqual([[1, [new Date(Date.UTC(2003, 2, 14)), 37694]]]);
    const book1904 = openXlsx(file('<workbookPr date1904="1"/>'));
    expect(book1904.date1904).toBe(true);
    expect(await all(book1904)).toEqual([[1, [new Date(Date.UTC(2007, 2, 15)), 37694]]]);
  });

  it('reads no further than the caller iterates', async () => {
    // Broken XML far enough on (past the first chunks read) that reading it would fail.
    const rows = [['a'], ['b'], ['c'], ...Array.from({ length: 10_000 }, () => [1])];
    const xml = sheetXml(rows).replace('</sheetData>', '<row r="10004"><c r="A4"><<<');
    const book = openXlsx(oneSheet({ content: xml }));
    const seen: unknown[] = [];
    for await (const row of book.rows(0)) {
      seen.push(row.values[1]);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    await expect(all(book)).rejects.toThrow(XlsxError); // the rest was never read
  });

  it('refuses what is not an .xlsx workbook', () => {
    const notXlsx = /^Not a readable \.xlsx file/;
    expect(() => openXlsx(Buffer.from('STT,Họ và tên\n'))).toThrow(notXlsx);
    expect(() => openXlsx(Buffer.from('PK\u0003\u0004garbage'))).toThrow(notXlsx);
    expect(() => openXlsx(zip([{ name: 'word/document.xml', content: '<w:document/>' }]))).toThrow(notXlsx);
    const truncated = oneSheet({ content: sheetXml([['a']]) });
    expect(() => openXlsx(truncated.subarray(0, truncated.length - 30))).toThrow(notXlsx);
  });

  it('fails, rather than waits forever, on a sheet that is corrupt or not the declared size', async () => {
    const content = sheetXml([['a'], ['b']]);
    const packed = deflateRawSync(Buffer.from(content));
    const corrupt = Buffer.from(packed);
    corrupt.fill(0xff, 10, 30);
    for (const sheet of [
      { content, packed: corrupt },
      { content, size: content.length + 100 },
      { content, size: content.length - 100 },
      { content, packed: packed.subarray(0, packed.length - 20) },
    ]) {
      await expect(all(openXlsx(oneSheet(sheet)))).rejects.toThrow(XlsxError);
    }
  });

  it('refuses a sheet, shared strings, a text or a row over the limits', async () => {
    const limits = { ...XLSX_LIMITS, sheetBytes: 5000, sharedStringsBytes: 5000, columns: 5 };
    const big = oneSheet({ content: sheetXml(Array.from({ length: 200 }, () => ['row'])) });
    await expect(all(openXlsx(big, limits))).rejects.toThrow('The sheet is over 5000 bytes unpacked');
    // Checked between chunks (64 KB): a longer text is caught within a chunk's length.
    const longText = oneSheet({ content: sheetXml([['x'.repeat(200_000)]]) });
    await expect(
      all(openXlsx(longText, { ...limits, sheetBytes: 1 << 20, textBytes: 1000 })),
    ).rejects.toThrow('The sheet holds a text over 1000 bytes; not a graduate list');
    const wide = oneSheet({
      content: sheetXml([
        [1, 2, 3],
        [1, 2, 3, 4, 5, 6],
      ]),
    });
    await expect(all(openXlsx(wide, limits))).rejects.toThrow(
      'Row 2 has a value in column 6; at most 5 columns are read',
    );
    const sst = `<sst ${NS}>${'<si><t>abc</t></si>'.repeat(400)}</sst>`;
    const strings = oneSheet({ content: sheetXml([['a']]) }, [
      { name: 'xl/sharedStrings.xml', content: sst },
    ]);
    await expect(all(openXlsx(strings, limits))).rejects.toThrow(/^Part xl\/sharedStrings.xml is over/);
  });
});
