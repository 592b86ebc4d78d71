/** The parts of pdfkit's document this module reaches into (not in its typings). */
interface PdfRef {
  data: Record<string, unknown>;
}
interface PdfkitInternals {
  _root: { data: { Pages: { data: { Kids: PdfRef[] } } } };
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
