import { drawLine } from './draw';
import type { DiplomaTemplate } from './template';
import { mm, type Calibration } from './units';

const GRID = '#7a7a7a';
const BOX = '#c0262d';

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
    const top = f.yMm - f.sizePt * 0.3528;
    doc.rect(mm(left), mm(top), mm(f.maxWidthMm), mm(f.sizePt * 0.3528 * 1.3)).stroke();
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

  doc.fillColor('#000000');
  const info = { xMm: width / 2, align: 'center', maxWidthMm: 200, face: 'bold', sizePt: 11 } as const;
  drawLine(doc, `TRANG CĂN CHỈNH MÁY IN · ${t.id}`, { ...info, yMm: height / 2 - 4 });
  drawLine(doc, 'Printer calibration page', { ...info, face: 'italic', sizePt: 9, yMm: height / 2 + 1 });
  drawLine(
    doc,
    `Lệch ngang / X offset ${c.offsetXmm} mm · Lệch dọc / Y offset ${c.offsetYmm} mm · Tỉ lệ / scale ${c.scale}`,
    { ...info, face: 'regular', sizePt: 9, yMm: height / 2 + 7 },
  );
}
