import PDFDocument from 'pdfkit';
import { FONTS } from '../../documents/fonts';
import type { RegisterBookView, RegisterGroupView, RegisterRowView } from './register-book-view';

/** A column of the master register, REG-5 order. Shared by the PDF and the XLSX rendering. */
export interface RegisterColumn {
  key: keyof RegisterRowView | 'receiverSignature';
  header: string;
  /** PDF width in millimetres; flexible columns share what the fixed ones leave, by weight. */
  mm?: number;
  flex?: number;
  align: 'left' | 'center' | 'right';
  /** XLSX column width (characters). */
  xlsxWidth: number;
  /** An identifier that must stay text in a spreadsheet (leading zeros). */
  identifier?: boolean;
}

/** REG-5 columns in order; "Điểm thi" only in THPT books; the classification column always stays (REG-15). */
export function registerBookColumns(credentialCode: string): RegisterColumn[] {
  const thpt = credentialCode === 'THPT';
  const cols: (RegisterColumn | null)[] = [
    { key: 'rowNo', header: 'STT', mm: 9, align: 'center', xlsxWidth: 7 },
    { key: 'fullName', header: 'Họ và tên', flex: 3, align: 'left', xlsxWidth: 30 },
    { key: 'dateOfBirth', header: 'Ngày tháng năm sinh', mm: 19, align: 'center', xlsxWidth: 13 },
    { key: 'placeOfBirth', header: 'Nơi sinh', flex: 2, align: 'left', xlsxWidth: 24 },
    { key: 'gender', header: 'Giới tính', mm: 12, align: 'center', xlsxWidth: 9 },
    { key: 'ethnicity', header: 'Dân tộc', mm: 14, align: 'center', xlsxWidth: 11 },
    thpt ? { key: 'examScores', header: 'Điểm thi', mm: 30, align: 'left', xlsxWidth: 30 } : null,
    { key: 'classification', header: 'Xếp loại tốt nghiệp', mm: 16, align: 'center', xlsxWidth: 12 },
    {
      key: 'serialNumber',
      header: 'Số hiệu văn bằng',
      mm: 23,
      align: 'center',
      xlsxWidth: 16,
      identifier: true,
    },
    {
      key: 'registerEntryNumber',
      header: 'Số vào sổ gốc cấp văn bằng',
      mm: 25,
      align: 'center',
      xlsxWidth: 20,
      identifier: true,
    },
    // REG-11: left empty for the receiver's handwritten signature at handover, so it must be wide.
    { key: 'receiverSignature', header: 'Chữ ký người nhận bằng', mm: 34, align: 'center', xlsxWidth: 22 },
    { key: 'remarks', header: 'Ghi chú', flex: 2, align: 'left', xlsxWidth: 28 },
  ];
  return cols.filter((c): c is RegisterColumn => c !== null);
}

/** The printed text of each cell of a row, in column order. */
export function registerCells(row: RegisterRowView, cols: RegisterColumn[]): string[] {
  return cols.map((c) => {
    if (c.key === 'receiverSignature') return '';
    const v = row[c.key];
    return v === null ? '' : String(v).normalize('NFC');
  });
}

/** Group header lines (REG-4); the exam lines only for THPT books and only when present. */
export function registerGroupHeaderLines(view: RegisterBookView, g: RegisterGroupView): string[] {
  const lines = [
    `Quyết định công nhận tốt nghiệp số ${g.decisionNo} ngày ${g.decidedOn}`,
    `Năm tốt nghiệp: ${g.graduationYear}`,
    `Trường: ${g.schoolName}`,
    `Hình thức học: ${g.studyMode}`,
  ];
  if (view.credentialCode === 'THPT') {
    if (g.examName) lines.push(`Kỳ thi: ${g.examName}`);
    if (g.examSessionDate) lines.push(`Khóa thi/ngày thi: ${g.examSessionDate}`);
    if (g.examCouncil) lines.push(`Hội đồng thi: ${g.examCouncil}`);
  }
  return lines;
}

const MM = 72 / 25.4;
/** 10 mm all round, plus 10 mm on the left for the cross-page seal (giáp lai, REG-8); footer below. */
const MARGINS = { top: 10 * MM, right: 10 * MM, left: 20 * MM, bottom: 15 * MM };
const FOOTER_Y = 8 * MM; // footer baseline area, measured from the bottom edge

const BODY_SIZE = 8;
const HEAD_SIZE = 7.5;
const PAD = 2.5;
/** Room for a handwritten signature in the REG-11 column (about 8 mm). */
const MIN_ROW_H = 8 * MM;
const GROUP_GAP = 10;
const SIGNATURE_GAP = 4;
/** Room for the handwritten signature and seal between the title and the name. */
const SIGNATURE_SPACE = 60;
const SIGNATURE_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';

interface Cell {
  text: string;
  /** Height of the text block. */
  h: number;
  /** Width when the text fits on one line (drawn without the line wrapper), else null. */
  w: number | null;
}

