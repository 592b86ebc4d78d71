/**
 * Diploma printing (issue 6, acceptance 5): a batch of N overlay pages (default 10,000) rendered
 * through `openDiplomaPdf`, each with its own signed QR payload and QR symbol built per page as
 * production will, streamed to a file under os.tmpdir(). Memory (RSS, heapUsed, and heapUsed after
 * a forced full GC whose time is not counted) is sampled every 1,000 pages.
 * Baseline in the same run: a bare pdfkit loop doing the same work without our abstractions: the
 * same DejaVu Serif faces registered once, the same strings at the same positions with
 * `doc.text(s, x, y, {lineBreak: false})`, the same payload signing and `qrSymbol` call per page,
 * the QR drawn as vector modules (one `doc.rect` per horizontal run of dark modules, one fill), one
 * page per diploma, streamed to the same kind of file with the same back-pressure handling.
 * Order: a warm-up of 500 pages each, then overlay, baseline, baseline, overlay (ABBA); the best
 * run of each is reported and the ratio is best to best. Then a preview batch, for information.
 * Targets: overlay ≥ 300 pages/s, overlay / baseline ≥ 0.7, memory flat.
 * Options: --pages 10000 --preview 2000 --warmup 500 --rounds 2
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import PDFDocument from 'pdfkit';
import { FONTS } from '../src/documents/fonts';
import { openDiplomaPdf, type PrintMode } from '../src/printing/diploma/diploma-pdf';
import type { Classification, DiplomaPrint } from '../src/printing/diploma/model';
import type { DiplomaTemplate, Face, FieldKey } from '../src/printing/diploma/template';
import { templateFor } from '../src/printing/diploma/templates';
import { mm, NO_CALIBRATION } from '../src/printing/diploma/units';
import { printedValues } from '../src/printing/diploma/values';
import { encodeQrPayload, keyIdOf, type QrFields } from '../src/qr/qr-payload';
import { qrSymbol } from '../src/qr/qr-symbol';
import type { BenchResult } from './run';
import { arg } from './support';
import { FAMILY, GIVEN, MIDDLE } from './vietnamese-names';

const BASE_URL = 'https://vanbang.moet.gov.vn';
const ISSUED_ON = '2025-08-10';
const ISSUER = 'SGDDT-BTR';

/** A graduate as the print job has it, with what the QR payload needs. */
interface Graduate extends Omit<DiplomaPrint, 'qr'> {
  qrFields: QrFields;
}

// --- data -----------------------------------------------------------------------------------------

/** Deterministic, so every run prints the same batch. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const PLACES = [
  'Bến Tre',
  'Trà Vinh',
  'Vĩnh Long',
  'Tiền Giang',
  'Sóc Trăng',
  'Thành phố Hồ Chí Minh',
  'Thành phố Cần Thơ',
  'Đắk Lắk',
  'Thừa Thiên Huế',
  'Bà Rịa - Vũng Tàu',
];
const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Kinh', 'Khmer', 'Hoa', 'Tày', 'Ê Đê', "H'Mông", 'Chăm'];
const SCHOOLS = [
  'Trường THPT Chuyên Bến Tre',
  'Trường THPT Nguyễn Đình Chiểu',
  'Trường THPT Lạc Long Quân',
  'Trường THPT Phan Thanh Giản',
  'Trường THPT Trương Vĩnh Ký',
  'Trường Phổ thông Dân tộc Nội trú Tỉnh Bến Tre',
  'Trung tâm Giáo dục Nghề nghiệp - Giáo dục Thường xuyên huyện Mỏ Cày Nam',
];
const CLASSES: (Classification | null)[] = ['excellent', 'veryGood', 'good', 'good', 'average', null];
const SIGNERS = [
  { title: null, name: 'Trần Văn Khải' },
  { title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: 'Nguyễn Thị Thu Hương' },
];

/** N distinct graduates of one province's THPT cohort: 2–6-word names, NFC, mixed diacritics. */
function graduates(n: number): Graduate[] {
  const r = prng(2025);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const middles = Math.floor(r() * 3);
    const fullName = [pick(FAMILY), ...Array.from({ length: middles }, () => pick(MIDDLE)), pick(GIVEN)].join(
      ' ',
    );
    const dateOfBirth = new Date(Date.UTC(2006, 0, 1) + Math.floor(r() * 730) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const continuing = r() < 0.08;
    const signer = SIGNERS[i % 7 === 0 ? 1 : 0];
    const serialNumber = `BE ${String(100_001 + i).padStart(7, '0')}`;
    const registerEntryNumber = `${1 + i}/THPT-2025`;
    return {
      credentialType: 'THPT',
      issuedOn: ISSUED_ON,
      fullName,
      dateOfBirth,
      placeOfBirth: pick(PLACES),
      gender: r() < 0.5 ? 'female' : 'male',
      ethnicity: pick(ETHNICITIES),
      schoolName: continuing ? SCHOOLS[SCHOOLS.length - 1] : pick(SCHOOLS.slice(0, -1)),
      graduationYear: 2025,
      classification: pick(CLASSES),
      studyMode: continuing ? 'continuingEducation' : 'regular',
      examCouncil: 'Sở GD&ĐT Bến Tre',
      examYear: 2025,
      issuingAuthorityName: 'UBND TỈNH BẾN TRE\nSỞ GIÁO DỤC VÀ ĐÀO TẠO',
      issuePlaceName: 'Bến Tre',
      signerTitle: signer.title,
      signerName: signer.name,
      serialNumber,
      registerEntryNumber,
      qrFields: {
        credentialType: 'THPT',
        serialNumber,
        registerEntryNumber,
        fullName,
        dateOfBirth,
        issuerOrgCode: ISSUER,
        issuedOn: ISSUED_ON,
        signedOn: ISSUED_ON,
      },
    };
  });
}

