import ExcelJS from 'exceljs';
import { BlanksService } from '../../src/blanks/blanks.service';
import { FactVerifier } from '../../src/facts/fact-verifier';
import { OrgsService } from '../../src/orgs/orgs.service';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { pdfText } from '../support/pdf';
import { startTestApp, type TestApp } from '../support/test-app';

const YEAR = new Date().getFullYear();
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh

describe('blank-form inventory (BLANK-*)', () => {
  let t: TestApp;
  let sgd: { Authorization: string };
  let xa: { Authorization: string };

  const counts = async () =>
    (
      await t.sql<Record<string, string>>(
        `SELECT (SELECT count(*) FROM blanks) AS blanks, (SELECT count(*) FROM blank_receipts) AS receipts,
                (SELECT count(*) FROM blank_movements) AS movements, (SELECT count(*) FROM blank_records) AS records,
                (SELECT count(*) FROM log_entries) AS entries, (SELECT string_agg(serial_number || state || holder_org_id, ',' ORDER BY serial_number) FROM blanks) AS states`,
      )
    )[0];
  const stock = async (org: string, type = 'THCS') => {
    const res = await t.http
      .get(`/api/v1/blanks/stock?orgCode=${org}&credentialType=${type}`)
      .set(sgd)
      .expect(200);
    return (res.body.items[0] ?? { usable: 0 }) as Record<string, number>;
  };
  const reconciliation = async (org: string, auth = sgd) =>
    (
      await t.http
        .get(`/api/v1/blanks/reconciliation?orgCode=${org}&year=${YEAR}&credentialType=THCS`)
        .set(auth)
        .expect(200)
    ).body.items[0];
  const expectUnchanged = async (before: Record<string, string>) => expect(await counts()).toEqual(before);

  beforeAll(async () => {
    t = await startTestApp();
    sgd = await t.auth('btr.registrar');
    xa = await t.auth('xa.phutuc');
  });
  afterAll(async () => {
    if (process.env.SHOW_ERRORS)
      console.log(
        t.logs
          .filter((l) => l.includes('"level":"error"'))
          .slice(0, 3)
          .join('\n'),
      );
    await t.close();
  });

  it('BLANK-2/11: a receipt of a serial range puts every serial in stock at the receiver', async () => {
    const res = await t.http
      .post('/api/v1/blanks/receipts')
      .set(sgd)
      .send({
        credentialType: 'THCS',
        serialPrefix: 'BT',
        from: 1,
        to: 1000,
        receivedFrom: 'VN-NARIC',
        documentRef: 'PX 125/PX-CNVB',
        receivedOn: '2026-03-12',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      orgCode: 'SGD-BTR',
      count: 1000,
      firstSerial: 'BT0000001',
      lastSerial: 'BT0001000',
      digits: 7,
    });
    expect(await stock('SGD-BTR')).toMatchObject({ usable: 1000, inStock: 1000, allocated: 0 });
  });

  it('overlapping, inverted, oversized and impossible receipts are refused with stable codes and change nothing', async () => {
    const before = await counts();
    const post = (body: object) =>
      t.http
        .post('/api/v1/blanks/receipts')
        .set(sgd)
        .send({
          credentialType: 'THCS',
          receivedFrom: 'VN-NARIC',
          documentRef: 'PX 9',
          receivedOn: '2026-03-12',
          ...body,
        });
    const overlap = await post({ serialPrefix: 'BT', from: 990, to: 1010 });
    expect({ status: overlap.status, code: overlap.body.code }).toEqual({
      status: 409,
      code: 'BLANK_SERIAL_CONFLICT',
    });
    expect(overlap.body.details.conflicting).toBe(11);
    expect(overlap.body.details.serials).toEqual(expect.arrayContaining(['BT0000990', 'BT0001000']));
    // the same printed serials through another prefix/width
    const sameStrings = await post({ serialPrefix: 'BT00', digits: 5, from: 5, to: 9 });
    expect(sameStrings.body.code).toBe('BLANK_SERIAL_CONFLICT');
    const inverted = await post({ serialPrefix: 'XY', from: 10, to: 1 });
    expect({ status: inverted.status, code: inverted.body.code }).toEqual({
      status: 422,
      code: 'BLANK_RANGE_INVERTED',
    });
    const oversized = await post({ serialPrefix: 'XY', from: 1, to: 5_000_001, digits: 8 });
    expect({ status: oversized.status, code: oversized.body.code }).toEqual({
      status: 422,
      code: 'BLANK_RANGE_TOO_LARGE',
    });
    const tooWide = await post({ serialPrefix: 'XY', from: 1, to: 1000, digits: 3 });
    expect(tooWide.body.code).toBe('BLANK_RANGE_INVALID');
    const future = await post({ serialPrefix: 'XY', from: 1, to: 10, receivedOn: '2099-01-01' });
    expect(future.body.details.errors[0]).toMatchObject({ field: 'receivedOn', code: 'IN_THE_FUTURE' });
    const noBlanks = await post({ serialPrefix: 'XY', from: 1, to: 10, credentialType: 'GCNHT' });
    expect(noBlanks.body.code).toBe('BLANK_RANGE_INVALID');
    await expectUnchanged(before);
  });

  it('transfers down the tree allocate blanks to the receiving office; stock changes exactly', async () => {
    const res = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({
        toOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        ranges: [{ from: 'BT0000001', to: 'BT0000300' }],
        documentRef: 'BB giao nhận 12',
      })
      .expect(201);
    expect(res.body.quantity).toBe(300);
    expect(res.body.movements[0]).toMatchObject({
      kind: 'transfer',
      fromOrgCode: 'SGD-BTR',
      toOrgCode: 'XA-BTR-PHUTUC',
      ranges: [{ from: 'BT0000001', to: 'BT0000300' }],
    });
    expect(await stock('SGD-BTR')).toMatchObject({ usable: 700, inStock: 700 });
    expect(await stock('XA-BTR-PHUTUC')).toMatchObject({ usable: 300, allocated: 300 });
    await t.http
      .post('/api/v1/blanks/transfers')
      .set(xa)
      .send({
        toOrgCode: 'THCS-BTR-PHUTUC',
        credentialType: 'THCS',
        ranges: [{ from: 'BT0000251', to: 'BT0000280' }],
      })
      .expect(201);
    expect(await stock('THCS-BTR-PHUTUC')).toMatchObject({ usable: 30, allocated: 30 });
  });

  it('a return up the tree puts blanks back in the parent’s stock (reverses the allocation)', async () => {
    const serials = Array.from({ length: 20 }, (_, i) => `BT${String(281 + i).padStart(7, '0')}`);
    const res = await t.http
      .post('/api/v1/blanks/transfers')
      .set(xa)
      .send({ toOrgCode: 'SGD-BTR', credentialType: 'THCS', serials })
      .expect(201);
    expect(res.body.movements[0]).toMatchObject({
      kind: 'return',
      quantity: 20,
      ranges: [{ from: 'BT0000281', to: 'BT0000300' }],
    });
    expect(await stock('SGD-BTR')).toMatchObject({ usable: 720, inStock: 720 });
    expect(await stock('XA-BTR-PHUTUC')).toMatchObject({ usable: 250, allocated: 250 });
  });

  it('BLANK_NOT_HELD lists the serials the sender does not hold (or that do not exist); nothing changes', async () => {
    const before = await counts();
    const res = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({
        toOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        serials: ['BT0000005', 'BT0000500', 'BT0000006'],
      });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'BLANK_NOT_HELD' });
    expect(res.body.details.serials).toEqual([
      { serialNumber: 'BT0000005', state: 'allocated', holderOrgCode: 'XA-BTR-PHUTUC' },
      { serialNumber: 'BT0000006', state: 'allocated', holderOrgCode: 'XA-BTR-PHUTUC' },
    ]);
    const unknown = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({ toOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS', serials: ['ZZ0000001'] });
    expect(unknown.body.details.serials).toEqual([
      { serialNumber: 'ZZ0000001', state: 'unknown', holderOrgCode: null },
    ]);
    const range = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({
        toOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        ranges: [{ from: 'BT0000275', to: 'BT0000285' }],
      });
    expect(range.body.code).toBe('BLANK_NOT_HELD');
    expect(
      range.body.details.serials.map(
        (s: { serialNumber: string; holderOrgCode: string }) => `${s.serialNumber}@${s.holderOrgCode}`,
      ),
    ).toEqual([275, 276, 277, 278, 279, 280].map((n) => `BT0000${n}@THCS-BTR-PHUTUC`));
    await expectUnchanged(before);
  });

  it('only the holder moves blanks, and only up or down the tree; types must match', async () => {
    const before = await counts();
    const otherHolder = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({
        fromOrgCode: 'XA-BTR-PHUTUC',
        toOrgCode: 'THCS-BTR-PHUTUC',
        credentialType: 'THCS',
        serials: ['BT0000007'],
      });
    expect({ status: otherHolder.status, code: otherHolder.body.code }).toEqual({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
    const lateral = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({ toOrgCode: 'SGD-HPG', credentialType: 'THCS', serials: ['BT0000400'] });
    expect(lateral.body.code).toBe('BLANK_TRANSFER_TARGET_INVALID');
    const wrongType = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({ toOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THPT', serials: ['BT0000400'] });
    expect(wrongType.body.code).toBe('BLANK_TYPE_MISMATCH');
    const inverted = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({
        toOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        ranges: [{ from: 'BT0000500', to: 'BT0000400' }],
      });
    expect(inverted.body.code).toBe('BLANK_RANGE_INVERTED');
    const noSerials = await t.http
      .post('/api/v1/blanks/transfers')
      .set(sgd)
      .send({ toOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS' });
    expect(noSerials.body.code).toBe('VALIDATION_FAILED');
    await expectUnchanged(before);
  });

  it('spoilage, destruction (only of spoiled blanks, BLANK-7) and loss (BLANK-8) are facts with their records', async () => {
    const spoil = await t.http
      .post('/api/v1/blanks/spoilages')
      .set(xa)
      .send({ serials: ['BT0000010', 'BT0000011', 'BT0000012'], reason: 'misprinted', note: 'kẹt giấy' })
      .expect(201);
    expect(spoil.body.movements[0]).toMatchObject({
      kind: 'spoil',
      quantity: 3,
      reason: 'misprinted: kẹt giấy',
    });
    const destroyBody = {
      recordNo: '05/BB-HĐHP',
      councilMembers: [
        { name: 'Lê Hoàng Phúc', title: 'Chủ tịch UBND xã', role: 'Chủ tịch Hội đồng' },
        { name: 'Trần Thị Mai', title: 'Công chức văn hóa - xã hội', role: 'Thư ký' },
      ],
      method: 'Cắt hủy bằng máy hủy giấy',
      destroyedOn: TODAY,
    };
    const before = await counts();
    const notSpoiled = await t.http
      .post('/api/v1/blanks/destructions')
      .set(xa)
      .send({ ...destroyBody, serials: ['BT0000010', 'BT0000013'] });
    expect({ status: notSpoiled.status, code: notSpoiled.body.code }).toEqual({
      status: 409,
      code: 'BLANK_NOT_SPOILED',
    });
    expect(notSpoiled.body.details.serials).toEqual([{ serialNumber: 'BT0000013', state: 'allocated' }]);
    await expectUnchanged(before);
    const destroyed = await t.http
      .post('/api/v1/blanks/destructions')
      .set(xa)
      .send({ ...destroyBody, serials: ['BT0000010', 'BT0000011'] })
      .expect(201);
    expect(destroyed.body).toMatchObject({ quantity: 2, recordId: expect.any(String) });
    const again = await t.http
      .post('/api/v1/blanks/destructions')
      .set(xa)
      .send({ ...destroyBody, serials: ['BT0000010'] });
    expect(again.body.details.serials).toEqual([{ serialNumber: 'BT0000010', state: 'destroyed' }]);
    await t.http
      .post('/api/v1/blanks/losses')
      .set(xa)
      .send({ serials: ['BT0000020'], policeReportRef: 'CV 45/CAT-PC06', reportedOn: TODAY })
      .expect(201);
    const lostAgain = await t.http
      .post('/api/v1/blanks/losses')
      .set(xa)
      .send({ serials: ['BT0000020'], policeReportRef: 'CV 46', reportedOn: TODAY });
    expect(lostAgain.body.code).toBe('BLANK_STATE_INVALID');
    const one = await t.http.get('/api/v1/blanks/BT0000010').set(xa).expect(200);
    expect(one.body).toMatchObject({
      serialNumber: 'BT0000010',
      state: 'destroyed',
      holderOrgCode: 'XA-BTR-PHUTUC',
      credentialType: 'THCS',
    });
    expect(one.body.history.map((h: { event: string }) => h.event)).toEqual([
      'receipt',
      'transfer',
      'spoil',
      'destroy',
    ]);
    expect(one.body.history[3].documentRef).toBe('05/BB-HĐHP');
  });

  it('BLANK-9: taking blanks for issuance uses the lowest usable serials, skipping void ones', async () => {
    const office = await t.running.app.get(OrgsService).getByCode('XA-BTR-PHUTUC');
    const taken = await t.running.dataSource.transaction((em) =>
      t.running.app.get(BlanksService).takeForIssuance(em, office, 'THCS', 12, 'QĐ 1/QĐ-UBND'),
    );
    expect(taken).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15].map((n) => `BT${String(n).padStart(7, '0')}`),
    );
    expect(await stock('XA-BTR-PHUTUC')).toMatchObject({ printed: 12 });
    const before = await counts();
    await expect(
      t.running.dataSource.transaction((em) =>
        t.running.app.get(BlanksService).takeForIssuance(em, office, 'THCS', 10_000, 'too many'),
      ),
    ).rejects.toMatchObject({ code: 'BLANK_INSUFFICIENT_STOCK' });
    await expectUnchanged(before);
  });

  it('reconciliation: closing balance = opening + in − out − used − spoiled/lost from stock = usable serials now, for every office', async () => {
    for (const org of ['SGD-BTR', 'XA-BTR-PHUTUC', 'THCS-BTR-PHUTUC', 'SGD-HPG']) {
      const auth = org === 'SGD-HPG' ? await t.auth('hpg.registrar') : sgd;
      const res = await t.http
        .get(`/api/v1/blanks/reconciliation?orgCode=${org}&year=${YEAR}`)
        .set(auth)
        .expect(200);
      const usable = (
        await t.sql<{ n: string }>(
          `SELECT count(*) AS n FROM blanks b JOIN organisations o ON o.id = b.holder_org_id WHERE o.code = $1 AND state IN ('inStock','allocated')`,
          [org],
        )
      )[0].n;
      const total = (res.body.items as { closing: number; usableNow: number }[]).reduce(
        (s, l) => s + l.closing,
        0,
      );
      expect(total).toBe(Number(usable));
      for (const l of res.body.items) expect(l.closing).toBe(l.usableNow);
    }
    const x = await reconciliation('XA-BTR-PHUTUC');
    expect(x).toMatchObject({
      opening: 0,
      received: 0,
      transferredIn: 300,
      transferredOut: 50,
      used: 12,
      spoiled: 3,
      spoiledFromStock: 3,
      destroyed: 2,
      lost: 1,
      lostFromStock: 1,
      closing: 234,
    });
    expect(
      x.exceptions.map((e: { serialNumber: string; event: string }) => `${e.serialNumber}:${e.event}`),
    ).toEqual([
      'BT0000010:spoiled',
      'BT0000011:spoiled',
      'BT0000012:spoiled',
      'BT0000010:destroyed',
      'BT0000011:destroyed',
      'BT0000020:lost',
    ]);
    const s = await reconciliation('SGD-BTR');
    expect(s).toMatchObject({
      opening: 0,
      received: 1000,
      transferredIn: 20,
      transferredOut: 300,
      closing: 720,
    });
  });

  it('the reconciliation PDF is readable Vietnamese with page numbers; the XLSX holds the same figures', async () => {
    const pdf = await t.http
      .get(`/api/v1/blanks/reconciliation?orgCode=XA-BTR-PHUTUC&year=${YEAR}`)
      .set(sgd)
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    const all = text.pages.join('\n');
    for (const s of [
      'BÁO CÁO TÌNH HÌNH SỬ DỤNG PHÔI VĂN BẰNG, CHỨNG CHỈ',
      'Ủy ban nhân dân xã Phú Túc',
      'Tồn cuối kỳ',
      'Bằng tốt nghiệp trung học cơ sở',
      'BT0000020',
      'Mất',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ]) {
      expect(all).toContain(s);
    }
    text.pages.forEach((p, i) => expect(p).toContain(`Trang ${i + 1} / ${text.numPages}`));
    expect(text.pages.every((p) => p.trim().length > 20)).toBe(true); // no blank pages

    const xlsx = await t.http
      .get(`/api/v1/blanks/reconciliation?orgCode=XA-BTR-PHUTUC&year=${YEAR}&format=xlsx`)
      .set(sgd)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const row = wb.getWorksheet('Tong hop')!.getRow(4).values as unknown[];
    expect(row.slice(1)).toEqual([
      'THCS',
      'Bằng tốt nghiệp trung học cơ sở',
      0,
      0,
      300,
      50,
      12,
      3,
      2,
      1,
      234,
    ]);
    expect(wb.getWorksheet('Ngoai le')!.rowCount).toBe(7);
  });

  it('reading is scoped: auditors above read, other provinces do not', async () => {
    await t.http
      .get(`/api/v1/blanks/reconciliation?orgCode=XA-BTR-PHUTUC&year=${YEAR}`)
      .set(await t.auth('btr.auditor'))
      .expect(200);
    const hpg = await t.auth('hpg.registrar');
    expect((await t.http.get('/api/v1/blanks/stock?orgCode=SGD-BTR').set(hpg)).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    expect((await t.http.get('/api/v1/blanks/BT0000010').set(hpg)).body.code).toBe('OUT_OF_SCOPE');
    // the school sees a blank that passed through it is now elsewhere? It sees its own.
    await t.http
      .get('/api/v1/blanks/BT0000260')
      .set(await t.auth('thcs.phutuc'))
      .expect(200);
    expect((await t.http.get('/api/v1/blanks/BT0000700').set(await t.auth('thcs.phutuc'))).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    expect((await t.http.get('/api/v1/blanks/NOPE0001').set(sgd)).body.code).toBe('BLANK_NOT_FOUND');
  });

  it('the blank facts reject UPDATE and DELETE at the database level; blanks are never deleted', async () => {
    for (const table of ['blank_receipts', 'blank_movements', 'blank_records']) {
      await expect(t.sql(`UPDATE ${table} SET created_at = now()`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    }
    await expect(t.sql(`DELETE FROM blanks WHERE serial_number = 'BT0000999'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('every blank fact is in the log; verify-log finds nothing; history shows leaf indexes', async () => {
    await t.running.app.get(TransparencyService).integrate();
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
    const one = await t.http.get('/api/v1/blanks/BT0000020').set(xa).expect(200);
    expect(one.body.history.every((h: { leafIndex: number | null }) => Number.isInteger(h.leafIndex))).toBe(
      true,
    );
  });
});
