import { readFileSync } from 'node:fs';
import { FONTS } from '../../documents/fonts';
import type { Face } from './template';

const FILES: Record<Face, string> = {
  regular: FONTS.serif,
  bold: FONTS.serifBold,
  italic: FONTS.serifItalic,
};
let cache: Record<Face, Buffer> | null = null;

/**
 * Registers the DejaVu Serif faces (every Vietnamese letter, precomposed) under their face names.
 * pdfkit embeds each used face once per document, subset to the glyphs used.
 */
export function registerFaces(doc: PDFKit.PDFDocument): void {
  cache ??= {
    regular: readFileSync(FILES.regular),
    bold: readFileSync(FILES.bold),
    italic: readFileSync(FILES.italic),
  };
  for (const face of Object.keys(FILES) as Face[]) doc.registerFont(face, cache[face]);
}