// --- the QR, per page, in both loops --------------------------------------------------------------

function signer(): { keyId: string; signFn: (m: Buffer) => Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const key: KeyObject = privateKey;
  return { keyId: keyIdOf(raw), signFn: (m) => sign(null, m, key) };
}

// --- runs ------------------------------------------------------------------------------------------

interface Sample {
  rssMb: number;
  heapMb: number;
  /** heapUsed after a full collection: what the process really holds. */
  liveMb: number;
}
interface RunResult {
  label: string;
  pages: number;
  ms: number;
  bytes: number;
  samples: Sample[];
}

// A full collection on demand, without a node flag on `npm run bench`.
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

/** Memory now, then after a full collection; returns how long the collection took (left out of the timing). */
function sample(into: Sample[]): bigint {
  const m = process.memoryUsage();
  const t = process.hrtime.bigint();
  fullGc();
  const gcNs = process.hrtime.bigint() - t;
  into.push({
    rssMb: m.rss / 2 ** 20,
    heapMb: m.heapUsed / 2 ** 20,
    liveMb: process.memoryUsage().heapUsed / 2 ** 20,
  });
  return gcNs;
}

/** Feeds `doc`'s output to `out` and waits when `out` asks to drain: what both loops do. */
async function timed(
  label: string,
  dir: string,
  pages: number,
  body: (out: NodeJS.WritableStream, page: (i: number) => Promise<void>) => Promise<void>,
): Promise<RunResult> {
  const file = join(dir, `${label.replace(/\W+/g, '-')}.pdf`);
  const out = createWriteStream(file);
  const samples: Sample[] = [];
  let gcNs = 0n;
  const t = process.hrtime.bigint();
  await body(out, async (i) => {
    if ((i + 1) % 1000 === 0) gcNs += sample(samples);
  });
  const ms = Number(process.hrtime.bigint() - t - gcNs) / 1e6;
  const bytes = statSync(file).size;
  rmSync(file);
  return { label, pages, ms, bytes, samples };
}

function overlayRun(
  mode: PrintMode,
  label: string,
  dir: string,
  gs: Graduate[],
  n: number,
  key: ReturnType<typeof signer>,
): Promise<RunResult> {
  return timed(label, dir, n, async (out, page) => {
    const pdf = openDiplomaPdf(out, { mode, calibration: NO_CALIBRATION, title: 'bench' });
    for (let i = 0; i < n; i++) {
      const g = gs[i % gs.length];
      const qr = qrSymbol(BASE_URL, encodeQrPayload(g.qrFields, key.keyId, key.signFn));
      await pdf.add({ ...g, qr });
      await page(i);
    }
    await pdf.end();
  });
}

/** A field as the bare loop uses it: the template's anchor in points, resolved once. */
interface BareField {
  key: FieldKey;
  x: number;
  y: number;
  lineStep: number;
  face: Face;
  sizePt: number;
  align: 'left' | 'center' | 'right';
}

function bareFields(t: DiplomaTemplate): BareField[] {
  return t.fields
    .filter((f) => !f.preprinted)
    .map((f) => ({
      key: f.key,
      x: mm(f.xMm),
      y: mm(f.yMm),
      lineStep: mm(f.lineMm ?? f.sizePt * 0.45),
      face: f.face,
      sizePt: f.sizePt,
      align: f.align,
    }));
}

const CLASSIFICATION_VI = { excellent: 'Xuất sắc', veryGood: 'Giỏi', good: 'Khá', average: 'Trung bình' };

