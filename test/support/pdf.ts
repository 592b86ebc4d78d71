import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of text as pdf.js reports it: its origin in PDF user space (points, y up from the bottom). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfText {
  numPages: number;
  /** The text of each page, normalised to NFC. */
  pages: string[];
  /** The text of each page exactly as the PDF maps its glyphs to Unicode: not normalised in any way. */
  rawPages: string[];
  /** The text runs of each page, not normalised, with their positions. */
  items: PdfTextItem[][];
  /** Each page's size in points. */
  pageSizes: { width: number; height: number }[];
  title: string | null;
}

/** Parses a PDF with pdf.js in a child process (pdf.js is ESM-only). */
export function pdfText(pdf: Buffer): PdfText {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'vbcc-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`pdf.js failed: ${r.stderr}`);
    const parsed = JSON.parse(r.stdout) as PdfText;
    return { ...parsed, pages: parsed.pages.map((p) => p.normalize('NFC')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
