import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { drawCalibration } from './calibration-page';
import { copyMarkingText, drawCopyMarking } from './copy-marking';
import { drawLines, drawStatic } from './draw';
import { registerFaces } from './fonts';
import type { DiplomaPrint } from './model';
import { releaseWrittenPages, trimLayoutCaches } from './pdfkit-pages';
import { qrPathOps } from './qr';
import type { DiplomaTemplate } from './template';
import { templateFor } from './templates';
import { assertCalibration, mm, type Calibration } from './units';
import { printedValues, type PrintedValues } from './values';

/** `copy`: the whole diploma like a preview, without the test watermark, marked "BẢN SAO" (PRINT-7). */
export type PrintMode = 'preview' | 'overlay' | 'copy';

export interface DiplomaPdfOptions {
  /** `overlay`: only the variable fields and the QR, onto the blank (PRINT-6); `preview`: the whole diploma. */
  mode: PrintMode;
  calibration: Calibration;
  /** PDF metadata title. */
  title?: string;
}

export interface DiplomaPdf {
  /**
   * Adds one page for `d`, on `template` (default: the one in force on `d.issuedOn`, PRINT-9; pass the
   * current one for re-issues and copies). Resolves once the page is written to the output and the
   * output has room for more.
   */
  add(d: DiplomaPrint, template?: DiplomaTemplate): Promise<void>;
  /** Adds a calibration page for `template` (see `calibrationPage`). */
  addCalibrationPage(template: DiplomaTemplate): Promise<void>;
  /** Finishes the PDF and ends `out`; resolves when `out` has flushed. */
  end(): Promise<void>;
  readonly pageCount: number;
}

const PREVIEW_INK = '#000000';
/** How often, in pages, the font layout caches are trimmed, and to what size (see `trimLayoutCaches`). */
const TRIM_EVERY = 500;
const LAYOUT_CACHE_WORDS = 1000;
const WATERMARK = '#ece7e7';

/**
 * Streams a PDF of diplomas, one page each, to `out`. pdfkit writes each page as soon as it is
 * finished (no page buffering) and the fonts once at the end, so memory does not grow with the
 * number of pages; `add` waits whenever `out` asks for it to drain.
 */
export function openDiplomaPdf(out: NodeJS.WritableStream, opts: DiplomaPdfOptions): DiplomaPdf {
  assertCalibration(opts.calibration);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: false,
    margin: 0,
    info: { Title: opts.title ?? 'Văn bằng', Producer: 'VBCC Registry', Creator: 'VBCC Registry' },
  });
  registerFaces(doc);
  let failure: Error | null = null;
  let needsDrain = false;
  let released = 0;
  let pageCount = 0;
  let ended = false;
  const fail = (e: Error) => (failure ??= e);
  doc.on('error', fail);
  out.on('error', fail);
  doc.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) needsDrain = true;
  });
  doc.on('end', () => out.end());
  // Start the flow now (hand over what pdfkit has written so far; later writes go straight to 'data'):
  // otherwise it starts on a process tick, which a caller whose awaits never reach real I/O (records
  // already in memory) never yields to, and the whole PDF is buffered inside pdfkit.
  while (doc.read() !== null);

  const check = () => {
    if (failure) throw failure;
    if (ended) throw new Error('diploma PDF already ended');
  };

  /** Starts a page of `template`'s size with the printer's calibration as the page transform. */
  const startPage = (template: DiplomaTemplate) => {
    doc.addPage({ size: [mm(template.pageMm.width), mm(template.pageMm.height)], margin: 0 });
    const c = opts.calibration;
    doc.transform(c.scale, 0, 0, c.scale, mm(c.offsetXmm), mm(c.offsetYmm));
  };

  const finishPage = async () => {
    doc.flushPages();
    released = releaseWrittenPages(doc, released);
    pageCount++;
    if (pageCount % TRIM_EVERY === 0) trimLayoutCaches(doc, LAYOUT_CACHE_WORDS);
    if (needsDrain) {
      needsDrain = false;
      // `once` rejects if `out` fails while we wait.
      await once(out as NodeJS.EventEmitter, 'drain');
    }
    if (failure) throw failure;
  };

  return {
    get pageCount() {
      return pageCount;
    },
    async add(d, template = templateFor(d.credentialType, d.issuedOn)) {
      check();
      const values = printedValues(d, template);
      const copy = opts.mode === 'copy' ? copyMarkingText(template, d.copy) : null;
      startPage(template);
      if (opts.mode !== 'overlay') drawPreviewBlank(doc, template, values, opts.mode === 'preview');
      drawFields(doc, template, values, opts.mode);
      if (copy) drawCopyMarking(doc, copy);
      // As bytes: pdfkit converts a string operand to bytes one character at a time (and appends '\n').
      if (template.qr && d.qr)
        doc.fillColor('#000000').addContent(Buffer.from(`${qrPathOps(d.qr, template.qr)}\n`, 'latin1'));
      await finishPage();
    },
    async addCalibrationPage(template) {
      check();
      startPage(template);
      drawCalibration(doc, template, opts.calibration);
      await finishPage();
    },
    async end() {
      check();
      ended = true;
      const finished = once(out, 'finish');
      doc.end();
      await finished;
      if (failure) throw failure;
    },
  };
}

function drawPreviewBlank(
  doc: PDFKit.PDFDocument,
  t: DiplomaTemplate,
  values: PrintedValues,
  watermark = true,
): void {
  // A test print on plain paper must never pass for a diploma.
  if (watermark) drawWatermark(doc, t);
  for (const s of t.statics)
    if (s.kind !== 'text' || !s.showIf || values[s.showIf] !== undefined) drawStatic(doc, s, t.pageMm);
  if (t.qr) {
    const q = t.qr;
    doc.lineWidth(0.3).strokeColor('#9a9a9a').rect(mm(q.xMm), mm(q.yMm), mm(q.sizeMm), mm(q.sizeMm)).stroke();
  }
}

function drawWatermark(doc: PDFKit.PDFDocument, t: DiplomaTemplate): void {
  doc.save();
  doc.rotate(-24, { origin: [mm(t.pageMm.width / 2), mm(t.pageMm.height / 2)] });
  doc.fillColor(WATERMARK);
  const centre = { xMm: t.pageMm.width / 2, align: 'center', maxWidthMm: 230, face: 'bold' } as const;
  drawLines(doc, 'BẢN IN THỬ - KHÔNG CÓ GIÁ TRỊ', { ...centre, yMm: t.pageMm.height / 2 + 4, sizePt: 34 });
  drawLines(doc, 'TEST PRINT - NOT VALID', { ...centre, yMm: t.pageMm.height / 2 + 16, sizePt: 22 });
  doc.restore();
}

function drawFields(
  doc: PDFKit.PDFDocument,
  t: DiplomaTemplate,
  values: PrintedValues,
  mode: PrintMode,
): void {
  doc.fillColor(PREVIEW_INK);
  for (const f of t.fields) {
    const v = values[f.key];
    if (v === undefined || (f.preprinted && mode === 'overlay')) continue;
    drawLines(doc, v, f, f.lineMm);
  }
}