/** The strings the bare loop prints, made directly from the record (already NFC and tidy). */
function bareStrings(g: Graduate, signerTitle: string): Partial<Record<FieldKey, string>> {
  const [y, m, d] = g.issuedOn.split('-');
  const [by, bm, bd] = g.dateOfBirth.split('-');
  return {
    fullName: g.fullName,
    dateOfBirth: `${bd}/${bm}/${by}`,
    placeOfBirth: g.placeOfBirth,
    gender: g.gender === 'male' ? 'Nam' : 'Nữ',
    ethnicity: g.ethnicity!,
    schoolName: g.schoolName!,
    graduationYear: String(g.graduationYear),
    ...(g.classification ? { classification: CLASSIFICATION_VI[g.classification] } : {}),
    studyMode: g.studyMode === 'regular' ? 'Chính quy' : 'Giáo dục thường xuyên',
    examCouncil: g.examCouncil!,
    examYear: String(g.examYear),
    issuePlaceName: g.issuePlaceName,
    issueDay: String(+d),
    issueMonth: String(+m),
    issueYear: y,
    signerTitle: g.signerTitle ?? signerTitle,
    signerName: g.signerName,
    serialNumber: g.serialNumber,
    registerEntryNumber: g.registerEntryNumber,
  };
}

function bareRun(
  label: string,
  dir: string,
  gs: Graduate[],
  n: number,
  key: ReturnType<typeof signer>,
): Promise<RunResult> {
  const template = templateFor('THPT', ISSUED_ON);
  const fields = bareFields(template);
  const box = template.qr!;
  const size = [mm(template.pageMm.width), mm(template.pageMm.height)];
  return timed(label, dir, n, async (out, page) => {
    const doc = new PDFDocument({ autoFirstPage: false, margin: 0 });
    doc.registerFont('regular', FONTS.serif);
    doc.registerFont('bold', FONTS.serifBold);
    doc.registerFont('italic', FONTS.serifItalic);
    let needsDrain = false;
    doc.on('data', (chunk: Buffer) => {
      if (!out.write(chunk)) needsDrain = true;
    });
    const finished = once(out, 'finish');
    doc.on('end', () => out.end());
    // As the renderer does: without it the loop, which never yields to a process tick, would keep
    // the whole PDF in pdfkit's readable buffer and never wait for the file.
    while (doc.read() !== null);
    for (let i = 0; i < n; i++) {
      const g = gs[i % gs.length];
      const qr = qrSymbol(BASE_URL, encodeQrPayload(g.qrFields, key.keyId, key.signFn));
      const s = bareStrings(g, template.signerTitle);
      doc.addPage({ size, margin: 0 });
      doc.fillColor('#000000');
      for (const f of fields) {
        const v = s[f.key];
        if (v === undefined) continue;
        doc.font(f.face).fontSize(f.sizePt);
        v.split('\n').forEach((line, k) => {
          const w = f.align === 'left' ? 0 : doc.widthOfString(line);
          const x = f.align === 'left' ? f.x : f.align === 'center' ? f.x - w / 2 : f.x - w;
          doc.text(line, x, f.y + k * f.lineStep, { lineBreak: false, baseline: 'alphabetic' });
        });
      }
      const modules = qr.size + 2 * box.quietModules;
      const m = mm(box.sizeMm) / modules;
      const x0 = mm(box.xMm) + box.quietModules * m;
      const y0 = mm(box.yMm) + box.quietModules * m;
      for (let row = 0; row < qr.size; row++)
        for (let col = 0; col < qr.size;) {
          if (!qr.isDark(col, row)) {
            col++;
            continue;
          }
          const start = col;
          while (col < qr.size && qr.isDark(col, row)) col++;
          doc.rect(x0 + start * m, y0 + row * m, (col - start) * m, m);
        }
      doc.fill('#000000');
      await page(i);
      if (needsDrain) {
        needsDrain = false;
        await once(out as NodeJS.EventEmitter, 'drain');
      }
    }
    doc.end();
    await finished;
  });
}

/** Signing, encoding and the QR symbol alone: the part of a page both loops share. */
function qrOnly(gs: Graduate[], n: number, key: ReturnType<typeof signer>) {
  const versions = new Map<number, number>();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const g = gs[i % gs.length];
    const v = qrSymbol(BASE_URL, encodeQrPayload(g.qrFields, key.keyId, key.signFn)).version;
    versions.set(v, (versions.get(v) ?? 0) + 1);
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const mix = [...versions]
    .sort((a, b) => a[0] - b[0])
    .map(([v, k]) => `v${v} ${((100 * k) / n).toFixed(0)} %`);
  return { ms, mix: mix.join(', ') };
}

