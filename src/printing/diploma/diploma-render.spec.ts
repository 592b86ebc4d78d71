import jsQR from 'jsqr';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  diplomaPdfBuffer,
  sampleDiploma,
  samplePayload,
  SAMPLE_BASE_URL,
  SAMPLE_KEY_ID,
} from '../../../test/fixtures/render/diploma-samples';
import {
  crop,
  decodePng,
  diffRasters,
  encodePng,
  renderPdfPage,
  type Raster,
} from '../../../test/support/pdf-render';
import { decodeQrPayload } from '../../qr/qr-payload';
import { templateFor } from './templates';

// Acceptance 6: the rendered pages are compared with committed reference images, so a layout change
// shows up as a failing test with a diff to look at. After a deliberate change, look at the new images
// and commit them: UPDATE_REFERENCES=1 npx jest --selectProjects unit -- diploma-render
const DIR = join(__dirname, '../../../test/fixtures/render');
const DPI = 100;
// Anti-aliasing may differ a little between builds of the rasteriser; a moved or missing field may not.
const MAX_DIFFERING = 0.005;
const UPDATE = process.env.UPDATE_REFERENCES === '1';

const diploma = sampleDiploma({ credentialType: 'THPT', issuedOn: '2025-07-28' });

async function compareWithReference(name: string, png: Buffer): Promise<Raster> {
  const file = join(DIR, `${name}.png`);
  const actual = await decodePng(png);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`no reference image ${file}: run with UPDATE_REFERENCES=1 and check it`);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, png);
  }
  const diff = diffRasters(await decodePng(readFileSync(file)), actual);
  if (diff.differing > diff.total * MAX_DIFFERING) {
    const out = mkdtempSync(join(tmpdir(), `vbcc-${name}-`));
    writeFileSync(join(out, `${name}.actual.png`), png);
    writeFileSync(join(out, `${name}.diff.png`), encodePng(diff.image));
    throw new Error(
      `${name}: ${diff.differing} of ${diff.total} pixels differ from ${file}; new render and diff in ${out}`,
    );
  }
  return actual;
}

// Each PDF is parsed or rendered by pdf.js in a child process: seconds on a busy machine.
jest.setTimeout(30_000);

describe('diploma rendering against reference images', () => {
  it('renders the THPT preview as in test/fixtures/render/preview-thpt.png', async () => {
    const png = renderPdfPage(await diplomaPdfBuffer('preview', [diploma]), { dpi: DPI });
    const r = await compareWithReference('preview-thpt', png);
    // A4 landscape at 100 dpi.
    expect([r.width, r.height]).toEqual([1169, 827]);
  });

  it('renders the THPT overlay as in test/fixtures/render/overlay-thpt.png', async () => {
    const png = renderPdfPage(await diplomaPdfBuffer('overlay', [diploma]), { dpi: DPI });
    const r = await compareWithReference('overlay-thpt', png);
    expect([r.width, r.height]).toEqual([1169, 827]);
  });

  it('prints a QR code that decodes to the signed verification URL', async () => {
    // A version-10 symbol in a 24 mm box has 0.37 mm modules: 1.5 px at 100 dpi is too few for a
    // decoder, so this page is rendered at 200 dpi, as a phone camera would see it close up.
    const dpi = 200;
    const pdf = await diplomaPdfBuffer('overlay', [diploma]);
    const page = await decodePng(renderPdfPage(pdf, { dpi }));
    const q = templateFor('THPT', '2025-07-28').qr!;
    const px = (v: number) => Math.round((v * dpi) / 25.4);
    const r = crop(page, {
      x: px(q.xMm - 4),
      y: px(q.yMm - 4),
      width: px(q.sizeMm + 8),
      height: px(q.sizeMm + 8),
    });
    const qr = jsQR(r.data, r.width, r.height);
    expect(qr).not.toBeNull();
    const { digits, url } = samplePayload(diploma);
    expect(url).toBe(`${SAMPLE_BASE_URL}/v#${digits}`);
    expect(qr!.data).toBe(url);
    const payload = decodeQrPayload(qr!.data.slice(qr!.data.indexOf('#') + 1));
    expect(payload.keyId).toBe(SAMPLE_KEY_ID);
    expect(payload.fields.fullName).toBe('Công Tôn Nữ Thị Hoàng Phương Thảo');
    expect(payload.fields.serialNumber).toBe(diploma.serialNumber);
  });
});
