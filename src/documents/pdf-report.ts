import PDFDocument from 'pdfkit';
import { FONTS } from './fonts';

export interface ReportColumn {
  header: string;
  /** Relative width; columns share the page width in proportion. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: string[][];
}

export interface ReportSection {
  heading?: string;
  paragraphs?: string[];
  table?: ReportTable;
}

export interface ReportSpec {
  /** Issuing body, top left (superior body, then the body itself). */
  issuer: string[];
  title: string;
  subtitle?: string[];
  sections: ReportSection[];
  /** Place and date line, signer title, name. */
  signature?: { placeAndDate: string; title: string; name?: string };
  landscape?: boolean;
  /** Document metadata title (PDF Info). */
  metaTitle: string;
}

const MARGIN = 40;

/**
 * A Vietnamese administrative report as PDF (national header, title, tables that continue across
 * pages with their header row repeated, signature block, "Trang x / y" on every page). Pages are
 * added only when content needs them, so there are no blank pages.
 */
export function renderReportPdf(spec: ReportSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: spec.landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: spec.metaTitle, Producer: 'VBCC Registry', Creator: 'VBCC Registry' },
  });
  doc.registerFont('sans', FONTS.sans);
  doc.registerFont('sansBold', FONTS.sansBold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const half = width / 2;
  const top = doc.y;
  doc.font('sansBold').fontSize(9);
  spec.issuer.forEach((line, i) =>
    doc
      .font(i === spec.issuer.length - 1 ? 'sansBold' : 'sans')
      .text(line.toUpperCase(), MARGIN, undefined, { width: half, align: 'center' }),
  );
  const leftBottom = doc.y;
  doc
    .font('sansBold')
    .fontSize(9)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + half, top, { width: half, align: 'center' });
  doc
    .font('sansBold')
    .text('Độc lập - Tự do - Hạnh phúc', MARGIN + half, undefined, { width: half, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 16;
  doc.font('sansBold').fontSize(13).text(spec.title, MARGIN, undefined, { width, align: 'center' });
  for (const s of spec.subtitle ?? [])
    doc.font('sans').fontSize(10).text(s, MARGIN, undefined, { width, align: 'center' });
  doc.moveDown(0.8);

  for (const section of spec.sections) {
    if (section.heading) {
      ensureSpace(doc, 40);
      doc.font('sansBold').fontSize(10.5).text(section.heading, MARGIN, undefined, { width });
      doc.moveDown(0.3);
    }
    for (const p of section.paragraphs ?? [])
      doc.font('sans').fontSize(9.5).text(p, MARGIN, undefined, { width });
    if (section.table) drawTable(doc, section.table, width);
    doc.moveDown(0.6);
  }

  if (spec.signature) {
    ensureSpace(doc, 90);
    doc.moveDown(0.5);
    doc
      .font('sans')
      .fontSize(10)
      .text(spec.signature.placeAndDate, MARGIN + half, undefined, { width: half, align: 'center' });
    doc
      .font('sansBold')
      .text(spec.signature.title.toUpperCase(), MARGIN + half, undefined, { width: half, align: 'center' });
    doc
      .font('sans')
      .fontSize(8.5)
      .text('(Ký, ghi rõ họ tên và đóng dấu)', MARGIN + half, undefined, { width: half, align: 'center' });
    if (spec.signature.name) {
      doc.moveDown(3);
      doc
        .font('sansBold')
        .fontSize(10)
        .text(spec.signature.name, MARGIN + half, undefined, { width: half, align: 'center' });
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font('sans')
      .fontSize(8)
      .text(`Trang ${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, width: number): void {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width);
  const pad = 3;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(8.5);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, h: number) => {
    let x = MARGIN;
    const y = doc.y;
    doc.font(font).fontSize(8.5);
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke();
      doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: table.columns[i].align ?? 'left' });
      x += widths[i];
    });
    doc.y = y + h;
    doc.x = MARGIN;
  };
  const headers = table.columns.map((c) => c.header);
  const headerH = rowHeight(headers, 'sansBold');
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  if (doc.y + headerH * 2 > bottom()) doc.addPage();
  drawRow(headers, 'sansBold', headerH);
  for (const row of table.rows) {
    const h = rowHeight(row, 'sans');
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawRow(headers, 'sansBold', headerH);
    }
    drawRow(row, 'sans', h);
  }
}
