import ExcelJS from 'exceljs';
import { registerBookColumns, registerCells, registerGroupHeaderLines } from './register-book-pdf';
import type { RegisterBookView } from './register-book-view';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The master register book as XLSX: sheet "So goc" with the title, then per graduation decision its
 * header lines (REG-4) and the REG-5 table (receiver-signature column kept, empty: REG-11); sheet
 * "Thong tin" with the book's metadata. Identifiers (serial, register number) are written as text so
 * leading zeros survive.
 */
export async function registerBookXlsx(view: RegisterBookView): Promise<Buffer> {
  const stamp = new Date(view.generatedAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VBCC Registry';
  wb.title = `Sổ gốc ${view.bookCode}`;
  if (!Number.isNaN(stamp.getTime())) wb.created = wb.modified = stamp;

  const cols = registerBookColumns(view.credentialCode);
  const n = cols.length;
  const ws = wb.addWorksheet('So goc', {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.xlsxWidth;
    if (c.identifier) col.numFmt = '@';
  });

  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = ws.addRow([text]);
    row.font = font;
    ws.mergeCells(row.number, 1, row.number, n);
    return row;
  };

  if (view.issuerSuperiorNameVi) line(view.issuerSuperiorNameVi.toUpperCase());
  line(view.issuerNameVi.toUpperCase(), { bold: true });
  const title = line(`SỔ GỐC CẤP ${view.credentialTitleVi} — NĂM ${view.year}`, { bold: true, size: 14 });
  title.alignment = { horizontal: 'center' };
  line(`Mã sổ: ${view.bookCode}${view.closedAt ? ` — Khóa sổ ngày ${view.closedAt}` : ''}`);

  let frozenAt = 0;
  for (const g of view.groups) {
    ws.addRow([]);
    registerGroupHeaderLines(view, g).forEach((l, i) => line(l, { bold: i === 0 }));
    const head = ws.addRow(cols.map((c) => c.header));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    head.eachCell((cell) => {
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    });
    if (!frozenAt) frozenAt = head.number;
    for (const r of g.rows) {
      const values: (string | number)[] = registerCells(r, cols);
      values[0] = r.rowNo; // STT is a count; everything else stays as printed (text)
      const row = ws.addRow(values);
      for (let i = 1; i <= n; i++) {
        const cell = row.getCell(i);
        cell.border = THIN;
        cell.alignment = { vertical: 'middle', wrapText: true, horizontal: cols[i - 1].align };
      }
    }
  }

  ws.addRow([]);
  const sig = Math.max(1, n - 4);
  const signature: [string, Partial<ExcelJS.Font>][] = [
    [`${view.placeName}, ngày ..... tháng ..... năm ${view.year}`, {}],
    [view.signerTitle.toUpperCase(), { bold: true }],
    ['(Ký, ghi rõ họ tên và đóng dấu)', { italic: true }],
  ];
  if (view.signerName) signature.push(['', {}], [view.signerName, { bold: true }]);
  for (const [text, font] of signature) {
    const row = ws.addRow([]);
    const cell = row.getCell(sig);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center' };
    ws.mergeCells(row.number, sig, row.number, n);
  }
  if (frozenAt) ws.views = [{ state: 'frozen', xSplit: 0, ySplit: frozenAt }];

  const info = wb.addWorksheet('Thong tin');
  info.columns = [
    { header: 'Thông tin', key: 'label', width: 34 },
    { header: 'Giá trị', key: 'value', width: 60 },
  ];
  info.getRow(1).font = { bold: true };
  const rowCount = view.groups.reduce((s, g) => s + g.rows.length, 0);
  const meta: [string, string | number][] = [
    ['Mã sổ (bookCode)', view.bookCode],
    ['Loại văn bằng (credentialCode)', view.credentialCode],
    ['Tên văn bằng', view.credentialTitleVi],
    ['Năm (year)', view.year],
    ['Cơ quan cấp trên', view.issuerSuperiorNameVi ?? ''],
    ['Đơn vị cấp (issuer)', view.issuerNameVi],
    ['Nơi cấp', view.placeName],
    ['Chức vụ người ký', view.signerTitle],
    ['Người ký', view.signerName ?? ''],
    ['Khóa sổ ngày (closedAt)', view.closedAt ?? ''],
    ['Thời điểm tạo (generatedAt)', view.generatedAt],
    ['Số quyết định công nhận tốt nghiệp', view.groups.length],
    ['Số dòng (row count)', rowCount],
  ];
  for (const [label, value] of meta) info.addRow({ label, value });
  info.getColumn(2).alignment = { horizontal: 'left' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