/**
 * The master register book (sổ gốc cấp văn bằng) as a printable, deterministic PDF (REG-3 – REG-8,
 * REG-11, REG-15, PRINT-8): A4 landscape, a title block with the page count on the first page, one
 * header block per graduation decision, the REG-5 table continuing across pages with its header row
 * repeated, the signature block after the last group and "Trang x / y" on every page.
 */
export function registerBookPdf(view: RegisterBookView): Promise<Buffer> {
  const stamp = fixedDate(view.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGINS,
    bufferPages: true,
    info: {
      Title: `Sổ gốc ${view.bookCode}`,
      Subject: `Sổ gốc cấp ${view.credentialTitleVi} năm ${view.year}`,
      Author: view.issuerNameVi,
      Producer: 'VBCC Registry',
      Creator: 'VBCC Registry',
      // REG-8: the same view must give the same bytes, so the stored hash means something.
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  doc.registerFont('sans', FONTS.sans);
  doc.registerFont('sansBold', FONTS.sansBold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const half = width / 2;
  const bottom = () => doc.page.height - MARGINS.bottom;
  const centred = (text: string, font: string, size: number, x = left, w = width) =>
    doc.font(font).fontSize(size).text(text, x, undefined, { width: w, align: 'center' });

  // ---- Title block (first page) -------------------------------------------------------------
  const top = doc.y;
  if (view.issuerSuperiorNameVi) centred(view.issuerSuperiorNameVi.toUpperCase(), 'sans', 9.5, left, half);
  const issuer = view.issuerNameVi.toUpperCase();
  centred(issuer, 'sansBold', 9.5, left, half);
  const issuerRule = Math.min(half, doc.widthOfString(issuer)) / 3;
  rule(doc, left + (half - issuerRule) / 2, doc.y + 2, issuerRule);
  const leftBottom = doc.y + 4;
  doc.y = top;
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'sansBold', 9.5, left + half, half);
  centred('Độc lập - Tự do - Hạnh phúc', 'sansBold', 10, left + half, half);
  doc.font('sansBold').fontSize(10);
  const mottoW = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  rule(doc, left + half + (half - mottoW) / 2, doc.y + 2, mottoW);
  doc.y = Math.max(leftBottom, doc.y + 4) + 18;

  centred(`SỔ GỐC CẤP ${view.credentialTitleVi}`, 'sansBold', 15);
  centred(`Năm ${view.year}`, 'sansBold', 12);
  doc.moveDown(0.2);
  centred(`Mã sổ: ${view.bookCode}`, 'sans', 9.5);
  // REG-8: the page count goes on the cover; it is only known after layout, so reserve the line.
  doc.font('sans').fontSize(9.5);
  const pageCountY = doc.y;
  doc.y += doc.currentLineHeight(true);
  if (view.closedAt) centred(`Khóa sổ ngày ${view.closedAt}`, 'sans', 9.5);
  doc.y += GROUP_GAP;

  // ---- Table geometry -------------------------------------------------------------------------
  const cols = registerBookColumns(view.credentialCode);
  const fixed = cols.reduce((s, c) => s + (c.mm ?? 0) * MM, 0);
  const flexTotal = cols.reduce((s, c) => s + (c.flex ?? 0), 0);
  const widths = cols.map((c) =>
    c.mm !== undefined ? c.mm * MM : ((width - fixed) * (c.flex ?? 0)) / flexTotal,
  );
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), left);
  const inner = widths.map((w) => w - 2 * PAD);

  const measure = (texts: string[], font: string, size: number, minH = 0): { cells: Cell[]; h: number } => {
    doc.font(font).fontSize(size);
    const lineH = doc.currentLineHeight(true);
    let max = lineH;
    const cells = texts.map((text, i): Cell => {
      if (text === '') return { text, h: 0, w: null };
      // Most cells hold one line: measure its width only, and draw it without the line wrapper.
      const w = text.includes('\n') ? Infinity : doc.widthOfString(text);
      if (w <= inner[i]) return { text, h: lineH, w };
      const h = doc.heightOfString(text, { width: inner[i] });
      if (h > max) max = h;
      return { text, h, w: null };
    });
    return { cells, h: Math.max(max + 2 * PAD, minH) };
  };

  const drawRow = (cells: Cell[], h: number, font: string, size: number, shade: boolean) => {
    const y = doc.y;
    if (shade) doc.rect(left, y, width, h).fill('#e8e8e8').fillColor('black');
    doc.lineWidth(0.5).rect(left, y, width, h);
    for (let i = 1; i < xs.length; i++) doc.moveTo(xs[i], y).lineTo(xs[i], y + h);
    doc.stroke();
    doc.font(font).fontSize(size);
    cells.forEach((c, i) => {
      if (c.text === '') return;
      const ty = y + (h - c.h) / 2;
      if (c.w === null) doc.text(c.text, xs[i] + PAD, ty, { width: inner[i], align: cols[i].align });
      else {
        const slack = inner[i] - c.w;
        const dx = cols[i].align === 'center' ? slack / 2 : cols[i].align === 'right' ? slack : 0;
        doc.text(c.text, xs[i] + PAD + dx, ty, { lineBreak: false });
      }
    });
    doc.x = left;
    doc.y = y + h;
  };

  const header = measure(
    cols.map((c) => c.header),
    'sansBold',
    HEAD_SIZE,
  );
  const drawHeader = () => drawRow(header.cells, header.h, 'sansBold', HEAD_SIZE, true);
  const lastGroup = view.groups.length - 1;

  // The signature block (PRINT-8), measured once so the last row can carry it onto the same page.
  const signerTitle = view.signerTitle.toUpperCase();
  const placeAndDate = `${view.placeName}, ngày ..... tháng ..... năm ${view.year}`;
  const signatureH =
    SIGNATURE_GAP +
    doc.font('sans').fontSize(10).heightOfString(placeAndDate, { width: half }) +
    doc.font('sansBold').fontSize(10).heightOfString(signerTitle, { width: half }) +
    doc.font('sans').fontSize(8.5).heightOfString(SIGNATURE_HINT, { width: half }) +
    (view.signerName
      ? SIGNATURE_SPACE + doc.font('sansBold').fontSize(10).heightOfString(view.signerName, { width: half })
      : 0);

  // ---- Groups ----------------------------------------------------------------------------------
  view.groups.forEach((g, gi) => {
    const lines = registerGroupHeaderLines(view, g);
    doc.font('sansBold').fontSize(10);
    let groupH = doc.heightOfString(lines[0], { width });
    doc.font('sans').fontSize(9.5);
    for (const l of lines.slice(1)) groupH += doc.heightOfString(l, { width });
    groupH += 4 + header.h;

    const measured = g.rows.map((r) => measure(registerCells(r, cols), 'sans', BODY_SIZE, MIN_ROW_H));
    const isLastRow = (ri: number) => gi === lastGroup && ri === g.rows.length - 1;
    const need = (ri: number) => measured[ri].h + (isLastRow(ri) ? GROUP_GAP + signatureH : 0);

    // Keep the group header with its table header and first row (and the signature if that is all).
    const firstNeed = g.rows.length ? need(0) : gi === lastGroup ? GROUP_GAP + signatureH : 0;
    const fresh = doc.y <= MARGINS.top + 1;
    if (!fresh && doc.y + groupH + firstNeed > bottom()) doc.addPage();

    doc.font('sansBold').fontSize(10).text(lines[0], left, undefined, { width, align: 'left' });
    for (const l of lines.slice(1)) doc.font('sans').fontSize(9.5).text(l, left, undefined, { width });
    doc.y += 4;
    drawHeader();

    const continuation = `(tiếp theo) Quyết định số ${g.decisionNo} ngày ${g.decidedOn}`;
    g.rows.forEach((_, ri) => {
      const m = measured[ri];
      // The last row goes over with the signature rather than leave the signature alone on a page.
      if (doc.y + need(ri) > bottom() && doc.y > MARGINS.top + header.h + 20) {
        doc.addPage();
        doc.font('sans').fontSize(8).text(continuation, left, undefined, { width, align: 'left' });
        doc.y += 2;
        drawHeader();
      }
      drawRow(m.cells, m.h, 'sans', BODY_SIZE, false);
    });
    doc.y += GROUP_GAP;
  });

  // ---- Signature block (PRINT-8, ORG-4: the signer's real title) ---------------------------------
  if (doc.y + signatureH > bottom()) doc.addPage();
  doc.y += SIGNATURE_GAP;
  centred(placeAndDate, 'sans', 10, left + half, half);
  centred(signerTitle, 'sansBold', 10, left + half, half);
  centred(SIGNATURE_HINT, 'sans', 8.5, left + half, half);
  if (view.signerName) {
    doc.y += SIGNATURE_SPACE;
    centred(view.signerName, 'sansBold', 10, left + half, half);
  }

  // ---- Page count on the cover, footers on every page -----------------------------------------
  const range = doc.bufferedPageRange();
  const total = range.count;
  const footerLeft = `Sổ gốc ${view.bookCode} — in lúc ${view.generatedAt}`;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    if (i === 0)
      doc
        .font('sans')
        .fontSize(9.5)
        .text(`Sổ này có ${total} trang, đánh số từ trang 1 đến trang ${total}`, left, pageCountY, {
          width,
          align: 'center',
          lineBreak: false,
        });
    const y = doc.page.height - FOOTER_Y;
    doc
      .font('sans')
      .fontSize(6.5)
      .text(footerLeft, left, y + 1, { width: width / 3, lineBreak: false });
    doc
      .font('sans')
      .fontSize(8.5)
      .text(`Trang ${i + 1} / ${total}`, left + width / 3, y, {
        width: width / 3,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}

function rule(doc: PDFKit.PDFDocument, x: number, y: number, w: number): void {
  doc
    .lineWidth(0.6)
    .moveTo(x, y)
    .lineTo(x + w, y)
    .stroke();
}

/** The PDF dates come from the view, not the clock, so rendering is reproducible. */
function fixedDate(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}