/** Checks, before timing, that the bare loop prints what the renderer prints, where it prints it. */
function checkSameWork(gs: Graduate[]): { shrunk: number } {
  const template = templateFor('THPT', ISSUED_ON);
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('regular', FONTS.serif);
  doc.registerFont('bold', FONTS.serifBold);
  doc.registerFont('italic', FONTS.serifItalic);
  let shrunk = 0;
  for (const g of gs) {
    const ours = printedValues({ ...g, qr: null }, template);
    const bare = bareStrings(g, template.signerTitle);
    for (const f of template.fields) {
      if (f.preprinted) continue;
      if (ours[f.key] !== bare[f.key])
        throw new Error(`bare loop prints ${f.key} "${bare[f.key]}", renderer "${ours[f.key]}"`);
      for (const line of (ours[f.key] ?? '').split('\n'))
        if (doc.font(f.face).fontSize(f.sizePt).widthOfString(line) > mm(f.maxWidthMm)) shrunk++;
    }
  }
  return { shrunk };
}

const rate = (r: RunResult) => (r.pages * 1000) / r.ms;
const mem = (xs: Sample[], k: keyof Sample) =>
  xs.length
    ? `${xs[0][k].toFixed(0)} / ${xs[xs.length - 1][k].toFixed(0)} / ${Math.max(...xs.map((s) => s[k])).toFixed(0)}`
    : '-';

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'pages', 10_000);
  const previewN = arg(args, 'preview', 2_000);
  const warmup = arg(args, 'warmup', 500);
  const rounds = arg(args, 'rounds', 2);
  const dir = mkdtempSync(join(tmpdir(), 'vbcc-bench-print-'));
  try {
    const gs = graduates(n);
    const key = signer();
    const { shrunk } = checkSameWork(gs);
    if (shrunk)
      throw new Error(`${shrunk} values would be shrunk: positions would differ from the bare loop`);

    await overlayRun('overlay', 'warm-up overlay', dir, gs, warmup, key);
    await bareRun('warm-up bare', dir, gs, warmup, key);
    const runs: RunResult[] = [];
    for (let k = 0; k < rounds; k++) {
      // ABBA: drift in the machine's load hits both sides alike.
      const order = k % 2 === 0 ? ['overlay', 'bare'] : ['bare', 'overlay'];
      for (const which of order)
        runs.push(
          which === 'overlay'
            ? await overlayRun('overlay', `overlay #${k + 1}`, dir, gs, n, key)
            : await bareRun(`bare pdfkit loop #${k + 1}`, dir, gs, n, key),
        );
    }
    const preview = await overlayRun('preview', 'preview', dir, gs, previewN, key);
    const qr = qrOnly(gs, 2_000, key);

    const best = (prefix: string) =>
      runs.filter((r) => r.label.startsWith(prefix)).reduce((a, b) => (rate(b) > rate(a) ? b : a));
    const overlay = best('overlay');
    const bare = best('bare');
    const ratio = rate(overlay) / rate(bare);
    const row = (r: RunResult) => ({
      run: r.label,
      pages: r.pages,
      s: +(r.ms / 1000).toFixed(2),
      'pages/s': Math.round(rate(r)),
      'KB/page': +(r.bytes / r.pages / 1024).toFixed(1),
      'RSS MB first/last/max': mem(r.samples, 'rssMb'),
      'heapUsed MB first/last/max': mem(r.samples, 'heapMb'),
      'live heap MB first/last/max': mem(r.samples, 'liveMb'),
    });
    return {
      name: 'print',
      rows: [...runs.map(row), row(preview)],
      notes: [
        `best overlay ${Math.round(rate(overlay))} pages/s (target ≥ 300), best bare loop ${Math.round(rate(bare))} pages/s, ratio ${ratio.toFixed(2)} (target ≥ 0.7)`,
        `sink: a file under ${tmpdir()} per run (deleted after); memory sampled every 1,000 pages (RSS and heapUsed as found, then heapUsed after a forced full GC, whose time is left out of the timing)`,
        `QR versions (level M, ${BASE_URL}): ${qr.mix}; sign + encode + qrSymbol alone: ${Math.round((2000 * 1000) / qr.ms)} per second (${(qr.ms / 2000).toFixed(2)} ms a page, in both loops)`,
        ...runs.map(
          (r) =>
            `${r.label}: live heap every 1,000 pages (MB): ${r.samples.map((x) => x.liveMb.toFixed(0)).join(' ')}`,
        ),
        `${n.toLocaleString('en')} graduates, none needing shrink-to-fit (checked), so both loops print the same strings at the same positions`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
