import { diplomaPdfBuffer, sampleDiploma } from '../../../test/fixtures/render/diploma-samples';
import { pdfText, type PdfTextItem } from '../../../test/support/pdf';
import { darkBox, decodePng, renderPdfPage } from '../../../test/support/pdf-render';
import { templateFor } from './templates';
import { NO_CALIBRATION, PT_PER_MM, type Calibration } from './units';

// Acceptance 4: a printer profile moves (and scales) everything on the sheet, text and QR alike, by
// exactly what it says; positions are read back with pdf.js, the QR's from a rendered page.

const d = sampleDiploma({ credentialType: 'THPT', issuedOn: '2025-07-28' });
const TWO_MM = 2 * PT_PER_MM;
// 127 dpi is 5 px/mm: 2 mm is exactly 10 px, so a moved QR lands on the same pixel grid.
const DPI = 127;
const PX_PER_MM = DPI / 25.4;

const overlayPdf = (c: Calibration) => diplomaPdfBuffer('overlay', [d], c);

async function overlay(c: Calibration) {
  const pdf = await overlayPdf(c);
  const text = pdfText(pdf);
  return { items: text.items[0], pageHeight: text.pageSizes[0].height, pdf };
}

/** Pairs each text run with the same run in `other` (same order, same text). */
function pairs(base: PdfTextItem[], other: PdfTextItem[]) {
  expect(other.map((i) => i.str)).toEqual(base.map((i) => i.str));
  expect(base.length).toBeGreaterThan(15);
  return base.map((b, k) => [b, other[k]] as const);
}

async function qrBox(pdf: Buffer) {
  const q = templateFor('THPT', '2025-07-28').qr!;
  const px = (v: number) => Math.round(v * PX_PER_MM);
  const r = await decodePng(renderPdfPage(pdf, { dpi: DPI }));
  // The QR's box with 8 mm to spare on every side; nothing else is printed there.
  const box = darkBox(r, {
    x: px(q.xMm - 8),
    y: px(q.yMm - 8),
    width: px(q.sizeMm + 16),
    height: px(q.sizeMm + 16),
  });
  expect(box).not.toBeNull();
  return box!;
}

// Each PDF is parsed or rendered by pdf.js in a child process: seconds on a busy machine.
jest.setTimeout(30_000);

describe('printer calibration', () => {
  let base: Awaited<ReturnType<typeof overlay>>;
  beforeAll(async () => {
    base = await overlay(NO_CALIBRATION);
  });

  it('moves every text run by exactly 2 mm to the right for offsetXmm 2', async () => {
    const moved = await overlay({ offsetXmm: 2, offsetYmm: 0, scale: 1 });
    for (const [a, b] of pairs(base.items, moved.items)) {
      expect(Math.abs(b.x - a.x - TWO_MM)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(b.y - a.y)).toBeLessThanOrEqual(0.01);
    }
  });

  it('moves every text run by exactly 2 mm down the sheet for offsetYmm 2 (PDF y grows upwards)', async () => {
    const moved = await overlay({ offsetXmm: 0, offsetYmm: 2, scale: 1 });
    for (const [a, b] of pairs(base.items, moved.items)) {
      expect(Math.abs(a.y - b.y - TWO_MM)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(b.x - a.x)).toBeLessThanOrEqual(0.01);
    }
  });

  it('scales every position from the top-left corner of the sheet', async () => {
    const s = 1.01;
    const scaled = await overlay({ offsetXmm: 0, offsetYmm: 0, scale: s });
    const h = base.pageHeight;
    for (const [a, b] of pairs(base.items, scaled.items)) {
      expect(Math.abs(b.x - s * a.x)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(h - b.y - s * (h - a.y))).toBeLessThanOrEqual(0.01);
    }
  });

  it('moves the QR code with the text', async () => {
    const at = await qrBox(base.pdf);
    const right = await qrBox(await overlayPdf({ offsetXmm: 2, offsetYmm: 0, scale: 1 }));
    const down = await qrBox(await overlayPdf({ offsetXmm: 0, offsetYmm: 2, scale: 1 }));
    const shift = (b: typeof at) => ({
      dx: [b.left - at.left, b.right - at.right],
      dy: [b.top - at.top, b.bottom - at.bottom],
    });
    // 24 mm box at 5 px/mm, minus the quiet zone: the symbol itself is well over 60 px wide.
    expect(at.right - at.left).toBeGreaterThan(60);
    expect(shift(right)).toEqual({ dx: [10, 10], dy: [0, 0] });
    expect(shift(down)).toEqual({ dx: [0, 0], dy: [10, 10] });
  });

  it('draws a calibration page with its title and the profile in use', async () => {
    const c = { offsetXmm: 1.5, offsetYmm: -0.5, scale: 1 };
    const pdf = await diplomaPdfBuffer('overlay', [], c, [templateFor('THPT', '2025-07-28')]);
    const text = pdfText(pdf);
    expect(text.numPages).toBe(1);
    expect(text.rawPages[0]).toContain('TRANG CĂN CHỈNH MÁY IN · THPT-TT21');
    expect(text.rawPages[0]).toContain('X offset 1.5 mm');
    expect(text.rawPages[0]).toContain('Y offset -0.5 mm');
    // Every field's box is named on the page.
    for (const f of templateFor('THPT', '2025-07-28').fields) expect(text.rawPages[0]).toContain(f.key);
  });
});
