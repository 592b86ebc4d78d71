/** The parts of pdfkit's document this module reaches into (not in its typings). */
interface PdfRef {
  data: Record<string, unknown>;
}
interface PdfkitInternals {
  _root: { data: { Pages: { data: { Kids: PdfRef[] } } } };
  /** Every font used so far, by name (one font may be listed under several names). */
  _fontFamilies: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * pdfkit keeps every written page's dictionary in the page tree, and through it the page's
 * resources and content objects, until the end of the document (~1.5 KB a page). Once a page is
 * written only its object number is needed for the page tree, so its dictionary data is dropped:
 * memory stays flat however many diplomas a batch has.
 */
export function releaseWrittenPages(doc: PDFKit.PDFDocument, from: number): number {
  const kids = (doc as unknown as PdfkitInternals)._root.data.Pages.data.Kids;
  for (let i = from; i < kids.length; i++) kids[i].data = {};
  return kids.length;
}

/**
 * pdfkit caches the glyph layout of every word it has set, per font, for the life of the document.
 * Names and places repeat, but serial and register numbers never do, so unbounded the cache grows by
 * ~3 KB a diploma. A cache past `maxWords` words is emptied; the words that recur are laid out again.
 */
export function trimLayoutCaches(doc: PDFKit.PDFDocument, maxWords: number): void {
  for (const font of Object.values((doc as unknown as PdfkitInternals)._fontFamilies)) {
    if (font.layoutCache && Object.keys(font.layoutCache).length > maxWords)
      font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
}
