import jsQR from 'jsqr';
import { sign } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bytesToDigitsIndependent,
  type IndependentParse,
  parseQrDigits,
  parseQrUrl,
  verifyWithRawKey,
} from '../support/independent-qr';
import { encodeQrPayload } from '../../src/qr/qr-payload';
import { SigningService } from '../../src/signing/signing.service';
import { pdfText } from '../support/pdf';
import { crop, decodePng, renderPdfPage } from '../support/pdf-render';
import { graduateRows, issuedBtrDecision, receiveBlanks, waitJob } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { binary } from '../support/binary';

// Issue 6, end to end: diplomas of the register printed through the API, their QR read back from the
// rendered page by an independent decoder and verified with node:crypto against the published trust list.

const LONG_NAME = 'Công Tôn Nữ Thị Hoàng Phương Thảo';
const BASE_URL = 'https://vanbang.sgddt.bentre.gov.vn/vbcc'; // 40 characters
const QR_BOX = { xMm: 19, yMm: 158, sizeMm: 28 }; // THPT templates (layout.ts)

interface TrustKey {
  keyId: string;
  publicKey: string;
  validFrom: string;
  validTo: string | null;
  compromisedFrom: string | null;
  ownerOrgCode: string;
}

/** What a verifier app does offline: find the key in the trust list and check its window, then the signature. */
function offlineVerdict(
  p: IndependentParse,
  keys: TrustKey[],
): 'valid' | 'unknownKey' | 'compromised' | 'badSignature' {
  const k = keys.find((x) => x.keyId === p.keyId);
  if (!k) return 'unknownKey';
  if (k.compromisedFrom && p.fields.signedOn >= k.compromisedFrom) return 'compromised';
  return verifyWithRawKey(p, Buffer.from(k.publicKey, 'base64')) ? 'valid' : 'badSignature';
}

