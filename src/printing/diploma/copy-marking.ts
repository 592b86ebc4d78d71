import { dayMonthYear } from '../../common/calendar/working-day-calendar';
import { drawLine } from './draw';
import type { DiplomaTemplate, TextBox } from './template';
import { DiplomaPrintError } from './values';

/**
 * PRINT-7: what a copy from the register (bản sao từ sổ gốc) adds to the diploma's content. The
 * diploma's own fields carry the register's content, the original's serial and register number; the
 * place-and-date line and the signature block are the copy's (the custodian's current head).
 */
export interface CopyMarking {
  /** Số vào sổ cấp bản sao (NUM-6). */
  copyEntryNumber: string;
  /** The original's issue date (yyyy-MM-dd); the page's date line is the copy's. */
  originalIssuedOn: string;
  /** CORR-9: a copy shows that its content follows correction decisions. */
  corrections?: { decisionNo: string; decidedOn: string }[];
}

const RED = '#a3161b';
const INK = '#1d1d1f';

// Free areas of the common layout (layout.ts): between the national header (ends about 35 mm) and the
// title (top about 45 mm), and under the register number (182 mm) left of the signature block.
const MARK: TextBox = { xMm: 148.5, yMm: 43, align: 'center', maxWidthMm: 80, face: 'bold', sizePt: 15 };
const ORIGINAL_DATE: TextBox = {
  xMm: 50,
  yMm: 162,
  align: 'left',
  maxWidthMm: 75,
  face: 'italic',
  sizePt: 10,
};
const COPY_LABEL: TextBox = { xMm: 50, yMm: 194, align: 'left', maxWidthMm: 48, face: 'regular', sizePt: 11 };
const COPY_VALUE: TextBox = { xMm: 100, yMm: 194, align: 'left', maxWidthMm: 52, face: 'bold', sizePt: 12 };

export interface CopyMarkingText {
  originalDate: string;
  /** CORR-9: "Chỉnh sửa theo QĐ số … ngày …", or null. */
  correctedBy: string | null;
  copyEntryNumber: string;
}

// Above the original's date, right of the QR and left of the place-and-date line.
const CORRECTED: TextBox = { ...ORIGINAL_DATE, yMm: 157.5, maxWidthMm: 72, sizePt: 9 };

/** The marking's text, checked before a page is started (a bad record never leaves half a page). */
export function copyMarkingText(t: DiplomaTemplate, c: CopyMarking | null | undefined): CopyMarkingText {
  if (!c) throw new DiplomaPrintError('a copy needs its copy marking');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.originalIssuedOn);
  if (!m) throw new DiplomaPrintError(`invalid originalIssuedOn: ${JSON.stringify(c.originalIssuedOn)}`);
  const copyEntryNumber = c.copyEntryNumber.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!copyEntryNumber) throw new DiplomaPrintError('a copy needs its copy entry number');
  if (t.pageMm.height < 200) throw new DiplomaPrintError(`${t.id}: no room for the copy marking`);
  const corrected = (c.corrections ?? []).map(
    (k) => `QĐ số ${k.decisionNo} ngày ${dayMonthYear(k.decidedOn)}`,
  );
  const originalDate = `Bản chính cấp ngày ${m[3]}/${m[2]}/${m[1]}`;
  return {
    originalDate,
    correctedBy: corrected.length ? `Chỉnh sửa theo ${corrected.join(', ')}` : null,
    copyEntryNumber,
  };
}

/** Draws the "BẢN SAO" marking, the original's issue date and the copy entry number. */
export function drawCopyMarking(doc: PDFKit.PDFDocument, text: CopyMarkingText): void {
  doc.save();
  doc.fillColor(RED);
  drawLine(doc, 'BẢN SAO', MARK);
  doc.fillColor(INK);
  drawLine(doc, text.originalDate, ORIGINAL_DATE);
  if (text.correctedBy) drawLine(doc, text.correctedBy, CORRECTED);
  drawLine(doc, 'Số vào sổ cấp bản sao:', COPY_LABEL);
  drawLine(doc, text.copyEntryNumber, COPY_VALUE);
  doc.restore();
}
