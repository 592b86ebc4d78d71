// Extracts the text of a PDF with Mozilla's pdf.js (an independent parser), one string per page.
// pdf.js ships as ES modules only, so tests run this in a child process: node pdf-text.mjs <file.pdf>
// `pages` is what pdf.js reports by default; `rawPages` and `items` are exactly what the PDF's
// ToUnicode maps give (no Unicode normalisation), `items` with each run's origin in PDF user space
// (points, y up from the bottom of the page).
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
const rawPages = [];
const items = [];
const pageSizes = [];
const join = (content) => {
  let text = '';
  for (const item of content.items) text += item.str + (item.hasEOL ? '\n' : '');
  return text;
};
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  pages.push(join(await page.getTextContent()));
  const raw = await page.getTextContent({ disableNormalization: true });
  rawPages.push(join(raw));
  items.push(
    raw.items
      .filter((item) => item.str !== '')
      .map((item) => ({
        str: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        height: item.height,
      })),
  );
  const [x0, y0, x1, y1] = page.view;
  pageSizes.push({ width: x1 - x0, height: y1 - y0 });
}
const { info } = await doc.getMetadata();
process.stdout.write(
  JSON.stringify({ numPages: doc.numPages, pages, rawPages, items, pageSizes, title: info?.Title ?? null }),
);
