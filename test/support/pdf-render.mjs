// Renders one page of a PDF to PNG with Mozilla's pdf.js on @napi-rs/canvas (pdf.js is ESM-only, so tests
// run this in a child process): node pdf-render.mjs <file.pdf> <out.png> <page> <dpi>
// In Node pdf.js has no FontFace, so it draws every glyph as a path from the font embedded in the PDF
// (disableFontFace) and never substitutes a system font (useSystemFonts: false): what is checked is
// exactly what the PDF carries.
import { readFileSync, writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, out, pageArg, dpiArg] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const doc = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const page = await doc.getPage(Number(pageArg));
const viewport = page.getViewport({ scale: Number(dpiArg) / 72 });
const { canvas, context } = doc.canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
await page.render({ canvas, canvasContext: context, viewport, background: '#ffffff' }).promise;
writeFileSync(out, canvas.toBuffer('image/png'));
process.stdout.write(JSON.stringify({ width: canvas.width, height: canvas.height }));
await doc.destroy();
