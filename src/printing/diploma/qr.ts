import type { QrMatrix } from './model';
import type { QrBox } from './template';
import { mm } from './units';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The dark modules of `qr` as one PDF path filled once: each horizontal run of dark modules is one
 * rectangle, so a version-10 symbol is ~1,000 `re` operators in one string instead of ~1,800
 * pdfkit calls. Coordinates are in points in pdfkit's top-left space; the quiet zone is part of the box.
 */
export function qrPathOps(qr: QrMatrix, box: QrBox): string {
  const modules = qr.size + 2 * box.quietModules;
  const m = mm(box.sizeMm) / modules;
  const x0 = mm(box.xMm) + box.quietModules * m;
  const y0 = mm(box.yMm) + box.quietModules * m;
  const ops: string[] = [];
  for (let row = 0; row < qr.size; row++) {
    const y = r3(y0 + row * m);
    // Rows meet exactly (no hairline seams when rasterised): each ends where the next begins.
    const h = r3(r3(y0 + (row + 1) * m) - y);
    let col = 0;
    while (col < qr.size) {
      if (!qr.isDark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.isDark(col, row)) col++;
      const x = r3(x0 + start * m);
      ops.push(`${x} ${y} ${r3(r3(x0 + col * m) - x)} ${h} re`);
    }
  }
  ops.push('f');
  return ops.join('\n');
}