describe('diploma documents and signatures (issue 6)', () => {
  let t: TestApp;
  /** PUB-6: why QR checks failed, as kept for agencies (forgery signals), never in the public answer. */
  const signalReasons = async (kind: string) =>
    (await t.sql<{ reason: string }>(`SELECT reason FROM forgery_signals WHERE kind = $1`, [kind])).map(
      (r) => r.reason,
    );
  let dataDir: string;
  let decisionId: string;
  let ids: string[];
  const rows = graduateRows(6, 7, { classification: true });
  rows[0] = {
    ...rows[0],
    fullName: LONG_NAME.normalize('NFD'),
    placeOfBirth: 'Thừa Thiên Huế'.normalize('NFD'),
  };

  const printer = () => t.auth('btr.printer');
  /** A printer of another province (the demo has none: made once through the API). */
  let hpgPrinterMade = false;
  const otherPrinter = async () => {
    if (!hpgPrinterMade) {
      await t.http
        .post('/api/v1/users')
        .set(await t.auth('hpg.admin'))
        .send({ username: 'hpg.printer', password: DEMO_PASSWORD, orgCode: 'SGD-HPG', roles: ['printer'] })
        .expect(201);
      hpgPrinterMade = true;
    }
    return t.auth('hpg.printer');
  };
  const expectOutOfScope = (res: { status: number; body: unknown }) => {
    const body = Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString()) : res.body;
    expect({ status: res.status, code: (body as { code: string }).code }).toEqual({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
  };
  const pdfOf = async (id: string, query: string, user = 'btr.printer') =>
    t.http
      .get(`/api/v1/diplomas/${id}/pdf?${query}`)
      .set(await t.auth(user))
      .buffer(true)
      .parse(binary);
  /** A PDF the route must serve (200), as bytes. */
  const okPdf = async (id: string, query: string): Promise<Buffer> => {
    const res = await pdfOf(id, query);
    if (res.status !== 200) throw new Error(`${res.status}: ${(res.body as Buffer).toString()}`);
    return res.body as Buffer;
  };
  const trustKeys = async () =>
    (await t.http.get('/.well-known/vbcc/trust-list.json').expect(200)).body.trustList.keys as TrustKey[];
  const scanQr = async (pdf: Buffer): Promise<string> => {
    const dpi = 200;
    const px = (v: number) => Math.round((v * dpi) / 25.4);
    const page = await decodePng(renderPdfPage(pdf, { dpi }));
    const r = crop(page, {
      x: px(QR_BOX.xMm - 4),
      y: px(QR_BOX.yMm - 4),
      width: px(QR_BOX.sizeMm + 8),
      height: px(QR_BOX.sizeMm + 8),
    });
    const qr = jsQR(r.data, r.width, r.height);
    if (!qr) throw new Error('no QR found on the rendered page');
    return qr.data;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vbcc-print-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir, PUBLIC_BASE_URL: BASE_URL } });
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'IN', 1, 40);
    ({ decisionId, ids } = await issuedBtrDecision(
      t,
      {
        decisionNo: '77/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
        examCouncil: 'Hội đồng thi Sở Giáo dục và Đào tạo Bến Tre',
      },
      rows,
      '2025-08-10',
    ));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('acceptance 1: the preview PDF holds every printed field in exact NFC for a name given in NFD', async () => {
    const res = await pdfOf(ids[0], 'mode=preview');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { rawPages } = pdfText(res.body as Buffer);
    const page = rawPages[0];
    const [entry] = await t.sql<{
      serial_number: string;
      register_entry_number: string;
      signer_title: string;
      signer_name: string;
    }>(
      `SELECT serial_number, register_entry_number, signer_title, signer_name FROM register_entries WHERE id = $1`,
      [ids[0]],
    );
    const [dd, mm, yyyy] = rows[0].dateOfBirth.split('-').reverse();
    for (const value of [
      LONG_NAME,
      `${dd}/${mm}/${yyyy}`,
      'Thừa Thiên Huế',
      'Nữ',
      rows[0].ethnicity,
      'Trường THPT Chuyên Bến Tre',
      '2025',
      'Giỏi',
      'Chính quy',
      'Hội đồng thi Sở Giáo dục và Đào tạo Bến Tre',
      entry.signer_title,
      entry.signer_name,
      'Bến Tre', // place of issue (PRINT-8), then day, month and year apart (PRINT-3)
      entry.serial_number,
      entry.register_entry_number,
    ]) {
      expect(value.normalize('NFC')).toBe(value);
      expect(page).toContain(value);
    }
    expect(page).not.toMatch(/\p{M}/u); // no combining marks anywhere: NFC as printed
    expect(page).toContain('BẢN IN THỬ'); // a plain-paper preview never passes for a diploma
  });

  it('acceptance 2: the QR on the overlay decodes independently and verifies with node:crypto and the trust-list key', async () => {
    const res = { body: await okPdf(ids[0], 'mode=overlay') };
    const url = await scanQr(res.body);
    expect(url.startsWith(`${BASE_URL}/v#`)).toBe(true);
    const p = parseQrUrl(url);
    expect(p.fields).toMatchObject({
      fullName: LONG_NAME,
      credentialType: 'THPT',
      issuerOrgCode: 'SGD-BTR',
      issuedOn: '2025-08-10',
    });
    const keys = await trustKeys();
    expect(offlineVerdict(p, keys)).toBe('valid');
    // one changed byte anywhere in the payload (header, name, signature) and it no longer verifies
    const raw = Buffer.from(keys.find((k) => k.keyId === p.keyId)!.publicKey, 'base64');
    for (const at of [1, p.payloadBytes.indexOf(Buffer.from('Công')) + 1, p.payloadBytes.length - 5]) {
      const changed = Buffer.from(p.payloadBytes);
      changed[at] ^= 0x01;
      let verdict: boolean;
      try {
        verdict = verifyWithRawKey(parseQrDigits(bytesToDigitsIndependent(changed)), raw);
      } catch {
        verdict = false; // no longer even parses
      }
      expect(verdict).toBe(false);
    }
    // the server agrees, and shows the diploma only on a match
    const digits = url.slice(url.indexOf('#') + 1);
    const ok = await t.http.get(`/api/v1/public/qr/${digits}`).expect(200);
    expect(ok.body).toMatchObject({
      result: 'match',
      diploma: { fullName: LONG_NAME, issuer: { code: 'SGD-BTR' } },
    });
    expect(ok.body.checks.map((c: { type: string; status: string }) => `${c.type}:${c.status}`)).toEqual([
      'format:pass',
      'key:pass',
      'signature:pass',
      'register:pass',
      'status:pass',
    ]);
    const flipped = digits.slice(0, 200) + ((Number(digits[200]) + 1) % 10) + digits.slice(201);
    const bad = await t.http.get(`/api/v1/public/qr/${flipped}`);
    expect([200, 400]).toContain(bad.status);
    if (bad.status === 200) {
      expect(bad.body.result).toBe('noMatch');
      expect(bad.body.diploma).toBeUndefined();
    } else expect(bad.body.code).toBe('QR_PAYLOAD_INVALID');
    await t.http.get('/api/v1/public/qr/12ab').expect(400);
  });

  it('acceptance 3: the printed QR is version 10 or lower with a 40-character base URL and the longest name', async () => {
    const res = { body: await okPdf(ids[0], 'mode=preview') };
    const dpi = 200;
    const px = (v: number) => Math.round((v * dpi) / 25.4);
    const page = await decodePng(renderPdfPage(res.body, { dpi }));
    const qr = jsQR(
      crop(page, {
        x: px(QR_BOX.xMm - 4),
        y: px(QR_BOX.yMm - 4),
        width: px(QR_BOX.sizeMm + 8),
        height: px(QR_BOX.sizeMm + 8),
      }).data,
      px(QR_BOX.sizeMm + 8),
      px(QR_BOX.sizeMm + 8),
    );
    expect(BASE_URL).toHaveLength(40);
    expect(qr).not.toBeNull();
    expect(qr!.version).toBeLessThanOrEqual(10);
    // a plain-paper preview carries a specimen QR of the same size that never verifies
    const digits = qr!.data.slice(qr!.data.indexOf('#') + 1);
    expect(offlineVerdict(parseQrDigits(digits), await trustKeys())).toBe('badSignature');
    const online = await t.http.get(`/api/v1/public/qr/${digits}`).expect(200);
    expect(online.body.result).toBe('noMatch');
    expect(online.body.checks.at(-1)).toEqual({ type: 'signature', status: 'fail', reason: 'badSignature' });
  });

  it('acceptance 7: an overlay print is a fact in the log; printing the same blank twice needs reprint=true', async () => {
    const [print] = await t.sql<{
      id: string;
      serial_number: string;
      calibration_name: string;
      key_id: string;
    }>(`SELECT id, serial_number, calibration_name, key_id FROM diploma_prints WHERE entry_id = $1`, [
      ids[0],
    ]);
    expect(print).toMatchObject({ calibration_name: 'none' });
    const [leaf] = await t.sql(
      `SELECT 1 FROM log_entries WHERE fact_type = 'printing.diplomaPrint' AND fact_id = $1`,
      [print.id],
    );
    expect(leaf).toBeDefined();
    const again = await pdfOf(ids[0], 'mode=overlay');
    expect({ status: again.status, code: JSON.parse((again.body as Buffer).toString()).code }).toEqual({
      status: 409,
      code: 'PRINT_NOT_POSSIBLE',
    });
    await okPdf(ids[0], 'mode=overlay&reprint=true');
    const prints = await t.sql<{ reprint: boolean }>(
      `SELECT reprint FROM diploma_prints WHERE entry_id = $1 ORDER BY created_at`,
      [ids[0]],
    );
    expect(prints.map((p) => p.reprint)).toEqual([false, true]);
    await expect(
      t.sql(`UPDATE diploma_prints SET calibration_name = 'x' WHERE id = $1`, [print.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM diploma_prints WHERE id = $1`, [print.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('calibration profiles: validated, audited, and the test page is drawn with the profile', async () => {
    const auth = await printer();
    const bad = await t.http
      .put('/api/v1/print-calibrations/may-in-1')
      .set(auth)
      .send({ offsetXmm: 31, offsetYmm: 0, scale: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.errors[0].field).toBe('offsetXmm');
    await t.http
      .put('/api/v1/print-calibrations/may-in-1')
      .set(auth)
      .send({ offsetXmm: 2, offsetYmm: -1.5, scale: 1, description: 'Máy in phòng văn thư' })
      .expect(200);
    const got = await t.http.get('/api/v1/print-calibrations/may-in-1').set(auth).expect(200);
    expect(got.body).toMatchObject({
      name: 'may-in-1',
      orgCode: 'SGD-BTR',
      offsetXmm: 2,
      offsetYmm: -1.5,
      scale: 1,
    });
    const list = await t.http.get('/api/v1/print-calibrations').set(auth).expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['may-in-1']);
    const page = await t.http
      .get('/api/v1/print-calibrations/may-in-1/test-page')
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(page.body as Buffer).rawPages[0];
    expect(text).toContain('TRANG CĂN CHỈNH MÁY IN');
    expect(text).toContain('X offset 2 mm');
    await t.http.get('/api/v1/print-calibrations/khong-co').set(auth).expect(404);
    const audit = await t.sql(`SELECT 1 FROM audit_events WHERE action = 'printCalibration.create'`);
    expect(audit).toHaveLength(1);
    // another province's office cannot see or set this office's profiles
    expectOutOfScope(
      await t.http.get('/api/v1/print-calibrations?orgCode=SGD-BTR').set(await otherPrinter()),
    );
  });

  it('a print job for a decision streams one PDF with progress, records every print at once, and is downloadable', async () => {
    const auth = await printer();
    const res = await t.http
      .post('/api/v1/print-jobs')
      .set(auth)
      .send({ decisionId, mode: 'overlay', calibration: 'may-in-1', reprint: false });
    // the first diploma was printed above: the whole job is refused before it starts, naming it
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PRINT_NOT_POSSIBLE');
    expect(res.body.details.errors).toEqual([
      expect.objectContaining({ field: 'diplomaIds[0]', code: 'ALREADY_PRINTED' }),
    ]);

    const job = await t.http
      .post('/api/v1/print-jobs')
      .set(auth)
      .send({ diplomaIds: ids.slice(1), mode: 'overlay', calibration: 'may-in-1' })
      .expect(202);
    const done = await waitJob(t, 'btr.printer', job.body.id);
    expect(done).toMatchObject({ state: 'succeeded', progress: { done: 5, total: 5 } });
    expect(done.result).toMatchObject({ pages: 5, mode: 'overlay', calibration: 'may-in-1' });
    const file = await t.http
      .get(done.result.url as string)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(file.body as Buffer);
    expect(text.numPages).toBe(5);
    rows.slice(1).forEach((r, i) => expect(text.rawPages[i]).toContain(r.fullName.normalize('NFC')));
    const prints = await t.sql<{ job_id: string; calibration_name: string; offset_x_mm: string }>(
      `SELECT job_id, calibration_name, offset_x_mm FROM diploma_prints WHERE job_id = $1`,
      [job.body.id],
    );
    expect(prints).toHaveLength(5);
    expect(prints[0]).toMatchObject({ calibration_name: 'may-in-1', offset_x_mm: '2.00' });
    expect(readdirSync(join(dataDir, 'print-jobs'))).toEqual([`${job.body.id}.pdf`]);
    // a preview job records nothing
    const preview = await t.http
      .post('/api/v1/print-jobs')
      .set(auth)
      .send({ decisionId, mode: 'preview' })
      .expect(202);
    expect((await waitJob(t, 'btr.printer', preview.body.id)).state).toBe('succeeded');
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM diploma_prints WHERE job_id = $1`, [
      preview.body.id,
    ]);
    expect(n).toBe('0');
    // bad requests: neither ids nor decision; an unknown diploma; someone else's job file
    expect((await t.http.post('/api/v1/print-jobs').set(auth).send({ mode: 'overlay' })).status).toBe(400);
    const unknown = await t.http
      .post('/api/v1/print-jobs')
      .set(auth)
      .send({ diplomaIds: [ids[1], '00000000-0000-4000-8000-000000000000'], mode: 'preview' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details.errors[0].field).toBe('diplomaIds[1]');
    expectOutOfScope(await t.http.get(done.result.url as string).set(await otherPrinter()));
  });

  it('a misprint spoils the blank, puts the next blank on the same entry, and the old QR stops verifying', async () => {
    const auth = await printer();
    const before = (await t.http.get(`/api/v1/diplomas/${ids[2]}`).set(auth).expect(200)).body;
    const [oldPrint] = await t.sql<{ qr_payload: string }>(
      `SELECT qr_payload FROM diploma_prints WHERE entry_id = $1`,
      [ids[2]],
    );
    const res = await t.http
      .post(`/api/v1/diplomas/${ids[2]}/misprints`)
      .set(auth)
      .send({ serialNumber: before.serialNumber, note: 'Kẹt giấy' })
      .expect(201);
    // the same request again (a double click) names a blank the diploma is no longer on: nothing spoiled
    const again = await t.http
      .post(`/api/v1/diplomas/${ids[2]}/misprints`)
      .set(auth)
      .send({ serialNumber: before.serialNumber, note: 'Kẹt giấy' });
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'SERIAL_NOT_CURRENT',
    });
    expect(res.body.serialNumber).not.toBe(before.serialNumber);
    expect(res.body.registerEntryNumber).toBe(before.registerEntryNumber);
    expect(res.body.serialReplacements).toEqual([
      expect.objectContaining({
        previousSerialNumber: before.serialNumber,
        serialNumber: res.body.serialNumber,
        reason: 'misprinted',
      }),
    ]);
    const blank = await t.http.get(`/api/v1/blanks/${before.serialNumber}`).set(auth).expect(200);
    expect(blank.body.state).toBe('spoiled');
    const [fact] = await t.sql(
      `SELECT 1 FROM log_entries l JOIN register_entry_serials r ON r.id = l.fact_id WHERE l.fact_type = 'register.entrySerial' AND r.entry_id = $1`,
      [ids[2]],
    );
    expect(fact).toBeDefined();
    // found by either serial; the old QR is refused as a spoiled blank
    const byOld = await t.http
      .get(`/api/v1/diplomas?serialNumber=${before.serialNumber}`)
      .set(auth)
      .expect(200);
    expect(byOld.body.items.map((d: { id: string }) => d.id)).toEqual([ids[2]]);
    const old = await t.http.get(`/api/v1/public/qr/${oldPrint.qr_payload}`).expect(200);
    expect(old.body.result).toBe('noMatch');
    // PUB-6: publicly like any other mismatch; the reason is kept for agencies
    expect(old.body.checks.at(-1)).toEqual({ type: 'register', status: 'fail', reason: 'notInRegister' });
    expect(await signalReasons('qrNotInRegister')).toContain('blankSpoiled');
    // the new blank is not printed yet, so an overlay goes through without reprint
    const pdf = { body: await okPdf(ids[2], 'mode=overlay') };
    expect(pdfText(pdf.body).rawPages[0]).toContain(res.body.serialNumber);
    // the register book shows both serials
    const [{ book_id }] = await t.sql<{ book_id: string }>(
      `SELECT book_id FROM register_entries WHERE id = $1`,
      [ids[2]],
    );
    const book = await t.http
      .get(`/api/v1/register-books/${book_id}/pdf`)
      .set(await t.auth('btr.registrar'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(
      pdfText(book.body as Buffer)
        .pages.join(' ')
        .replace(/\s+/g, ' '),
    ).toContain(`In hỏng phôi số ${before.serialNumber}`);
  });

  it('nothing is printed onto a blank after handover, and another province cannot print', async () => {
    await t.http
      .post(`/api/v1/diplomas/${ids[3]}/handover`)
      .set(await t.auth('btr.registrar'))
      .send({
        receivedOn: '2025-09-05',
        receiverName: 'Nguyễn Văn Nhận',
        receiverPersonalIdNumber: '083207001234',
        relationship: 'self',
      })
      .expect(200);
    const mis = await t.http
      .post(`/api/v1/diplomas/${ids[3]}/misprints`)
      .set(await printer())
      .send({
        serialNumber: (await t.http.get(`/api/v1/diplomas/${ids[3]}`).set(await printer())).body.serialNumber,
      });
    expect({ status: mis.status, code: mis.body.code }).toEqual({ status: 409, code: 'DIPLOMA_HANDED_OVER' });
    const over = await pdfOf(ids[3], 'mode=overlay&reprint=true');
    expect(over.status).toBe(409);
    expect(JSON.parse((over.body as Buffer).toString()).details.errors[0].code).toBe('HANDED_OVER');
    await otherPrinter();
    expectOutOfScope(await pdfOf(ids[4], 'mode=preview', 'hpg.printer'));
    expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${ids[4]}/misprints`)
        .set(await otherPrinter())
        .send({ serialNumber: 'IN0000005' }),
    );
  });

  it('BLANK-10: a diploma whose blank was later reported lost no longer verifies', async () => {
    const [print] = await t.sql<{ qr_payload: string; serial_number: string }>(
      `SELECT qr_payload, serial_number FROM diploma_prints WHERE entry_id = $1`,
      [ids[5]],
    );
    expect((await t.http.get(`/api/v1/public/qr/${print.qr_payload}`).expect(200)).body.result).toBe('match');
    await t.http
      .post('/api/v1/blanks/losses')
      .set(await t.auth('btr.registrar'))
      .send({ serials: [print.serial_number], policeReportRef: 'CV 12/CAT-PC02', reportedOn: '2025-10-01' })
      .expect(201);
    const res = await t.http.get(`/api/v1/public/qr/${print.qr_payload}`).expect(200);
    expect(res.body).toEqual({
      result: 'noMatch',
      checks: expect.arrayContaining([{ type: 'register', status: 'fail', reason: 'notInRegister' }]),
    });
    expect(await signalReasons('qrNotInRegister')).toContain('blankLost');
  });

  it('register numbers restart each year (NUM-2): the QR finds the entry of its own issue date', async () => {
    const { decisionId: dec } = await issuedBtrDecision(
      t,
      {
        decisionNo: '15/QĐ-SGDĐT',
        decidedOn: '2024-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2024,
      },
      graduateRows(1, 44),
      '2024-08-10',
    );
    const [entry] = await t.sql<{ id: string; register_entry_number: string }>(
      `SELECT id, register_entry_number FROM register_entries WHERE decision_id = $1`,
      [dec],
    );
    const [first2025] = await t.sql<{ register_entry_number: string }>(
      `SELECT register_entry_number FROM register_entries WHERE id = $1`,
      [ids[0]],
    );
    expect(entry.register_entry_number).toBe(first2025.register_entry_number); // "1" in both years
    await okPdf(entry.id, 'mode=overlay');
    const [print] = await t.sql<{ qr_payload: string }>(
      `SELECT qr_payload FROM diploma_prints WHERE entry_id = $1`,
      [entry.id],
    );
    const res = await t.http.get(`/api/v1/public/qr/${print.qr_payload}`).expect(200);
    expect(res.body).toMatchObject({ result: 'match', diploma: { issuedOn: '2024-08-10' } });
  });

  it('under parallel requests a blank is printed once and misprints never share a replacement blank', async () => {
    const more = graduateRows(8, 21);
    const { decisionId: dec } = await issuedBtrDecision(
      t,
      {
        decisionNo: '78/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-NDCHIEU',
        graduationYear: 2025,
      },
      more,
      '2025-08-10',
    );
    const auth = await printer();
    // two print jobs for the same decision at once: the prints of one are recorded, the other job fails whole
    const jobs = await Promise.all(
      [1, 2].map(() =>
        t.http.post('/api/v1/print-jobs').set(auth).send({ decisionId: dec, mode: 'overlay' }),
      ),
    );
    const states = await Promise.all(
      jobs.map(async (j) =>
        j.status === 202 ? (await waitJob(t, 'btr.printer', j.body.id)).state : j.body.code,
      ),
    );
    // the loser fails as "already printed", whether refused up front or when it came to record
    const failures = await Promise.all(
      jobs.map(async (j) =>
        j.status === 202 ? (await waitJob(t, 'btr.printer', j.body.id)).error?.code : j.body.code,
      ),
    );
    expect(states.filter((s) => s === 'succeeded')).toHaveLength(1);
    expect(failures.filter(Boolean)).toEqual([
      expect.stringMatching(/^(DIPLOMA_ALREADY_PRINTED|PRINT_NOT_POSSIBLE)$/),
    ]);
    const [{ n, pairs }] = await t.sql<{ n: string; pairs: string }>(
      `SELECT count(*) AS n, count(DISTINCT (p.entry_id, p.serial_number)) AS pairs
         FROM diploma_prints p JOIN register_entries e ON e.id = p.entry_id WHERE e.decision_id = $1`,
      [dec],
    );
    expect({ n, pairs }).toEqual({ n: '8', pairs: '8' });
    // eight misprints at once: eight spoiled blanks, eight different replacements, none reused
    const entryIds = (
      await t.sql<{ id: string }>(`SELECT id FROM register_entries WHERE decision_id = $1`, [dec])
    ).map((r) => r.id);
    const current = await t.sql<{ id: string; serial_number: string }>(
      `SELECT id, serial_number FROM register_entries WHERE id = ANY($1::uuid[])`,
      [entryIds],
    );
    const serialOf = new Map(current.map((r) => [r.id, r.serial_number]));
    const res = await Promise.all(
      entryIds.map((id) =>
        t.http
          .post(`/api/v1/diplomas/${id}/misprints`)
          .set(auth)
          .send({ serialNumber: serialOf.get(id) }),
      ),
    );
    expect(res.map((r) => r.status)).toEqual(entryIds.map(() => 201));
    const serials = res.map((r) => r.body.serialNumber as string);
    expect(new Set(serials).size).toBe(8);
    const [{ used }] = await t.sql<{ used: string }>(
      `SELECT count(*) AS used FROM register_entries WHERE serial_number = ANY($1::text[])`,
      [serials],
    );
    expect(used).toBe('0');
    // two misprints of the same sheet at once: one replacement, the other is told the sheet moved
    const twice = await Promise.all(
      [1, 2].map(() =>
        t.http
          .post(`/api/v1/diplomas/${entryIds[0]}/misprints`)
          .set(auth)
          .send({ serialNumber: res[0].body.serialNumber }),
      ),
    );
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ k }] = await t.sql<{ k: string }>(
      `SELECT count(*) AS k FROM register_entry_serials WHERE entry_id = $1`,
      [entryIds[0]],
    );
    expect(k).toBe('2');
  });

  it('a name too long for the QR format is refused before anything is printed (PRINT_NOT_POSSIBLE, QR_UNENCODABLE)', async () => {
    const name = `Nguyễn ${Array(16).fill('Ưỡng').join(' ')}`; // 86 characters, 136 UTF-8 bytes > 127
    const { decisionId: dec } = await issuedBtrDecision(
      t,
      {
        decisionNo: '79/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-NDCHIEU',
        graduationYear: 2025,
      },
      [{ ...graduateRows(1, 33)[0], fullName: name }],
      '2025-08-10',
    );
    const job = await t.http
      .post('/api/v1/print-jobs')
      .set(await printer())
      .send({ decisionId: dec, mode: 'overlay' });
    expect(job.status).toBe(409);
    expect(job.body.details.errors[0]).toMatchObject({ field: 'diplomaIds[0]', code: 'QR_UNENCODABLE' });
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM diploma_prints p JOIN register_entries e ON e.id = p.entry_id WHERE e.decision_id = $1`,
      [dec],
    );
    expect(n).toBe('0');
  });

  it('a key compromise: QRs dated before it still verify, after it they fail; a backdated forgery fails online', async () => {
    const signing = t.running.app.get(SigningService);
    const [printed] = await t.sql<{ qr_payload: string; key_id: string; signed_on: string }>(
      `SELECT qr_payload, key_id, to_char(signed_on, 'YYYY-MM-DD') AS signed_on FROM diploma_prints WHERE entry_id = $1 LIMIT 1`,
      [ids[1]],
    );
    const key = (await signing.issuerKey(
      (await t.sql<{ path: string }>(`SELECT path FROM organisations WHERE code = 'SGD-BTR'`))[0].path,
    ))!;
    expect(key.row.keyId).toBe(printed.key_id);
    // a key in use since January 2025 (the demo made it today), reported stolen from the day after the print
    await t.sql(`UPDATE signing_keys SET valid_from = '2025-01-01T00:00:00+07:00' WHERE key_id = $1`, [
      key.row.keyId,
    ]);
    const compromisedAt = new Date(`${printed.signed_on}T00:00:00+07:00`);
    compromisedAt.setUTCDate(compromisedAt.getUTCDate() + 1);
    await signing.markCompromised(key.row.keyId, compromisedAt);
    const keys = await trustKeys();
    const listed = keys.find((k) => k.keyId === key.row.keyId)!;
    expect(listed.compromisedFrom).not.toBeNull();

    const before = parseQrUrl(`${BASE_URL}/v#${printed.qr_payload}`);
    expect(offlineVerdict(before, keys)).toBe('valid');
    expect((await t.http.get(`/api/v1/public/qr/${printed.qr_payload}`).expect(200)).body.result).toBe(
      'match',
    );

    const [entry] = await t.sql<{
      full_name: string;
      date_of_birth: string;
      register_entry_number: string;
      serial_number: string;
    }>(
      `SELECT full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, register_entry_number, serial_number FROM register_entries WHERE id = $1`,
      [ids[1]],
    );
    const forge = (signedOn: string) =>
      encodeQrPayload(
        {
          credentialType: 'THPT',
          serialNumber: entry.serial_number,
          registerEntryNumber: entry.register_entry_number,
          fullName: entry.full_name,
          dateOfBirth: entry.date_of_birth,
          issuerOrgCode: 'SGD-BTR',
          issuedOn: '2025-08-10',
          signedOn,
        },
        key.row.keyId,
        (m) => sign(null, m, key.privateKey),
      );
    const after = forge(listed.compromisedFrom!);
    expect(offlineVerdict(parseQrUrl(`${BASE_URL}/v#${after}`), keys)).toBe('compromised');
    const online = await t.http.get(`/api/v1/public/qr/${after}`).expect(200);
    expect(online.body.result).toBe('noMatch');
    expect(online.body.checks.at(-1)).toEqual({ type: 'key', status: 'fail', reason: 'compromised' });
    // a thief can backdate signedOn: offline that passes (the format's limit), online it was never printed
    const backdated = forge('2025-08-11');
    expect(offlineVerdict(parseQrUrl(`${BASE_URL}/v#${backdated}`), keys)).toBe('valid');
    const caught = await t.http.get(`/api/v1/public/qr/${backdated}`).expect(200);
    expect(caught.body.checks.at(-1)).toEqual({ type: 'register', status: 'fail', reason: 'notInRegister' });
    expect(await signalReasons('qrNotInRegister')).toContain('notPrintedByIssuer');
  });
});
