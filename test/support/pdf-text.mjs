// Extracts the text of a PDF with Mozilla's pdf.js (an independent parser), one string per page.
// pdf.js ships as ES modules only, so tests run this in a child process: node pdf-text.mjs <file.pdf>
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) text += item.str + (item.hasEOL ? '\n' : '');
  pages.push(text);
}
const { info } = await doc.getMetadata();
process.stdout.write(JSON.stringify({ numPages: doc.numPages, pages, title: info?.Title ?? null }));
