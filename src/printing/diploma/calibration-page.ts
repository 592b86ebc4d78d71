import { drawLine } from './draw';
import type { DiplomaTemplate } from './template';
import { mm, type Calibration } from './units';

const GRID = '#7a7a7a';
const BOX = '#c0262d';
/** Millimetres per point: a box is one font size tall above its baseline. */
const PT_MM = 25.4 / 72;

/**
 * The calibration page (PRINT-6): printed on plain paper with the printer's profile and laid over a
 * blank, it shows where each field box lands. A 10 mm grid with millimetre rulers along the top and
 * left edges lets the office read the offset to correct; each field is drawn as a box with its name
 * and a cross on its anchor. Drawn inside the calibrated page transform, like the diplomas.
 */
export function drawCalibration(doc: PDFKit.PDFDocument, t: DiplomaTemplate, c: Calibration): void {
  const { width, height } = t.pageMm;
  doc.lineWidth(0.2).strokeColor(GRID);
  for (let x = 10; x < width; x += 10) doc.moveTo(mm(x), 0).lineTo(mm(x), mm(height));
  for (let y = 10; y < height; y += 10) doc.moveTo(0, mm(y)).lineTo(mm(width), mm(y));
  doc.stroke();
  doc.lineWidth(0.3);
  for (let x = 1; x < width; x++) doc.moveTo(mm(x), 0).lineTo(mm(x), mm(x % 5 === 0 ? 4 : 2));
  for (let y = 1; y < height; y++) doc.moveTo(0, mm(y)).lineTo(mm(y % 5 === 0 ? 4 : 2), mm(y));
  doc.stroke();
  doc.fillColor(GRID);
  for (let x = 20; x < width; x += 20)
    drawLine(doc, String(x), { xMm: x, yMm: 8, align: 'center', maxWidthMm: 10, face: 'regular', sizePt: 6 });
  for (let y = 20; y < height; y += 20)
    drawLine(doc, String(y), {
      xMm: 5,
      yMm: y + 1,
      align: 'left',
      maxWidthMm: 10,
      face: 'regular',
      sizePt: 6,
    });

  doc.lineWidth(0.4).strokeColor(BOX).fillColor(BOX);
  for (const f of t.fields) {
    const left =
      f.align === 'left' ? f.xMm : f.align === 'center' ? f.xMm - f.maxWidthMm / 2 : f.xMm - f.maxWidthMm;
    const top = f.yMm - f.sizePt * PT_MM;
    doc.rect(mm(left), mm(top), mm(f.maxWidthMm), mm(f.sizePt * PT_MM * 1.3)).stroke();
    doc
      .moveTo(mm(f.xMm - 1.5), mm(f.yMm))
      .lineTo(mm(f.xMm + 1.5), mm(f.yMm))
      .moveTo(mm(f.xMm), mm(f.yMm - 1.5))
      .lineTo(mm(f.xMm), mm(f.yMm + 1.5))
      .stroke();
    drawLine(doc, f.key, {
      xMm: left + 0.8,
      yMm: top + 2.4,
      align: 'left',
      maxWidthMm: f.maxWidthMm,
      face: 'regular',
      sizePt: 5.5,
    });
  }
  if (t.qr) doc.rect(mm(t.qr.xMm), mm(t.qr.yMm), mm(t.qr.sizeMm), mm(t.qr.sizeMm)).stroke();

  // The caption goes in the widest band free of field boxes, on white, so it hides no box or name.
  const top = freeBandTop(t, INFO_HEIGHT_MM);
  doc.rect(mm(width / 2 - INFO_WIDTH_MM / 2), mm(top), mm(INFO_WIDTH_MM), mm(INFO_HEIGHT_MM)).fill('#ffffff');
  doc.fillColor('#000000');
  const info = {
    xMm: width / 2,
    align: 'center',
    maxWidthMm: INFO_WIDTH_MM - 4,
    face: 'bold',
    sizePt: 11,
  } as const;
  drawLine(doc, `TRANG CĂN CHỈNH MÁY IN · ${t.id}`, { ...info, yMm: top + 6 });
  drawLine(doc, 'Printer calibration page', { ...info, face: 'italic', sizePt: 9, yMm: top + 11 });
  drawLine(
    doc,
    `Lệch ngang / X offset ${c.offsetXmm} mm · Lệch dọc / Y offset ${c.offsetYmm} mm · Tỉ lệ / scale ${c.scale}`,
    { ...info, face: 'regular', sizePt: 9, yMm: top + 16 },
  );
}

const INFO_WIDTH_MM = 140;
const INFO_HEIGHT_MM = 19;

/** The top of the tallest horizontal band between field boxes (and the page's 10 mm rulers), centred. */
function freeBandTop(t: DiplomaTemplate, heightMm: number): number {
  const boxes = t.fields
    // A multi-line field (lineMm set) gets room for its second line.
    .map((f) => [f.yMm - f.sizePt * PT_MM, f.yMm + f.sizePt * PT_MM * 0.3 + (f.lineMm ?? 0)])
    .concat(t.qr ? [[t.qr.yMm, t.qr.yMm + t.qr.sizeMm]] : [])
    .sort((a, b) => a[0] - b[0]);
  let best = { top: 10, size: -1 };
  let from = 10;
  for (const [start, end] of [...boxes, [t.pageMm.height - 10, t.pageMm.height]]) {
    if (start - from > best.size) best = { top: from, size: start - from };
    from = Math.max(from, end);
  }
  return best.top + Math.max(0, (best.size - heightMm) / 2);
}
