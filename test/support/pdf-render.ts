import { createCanvas, loadImage } from '@napi-rs/canvas';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An RGBA raster, rows top to bottom. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Renders page `page` (1-based) of `pdf` to PNG at `dpi` with pdf.js on @napi-rs/canvas, in a child
 * process (pdf.js is ESM-only). Glyphs come from the fonts embedded in the PDF.
 */
export function renderPdfPage(pdf: Buffer, { page = 1, dpi = 100 } = {}): Buffer {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'vbcc-render-'));
  try {
    const file = join(dir, 'doc.pdf');
    const out = join(dir, 'page.png');
    writeFileSync(file, pdf);
    const script = join(__dirname, 'pdf-render.mjs');
    const r = spawnSync(process.execPath, [script, file, out, String(page), String(dpi)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`pdf.js render failed: ${r.stderr}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function decodePng(png: Buffer): Promise<Raster> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data };
}

export function encodePng(r: Raster): Buffer {
  const canvas = createCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(r.width, r.height);
  image.data.set(r.data);
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

export interface RasterDiff {
  /** Pixels where some channel differs by more than the threshold. */
  differing: number;
  total: number;
  /** The expected image greyed out, with the differing pixels in red. */
  image: Raster;
}

export function diffRasters(expected: Raster, actual: Raster, threshold = 48): RasterDiff {
  if (expected.width !== actual.width || expected.height !== actual.height)
    throw new Error(
      `size differs: expected ${expected.width}×${expected.height}, got ${actual.width}×${actual.height}`,
    );
  const out = new Uint8ClampedArray(expected.data.length);
  const [e, a] = [expected.data, actual.data];
  let differing = 0;
  for (let i = 0; i < out.length; i += 4) {
    const worst = Math.max(
      Math.abs(e[i] - a[i]),
      Math.abs(e[i + 1] - a[i + 1]),
      Math.abs(e[i + 2] - a[i + 2]),
      Math.abs(e[i + 3] - a[i + 3]),
    );
    const bad = worst > threshold;
    if (bad) differing++;
    const grey = 255 - (255 - e[i]) / 4;
    out[i] = bad ? 255 : grey;
    out[i + 1] = bad ? 0 : grey;
    out[i + 2] = bad ? 0 : grey;
    out[i + 3] = 255;
  }
  return {
    differing,
    total: out.length / 4,
    image: { width: expected.width, height: expected.height, data: out },
  };
}

/** The bounding box of the dark pixels (luma < 128) inside a window, in pixels; null when none. */
export function darkBox(r: Raster, win: { x: number; y: number; width: number; height: number }) {
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let y = win.y; y < win.y + win.height; y++)
    for (let x = win.x; x < win.x + win.width; x++) {
      const i = (y * r.width + x) * 4;
      const luma = 0.299 * r.data[i] + 0.587 * r.data[i + 1] + 0.114 * r.data[i + 2];
      if (luma >= 128) continue;
      box = box
        ? {
            left: Math.min(box.left, x),
            top: Math.min(box.top, y),
            right: Math.max(box.right, x),
            bottom: Math.max(box.bottom, y),
          }
        : { left: x, top: y, right: x, bottom: y };
    }
  return box;
}

/** A window of `r` (clipped to it), e.g. to hand only the QR code to a decoder. */
export function crop(r: Raster, win: { x: number; y: number; width: number; height: number }): Raster {
  const x0 = Math.max(0, win.x);
  const y0 = Math.max(0, win.y);
  const width = Math.min(r.width, win.x + win.width) - x0;
  const height = Math.min(r.height, win.y + win.height) - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    data.set(
      r.data.subarray(((y0 + y) * r.width + x0) * 4, ((y0 + y) * r.width + x0 + width) * 4),
      y * width * 4,
    );
  return { width, height, data };
}
