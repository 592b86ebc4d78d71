import type { QrMatrix } from './model';
import type { QrBox } from './template';
import { mm } from './units';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** The numbers of one box and symbol size, formatted once: a batch prints thousands of symbols on one box. */
interface Grid {
  /** Left edge of each column (and the right edge of the last), in points, rounded. */
  x: number[];
  xText: string[];
  /** `${y} ` and ` ${h} re` of each row: what a run's rectangle has around its x and width. */
  rowHead: string[];
  rowTail: string[];
  /** Run width text by `start * (size + 1) + end`, filled as runs occur. */
  widths: Map<number, string>;
}

const grids = new Map<string, Grid>();

function gridFor(size: number, box: QrBox): Grid {
  const key = `${box.xMm} ${box.yMm} ${box.sizeMm} ${box.quietModules} ${size}`;
  let g = grids.get(key);
  if (g) return g;
  const modules = size + 2 * box.quietModules;
  const m = mm(box.sizeMm) / modules;
  const x0 = mm(box.xMm) + box.quietModules * m;
  const y0 = mm(box.yMm) + box.quietModules * m;
  const x = Array.from({ length: size + 1 }, (_, i) => r3(x0 + i * m));
  const rowHead: string[] = [];
  const rowTail: string[] = [];
  for (let row = 0; row < size; row++) {
    const y = r3(y0 + row * m);
    // Rows meet exactly (no hairline seams when rasterised): each ends where the next begins.
    const h = r3(r3(y0 + (row + 1) * m) - y);
    rowHead.push(` ${y} `);
    rowTail.push(` ${h} re`);
  }
  g = { x, xText: x.map(String), rowHead, rowTail, widths: new Map() };
  // Templates are few; the bound only guards against a caller inventing boxes without end.
  if (grids.size >= 64) grids.clear();
  grids.set(key, g);
  return g;
}

/**
 * The dark modules of `qr` as one PDF path filled once: each horizontal run of dark modules is one
 * rectangle, so a version-10 symbol is ~1,000 `re` operators in one string instead of ~1,800
 * pdfkit calls. Coordinates are in points in pdfkit's top-left space; the quiet zone is part of the box.
 */
export function qrPathOps(qr: QrMatrix, box: QrBox): string {
  const size = qr.size;
  const g = gridFor(size, box);
  let ops = '';
  for (let row = 0; row < size; row++) {
    const head = g.rowHead[row];
    const tail = g.rowTail[row];
    let col = 0;
    while (col < size) {
      if (!qr.isDark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && qr.isDark(col, row)) col++;
      const k = start * (size + 1) + col;
      let w = g.widths.get(k);
      if (w === undefined) g.widths.set(k, (w = String(r3(g.x[col] - g.x[start]))));
      ops += g.xText[start] + head + w + tail + '\n';
    }
  }
  return ops + 'f';
}
