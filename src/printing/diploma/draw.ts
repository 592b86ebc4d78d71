import type { StaticElement, TextBox } from './template';
import { mm } from './units';

/** Shrinking stops here; beyond it the text is condensed instead, so it stays legible and in its box. */
const MIN_SHRINK = 0.7;

/**
 * One line of text at a template anchor, shrunk (then condensed) to `maxWidthMm` rather than
 * running over the next box. Drawn without pdfkit's line wrapper (no width option): faster, and
 * it can never start a new page.
 */
export function drawLine(doc: PDFKit.PDFDocument, text: string, box: TextBox, yMm = box.yMm): void {
  const maxWidth = mm(box.maxWidthMm);
  doc.font(box.face).fontSize(box.sizePt);
  const natural = doc.widthOfString(text);
  let size = box.sizePt;
  let condense = 1;
  if (natural > maxWidth) {
    size = Math.max(box.sizePt * MIN_SHRINK, (box.sizePt * maxWidth) / natural);
    condense = Math.min(1, maxWidth / ((natural * size) / box.sizePt));
    doc.fontSize(size);
  }
  const width = (natural * size * condense) / box.sizePt;
  const anchor = mm(box.xMm);
  const x = box.align === 'left' ? anchor : box.align === 'center' ? anchor - width / 2 : anchor - width;
  const y = mm(yMm);
  if (condense < 1) {
    doc.save();
    doc.transform(condense, 0, 0, 1, x * (1 - condense), 0);
  }
  doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
  if (condense < 1) doc.restore();
}

/** A value or label that may have several lines ('\n'), `lineMm` apart. */
export function drawLines(
  doc: PDFKit.PDFDocument,
  text: string,
  box: TextBox,
  lineMm = box.sizePt * 0.45,
): void {
  text.split('\n').forEach((line, i) => drawLine(doc, line, box, box.yMm + i * lineMm));
}

/** Pre-printed parts of the blank, for preview and test prints on plain paper. */
export function drawStatic(
  doc: PDFKit.PDFDocument,
  s: StaticElement,
  pageMm: { width: number; height: number },
): void {
  switch (s.kind) {
    case 'frame':
      doc
        .lineWidth(s.widthPt)
        .strokeColor(s.color)
        .rect(
          mm(s.insetMm),
          mm(s.insetMm),
          mm(pageMm.width - 2 * s.insetMm),
          mm(pageMm.height - 2 * s.insetMm),
        )
        .stroke();
      return;
    case 'line':
      doc
        .lineWidth(s.widthPt)
        .strokeColor(s.color)
        .moveTo(mm(s.x1Mm), mm(s.y1Mm))
        .lineTo(mm(s.x2Mm), mm(s.y2Mm))
        .stroke();
      return;
    case 'text':
      doc.fillColor(s.color);
      drawLine(doc, s.vi, s);
      if (s.en) drawLine(doc, s.en.text, { ...s, face: s.en.face, sizePt: s.en.sizePt }, s.yMm + s.en.dyMm);
      return;
  }
}
