import jsQR from 'jsqr';
import { localDateTime } from '../../src/common/calendar/working-day-calendar';
import { templateFor } from '../../src/printing/diploma/templates';
import { parseQrUrl, verifyWithRawKey } from '../support/independent-qr';
import { pdfText } from '../support/pdf';
import { crop, decodePng, renderPdfPage } from '../support/pdf-render';
import {
  graduateRows,
  issuedBtrDecision,
  receiveBlanks,
  issuedCommuneThcs,
} from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary';

// Issue 7: copies from the register (bản sao từ sổ gốc, COPY-*, NUM-6, PRINT-7), through the HTTP API.

const BASE_URL = 'https://vanbang.sgddt.bentre.gov.vn/vbcc';
const NAME = 'Công Tôn Nữ Thị Hoàng Phương Thảo';

interface CopyResult {
  id: string;
  custodianOrgCode: string;
  dueOn: string;
  copyEntryNumber: string;
  copyEntryNumbers: string[];
  copies: { id: string; copyEntryNumber: string; copySequence: number; copiedOn: string; pdfUrl: string }[];
  serialNumber: string;
  registerEntryNumber: string;
}

describe('copies from the register (COPY-*)', () => {
  let t: TestApp;
  let ids: string[];
  const today = localDateTime(new Date()).date;
  const year = Number(today.slice(0, 4));
  const rows = graduateRows(3, 81, { classification: true });
  rows[0] = { ...rows[0], fullName: NAME.normalize('NFD') };

  const body = (extra: Record<string, unknown> = {}) => ({
    requesterName: 'Nguyễn Thị Lan',
    requesterPersonalIdNumber: '083206001234',
    relationship: 'holder',
    quantity: 1,
    receivedAt: '2026-11-27T10:00:00+07:00',
    signerName: 'Lê Văn Hùng',
    signerTitle: 'GIÁM ĐỐC',
    ...extra,
  });
  const ask = async (id: string, extra: Record<string, unknown> = {}, user = 'btr.registrar') =>
    t.http
      .post(`/api/v1/diplomas/${id}/copies`)
      .set(await t.auth(user))
      .send(body(extra));
  const count = async () => {
    const [r] = await t.sql<{ requests: string; copies: string; audits: string }>(
      `SELECT (SELECT count(*) FROM copy_requests) AS requests, (SELECT count(*) FROM register_copies) AS copies,
              (SELECT count(*) FROM audit_events WHERE action = 'diploma.copy') AS audits`,
    );
    return { requests: Number(r.requests), copies: Number(r.copies), audits: Number(r.audits) };
  };
  const pdf = async (url: string, user = 'btr.registrar') =>
    t.http
      .get(url)
      .set(await t.auth(user))
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: BASE_URL } });
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'CP', 1, 10);
    ({ ids } = await issuedBtrDecision(
      t,
      {
        decisionNo: '91/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
      },
      rows,
      '2025-08-10',
    ));
  });
  afterAll(async () => {
    await t.close();
  });

  it('a holder’s request: consecutive copy numbers, the COPY-4 due date, facts and the audit row', async () => {
    // Friday 27/11/2026 before 15:00: due the same day.
    const res = await ask(ids[0], { quantity: 2, receivedAt: '2026-11-27T14:59:00+07:00' });
    expect(res.status).toBe(201);
    const r = res.body as CopyResult;
    const [entry] = await t.sql<{ serial_number: string; register_entry_number: string }>(
      `SELECT serial_number, register_entry_number FROM register_entries WHERE id = $1`,
      [ids[0]],
    );
    expect(r).toMatchObject({
      custodianOrgCode: 'SGD-BTR',
      dueOn: '2026-11-27',
      copyEntryNumber: '1',
      copyEntryNumbers: ['1', '2'],
      serialNumber: entry.serial_number,
      registerEntryNumber: entry.register_entry_number,
    });
    expect(r.copies.map((c) => [c.copySequence, c.copiedOn])).toEqual([
      [1, today],
      [2, today],
    ]);
    // received at 15:00 or later on Friday: due the next working day, Monday 30/11/2026
    const late = await ask(ids[0], { receivedAt: '2026-11-27T15:00:00+07:00' });
    expect({ status: late.status, dueOn: late.body.dueOn, number: late.body.copyEntryNumber }).toEqual({
      status: 201,
      dueOn: '2026-11-30',
      number: '3',
    });
    // received on a Saturday: the next working day too
    const weekend = await ask(ids[0], { receivedAt: '2026-11-28T09:00:00+07:00' });
    expect(weekend.body.dueOn).toBe('2026-11-30');

    const facts = await t.sql<{ fact_type: string }>(
      `SELECT l.fact_type FROM log_entries l
         LEFT JOIN copy_requests q ON q.id = l.fact_id LEFT JOIN register_copies c ON c.id = l.fact_id
        WHERE q.id = $1 OR c.request_id = $1 ORDER BY l.fact_type`,
      [r.id],
    );
    expect(facts.map((f) => f.fact_type)).toEqual(['copy.registerCopy', 'copy.registerCopy', 'copy.request']);
    const [audit] = await t.sql<{ details: { copyEntryNumbers: string[] } }>(
      `SELECT details FROM audit_events WHERE action = 'diploma.copy' AND target_id = $1 ORDER BY occurred_at LIMIT 1`,
      [ids[0]],
    );
    expect(audit.details.copyEntryNumbers).toEqual(['1', '2']);
    await expect(t.sql(`UPDATE register_copies SET copy_entry_number = 'X'`)).rejects.toThrow(/append-only/);
    // the counter row is never deleted: the copy numbers would restart (NUM-6)
    await expect(t.sql(`DELETE FROM copy_register_books`)).rejects.toThrow(/append-only: DELETE/);
    await expect(t.sql(`DELETE FROM copy_requests`)).rejects.toThrow(/append-only/);
  });

  it('the copy PDF: "BẢN SAO", the copy number and date, the original’s numbers, NFC Vietnamese, the current signer', async () => {
    const res = await ask(ids[0]);
    const r = res.body as CopyResult;
    const file = await pdf(r.copies[0].pdfUrl);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const { rawPages, numPages } = pdfText(file.body as Buffer);
    expect(numPages).toBe(1);
    const page = rawPages[0];
    const [, mm, dd] = today.split('-');
    for (const value of [
      'BẢN SAO',
      'Số vào sổ cấp bản sao:',
      r.copyEntryNumber,
      NAME,
      'Trường THPT Chuyên Bến Tre',
      r.serialNumber,
      r.registerEntryNumber,
      'Bản chính cấp ngày 10/08/2025',
      'Lê Văn Hùng', // the custodian's current head (PRINT-7), not the original's signer
      'GIÁM ĐỐC',
      String(+dd),
      String(+mm),
    ])
      expect(page).toContain(value);
    expect(page).not.toMatch(/\p{M}/u); // NFC as printed, although the name was registered in NFD
    expect(page).not.toContain('BẢN IN THỬ'); // not a test print
    expect(page).not.toContain('Trần Văn Khải'); // the decision's signer signed the original only
  });

  it('the copy’s QR, read from the rendered page, verifies with node:crypto against the trust-list key', async () => {
    const r = (await ask(ids[1])).body as CopyResult;
    const file = (await pdf(r.copies[0].pdfUrl)).body as Buffer;
    const box = templateFor('THPT', today).qr!;
    const dpi = 200;
    const px = (v: number) => Math.round((v * dpi) / 25.4);
    const page = await decodePng(renderPdfPage(file, { dpi }));
    const win = crop(page, {
      x: px(box.xMm - 4),
      y: px(box.yMm - 4),
      width: px(box.sizeMm + 8),
      height: px(box.sizeMm + 8),
    });
    const scanned = jsQR(win.data, win.width, win.height);
    expect(scanned).not.toBeNull();
    expect(scanned!.data.startsWith(`${BASE_URL}/v#`)).toBe(true);
    const parsed = parseQrUrl(scanned!.data);
    expect(parsed.fields).toMatchObject({
      credentialType: 'THPT',
      serialNumber: r.serialNumber,
      registerEntryNumber: r.registerEntryNumber,
      fullName: rows[1].fullName,
      issuerOrgCode: 'SGD-BTR',
      issuedOn: '2025-08-10',
      signedOn: today,
    });
    const keys = (await t.http.get('/.well-known/vbcc/trust-list.json').expect(200)).body.trustList.keys as {
      keyId: string;
      publicKey: string;
    }[];
    const key = keys.find((k) => k.keyId === parsed.keyId);
    expect(key).toBeDefined();
    const raw = Buffer.from(key!.publicKey, 'base64');
    expect(verifyWithRawKey(parsed, raw)).toBe(true);
    const forged = Buffer.from(parsed.signature);
    forged[0] ^= 0x01;
    expect(verifyWithRawKey({ ...parsed, signature: forged }, raw)).toBe(false);
    // the server agrees: a copy's QR is the original's record, signed on the copy date
    const digits = scanned!.data.slice(scanned!.data.indexOf('#') + 1);
    const online = await t.http.get(`/api/v1/public/qr/${digits}`).expect(200);
    expect(online.body).toMatchObject({ result: 'match', diploma: { fullName: rows[1].fullName } });
  });

  it('acceptance 2: 20 parallel requests on one custodian get unique, gapless copy numbers', async () => {
    const before = await t.sql<{ last_sequence: number }>(
      `SELECT b.last_sequence FROM copy_register_books b JOIN organisations o ON o.id = b.custodian_org_id
        WHERE o.code = 'SGD-BTR' AND b.credential_type = 'THPT' AND b.year = $1`,
      [year],
    );
    const start = before[0].last_sequence;
    const quantities = Array.from({ length: 20 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(
      quantities.map((quantity, i) => ask(ids[i % 2], { quantity, requesterName: `Người yêu cầu ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(quantities.map(() => 201));
    const total = quantities.reduce((a, b) => a + b, 0);
    const seqs = results.flatMap((r) => (r.body as CopyResult).copies.map((c) => c.copySequence));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => start + 1 + i));
    // each request's copies are consecutive: allocated under one lock
    for (const [i, r] of results.entries()) {
      const s = (r.body as CopyResult).copies.map((c) => c.copySequence);
      expect(s).toEqual(Array.from({ length: quantities[i] }, (_, k) => s[0] + k));
      expect((r.body as CopyResult).copyEntryNumbers).toEqual(s.map(String));
    }
    const [book] = await t.sql<{ last_sequence: number; n: string; max: number }>(
      `SELECT b.last_sequence, (SELECT count(*) FROM register_copies c WHERE c.custodian_org_id = b.custodian_org_id
              AND c.credential_type = 'THPT' AND c.year = $1) AS n,
              (SELECT max(copy_sequence) FROM register_copies c WHERE c.custodian_org_id = b.custodian_org_id
              AND c.credential_type = 'THPT' AND c.year = $1) AS max
         FROM copy_register_books b JOIN organisations o ON o.id = b.custodian_org_id
        WHERE o.code = 'SGD-BTR' AND b.credential_type = 'THPT' AND b.year = $1`,
      [year],
    );
    expect({ last: book.last_sequence, n: Number(book.n), max: book.max }).toEqual({
      last: start + total,
      n: start + total,
      max: start + total,
    });
  });

  it('refusals, each with its own code and field, write nothing', async () => {
    const before = await count();
    const relative = await ask(ids[0], { relationship: 'relative' });
    expect({
      status: relative.status,
      code: relative.body.code,
      field: relative.body.details.errors[0].field,
    }).toEqual({ status: 422, code: 'COPY_NOT_ELIGIBLE', field: 'evidenceRef' });
    const representative = await ask(ids[0], { relationship: 'representative', evidenceRef: '  ' });
    expect({ status: representative.status, code: representative.body.code }).toEqual({
      status: 422,
      code: 'COPY_NOT_ELIGIBLE',
    });
    const tooMany = await ask(ids[0], { quantity: 51 });
    expect({
      status: tooMany.status,
      code: tooMany.body.code,
      field: tooMany.body.details.errors[0].field,
    }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'quantity' });
    const none = await ask(ids[0], { quantity: 0 });
    expect({ status: none.status, field: none.body.details.errors[0].field }).toEqual({
      status: 400,
      field: 'quantity',
    });
    const future = await ask(ids[0], { receivedAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect({
      status: future.status,
      code: future.body.code,
      field: future.body.details.errors[0].field,
    }).toEqual({ status: 422, code: 'AMENDMENT_DATE_INVALID', field: 'receivedAt' });
    // the school reads the diploma but does not hold the register
    const school = await ask(ids[0], {}, 'thpt.chuyenbt');
    expect({ status: school.status, code: school.body.code }).toEqual({ status: 403, code: 'NOT_CUSTODIAN' });
    const other = await ask(ids[0], {}, 'hpg.registrar');
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    const signer = await ask(ids[0], {}, 'btr.signer'); // no register.manage
    expect(signer.status).toBe(403);
    expect(await count()).toEqual(before);
    // with the proof of relationship, a relative is eligible (COPY-2)
    const ok = await ask(ids[0], { relationship: 'relative', evidenceRef: 'Giấy khai sinh số 12/2007' });
    expect(ok.status).toBe(201);
    expect(await count()).toEqual({
      requests: before.requests + 1,
      copies: before.copies + 1,
      audits: before.audits + 1,
    });
  });

  it('a revoked diploma gets no copy (409 DIPLOMA_REVOKED); its earlier copies stay in the register', async () => {
    await t.http
      .post(`/api/v1/diplomas/${ids[2]}/revocations`)
      .set(await t.auth('btr.registrar'))
      .send({ ground: 'fraud', decisionNo: '152/QĐ-SGDĐT', decidedOn: '2026-03-02' })
      .expect(201);
    const before = await count();
    const res = await ask(ids[2]);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'DIPLOMA_REVOKED' });
    expect(await count()).toEqual(before);
  });

  it('the copy register PDF lists every copy of the year in number order, with its page count on the cover', async () => {
    const res = await pdf(
      `/api/v1/copy-registers?custodianOrgCode=SGD-BTR&credentialType=THPT&year=${year}`,
      'btr.auditor',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages, rawPages, numPages } = pdfText(res.body as Buffer);
    // table cells wrap: compare with runs of white space as one space
    const text = pages.join('\n').replace(/\s+/g, ' ');
    const cover = rawPages[0].replace(/\s+/g, ' ');
    expect(cover).toContain('SỔ BẢN SAO CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG');
    expect(cover).toContain('Số vào sổ cấp bản sao');
    expect(cover).toContain('Chữ ký người nhận bản sao');
    expect(cover).toContain(`Sổ này có ${numPages} trang, đánh số từ trang 1 đến trang ${numPages}`);
    expect(rawPages[numPages - 1]).toContain(`Trang ${numPages} / ${numPages}`);
    expect(text).toContain(NAME);
    expect(text).toContain('Người yêu cầu: Nguyễn Thị Lan (thân nhân)');
    const copies = await t.sql<{ copy_entry_number: string; serial_number: string }>(
      `SELECT c.copy_entry_number, c.content->>'serialNumber' AS serial_number FROM register_copies c
         JOIN organisations o ON o.id = c.custodian_org_id
        WHERE o.code = 'SGD-BTR' AND c.credential_type = 'THPT' AND c.year = $1 ORDER BY c.copy_sequence`,
      [year],
    );
    expect(copies.length).toBeGreaterThan(40);
    // every copy, in number order: its number cell followed by its date cell
    const items = pdfItems(res.body as Buffer);
    const copyDate = today.split('-').reverse().join('/');
    const listed = items.filter((s, i) => /^\d+$/.test(s) && items[i + 1] === copyDate);
    expect(listed).toEqual(copies.map((c) => c.copy_entry_number));
    for (const c of copies) expect(items).toContain(c.serial_number);
    const other = await pdf(
      `/api/v1/copy-registers?custodianOrgCode=SGD-HPG&credentialType=THPT&year=${year}`,
      'btr.auditor',
    );
    expect(other.status).toBe(403);
  });

  it('after a register custody transfer the old holder is refused and the new custodian issues copies; the issuer stays', async () => {
    const id = await issuedCommuneThcs(t, 82, 'RC');
    // before the transfer, the commune holds its register
    const before = await ask(id, {}, 'xa.phutuc');
    expect({ status: before.status, custodian: before.body.custodianOrgCode }).toEqual({
      status: 201,
      custodian: 'XA-BTR-PHUTUC',
    });
    await t.http
      .post('/api/v1/register-books/custody-transfers')
      .set(await t.auth('btr.admin'))
      .send({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        toOrgCode: 'SGD-BTR',
        effectiveOn: '2026-05-31',
        handoverRecordNo: '16/BB-BGSG',
        handoverRecordDate: '2026-05-30',
      })
      .expect(201);
    const old = await ask(id, {}, 'xa.phutuc');
    expect({ status: old.status, code: old.body.code }).toEqual({ status: 403, code: 'NOT_CUSTODIAN' });
    const res = await ask(id);
    expect(res.status).toBe(201);
    // the department's own THCS copy register starts at 1
    expect({ custodian: res.body.custodianOrgCode, number: res.body.copyEntryNumber }).toEqual({
      custodian: 'SGD-BTR',
      number: '1',
    });
    const diploma = await t.http
      .get(`/api/v1/diplomas/${id}`)
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect(diploma.body).toMatchObject({ issuerOrgCode: 'XA-BTR-PHUTUC', custodianOrgCode: 'SGD-BTR' });
    const file = await pdf(res.body.copies[0].pdfUrl);
    expect(file.status).toBe(200);
    const page = pdfText(file.body as Buffer).rawPages[0];
    expect(page).toContain('BẢN SAO');
    expect(page).toContain('BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    const register = pdfText(
      (
        await pdf(
          `/api/v1/copy-registers?custodianOrgCode=SGD-BTR&credentialType=THCS&year=${year}`,
          'btr.auditor',
        )
      ).body as Buffer,
    )
      .pages.join('\n')
      .replace(/\s+/g, ' ');
    expect(register).toContain('SỔ BẢN SAO CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(register).toContain(graduateRows(1, 82)[0].fullName.normalize('NFC'));
  });
});

/** The text runs of every page, in order. */
function pdfItems(pdf: Buffer): string[] {
  return pdfText(pdf)
    .items.flatMap((page) => page.map((i) => i.str.trim()))
    .filter((s) => s !== '');
}
