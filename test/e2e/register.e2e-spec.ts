import { FactVerifier } from '../../src/facts/fact-verifier';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { pdfText } from '../support/pdf';
import { createDecision, graduateRows, receiveBlanks, waitJob } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary';

describe('graduation decisions, imports and the master register', () => {
  let t: TestApp;
  let decisionId: string;
  const rows = graduateRows(30, 1, { classification: true });

  beforeAll(async () => {
    t = await startTestApp();
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'TP', 1, 500);
    decisionId = await createDecision(t, 'btr.registrar', {
      decisionNo: '1234/QĐ-SGDĐT',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-CHUYENBT',
      graduationYear: 2025,
      examSession: 'Kỳ thi ngày 26-27/6/2025',
      examCouncil: 'Hội đồng thi Sở GDĐT Bến Tre',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a decision shows its deadline (ISSUE-3: 75 days from the decision under TT21)', async () => {
    const res = await t.http
      .get(`/api/v1/graduation-decisions/${decisionId}`)
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      graduates: 0,
      schoolCode: 'THPT-BTR-CHUYENBT',
      deadline: { dueDate: '2025-10-03', days: 75, status: 'overdue' },
    });
  });

  it('an import with any bad row is rejected with row-level errors and writes nothing', async () => {
    const bad = [
      ...rows.slice(0, 3),
      { ...rows[3], dateOfBirth: '31/02/2007' },
      { ...rows[4], gender: 'x' },
      rows[0],
    ];
    const res = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: bad });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'IMPORT_INVALID' });
    const codes = (res.body.details.errors as { row: number; code: string }[]).map(
      (e) => `${e.row}:${e.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['4:INVALID_DATE', '5:INVALID_GENDER', '6:DUPLICATE_IN_FILE']),
    );
    const csv =
      'Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc\nNguyễn Văn A,01/01/2007,Bến Tre,Nam,Kinh\n,02/02/2007,Bến Tre,Nữ,Kinh\n';
    const file = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .attach('file', Buffer.from(csv, 'utf8'), 'danh-sach.csv');
    expect(file.body.code).toBe('IMPORT_INVALID');
    expect(file.body.details.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 2, field: 'fullName', code: 'REQUIRED' })]),
    );
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM graduates`);
    expect(n).toBe('0');
  });

  it('a dry run validates and writes nothing; the real import writes every row (NFC names)', async () => {
    const dry = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates?dryRun=true`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: rows })
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: 30, imported: 0, totalGraduates: 0 });
    const res = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: rows })
      .expect(200);
    expect(res.body).toMatchObject({ dryRun: false, valid: 30, imported: 30, totalGraduates: 30 });
    const [first] = await t.sql<{ full_name: string }>(`SELECT full_name FROM graduates WHERE row_no = 1`);
    expect(first.full_name).toBe(rows[0].fullName.normalize('NFC'));
    const again = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: rows.slice(0, 2) });
    expect(again.body.details.errors.map((e: { code: string }) => e.code)).toEqual([
      'ALREADY_RECORDED',
      'ALREADY_RECORDED',
    ]);
  });

  it('ORG-2: the wrong authority for the date cannot issue, and nothing is written', async () => {
    const thcs = await createDecision(t, 'xa.phutuc', {
      decisionNo: '15/QĐ-UBND',
      decidedOn: '2025-08-01',
      credentialType: 'THCS',
      schoolCode: 'THCS-BTR-PHUTUC',
      graduationYear: 2025,
      signerTitle: 'Chủ tịch',
    });
    await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/graduates`)
      .set(await t.auth('xa.phutuc'))
      .send({ graduates: graduateRows(3, 2) })
      .expect(200);
    // the department may not issue THCS diplomas after 1 Jul 2025 (TIME-6): the commune does
    const byDept = await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/issue`)
      .set(await t.auth('btr.signer'))
      .send({ issuedOn: '2025-08-10' });
    expect({ status: byDept.status, code: byDept.body.code }).toEqual({
      status: 422,
      code: 'NO_ISSUING_AUTHORITY',
    });
    // and nobody issues THCS diplomas from 15 Apr 2026 (TIME-8)
    const late = await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/issue`)
      .set(await t.auth('xa.phutuc'))
      .send({ issuedOn: '2026-05-04' });
    expect(late.body.code).toBe('NO_ISSUING_AUTHORITY');
    expect(late.body.details.reasonVi).toContain('không cấp bằng tốt nghiệp THCS');
    const beforeDecision = await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/issue`)
      .set(await t.auth('xa.phutuc'))
      .send({ issuedOn: '2025-07-01' });
    expect(beforeDecision.body.code).toBe('ISSUE_DATE_INVALID');
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM register_entries`);
    expect(n).toBe('0');
  });

  it('issues the decision: gapless register numbers 1..n, one blank per diploma, stock reduced by n', async () => {
    const before = (
      await t.http
        .get('/api/v1/blanks/stock?credentialType=THPT')
        .set(await t.auth('btr.registrar'))
        .expect(200)
    ).body.items[0].usable;
    const job = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
      .set(await t.auth('btr.signer'))
      .send({ issuedOn: '2025-08-10' })
      .expect(202);
    expect(job.body).toMatchObject({ kind: 'issuance', progress: { total: 30 } });
    const done = await waitJob(t, 'btr.signer', job.body.id);
    expect(done).toMatchObject({
      state: 'succeeded',
      progress: { done: 30, total: 30 },
      result: { issued: 30, firstSequence: 1, lastSequence: 30 },
    });
    const entries = await t.sql<{
      register_sequence: number;
      serial_number: string;
      register_entry_number: string;
      full_name: string;
    }>(
      `SELECT register_sequence, serial_number, register_entry_number, full_name FROM register_entries WHERE decision_id = $1 ORDER BY register_sequence`,
      [decisionId],
    );
    expect(entries.map((e) => e.register_sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.serial_number)).size).toBe(30);
    expect(entries[0].serial_number).toBe('TP0000001');
    const blanks = await t.sql<{ state: string }>(`SELECT state FROM blanks WHERE serial_number = ANY($1)`, [
      entries.map((e) => e.serial_number),
    ]);
    expect(blanks.every((b) => b.state === 'printed')).toBe(true);
    const after = (
      await t.http
        .get('/api/v1/blanks/stock?credentialType=THPT')
        .set(await t.auth('btr.registrar'))
        .expect(200)
    ).body.items[0].usable;
    expect(before - after).toBe(30);
    const decision = await t.http
      .get(`/api/v1/graduation-decisions/${decisionId}`)
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect(decision.body).toMatchObject({
      status: 'issued',
      issuance: { issuerOrgCode: 'SGD-BTR', quantity: 30, issuedOn: '2025-08-10' },
      deadline: { status: 'issuedOnTime' },
    });
  });

  it('ISSUE-1: issuing twice is refused and writes nothing', async () => {
    const [{ n: before }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM register_entries`);
    const twice = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
      .set(await t.auth('btr.signer'))
      .send({ issuedOn: '2025-08-11' });
    expect({ status: twice.status, code: twice.body.code }).toEqual({
      status: 409,
      code: 'DECISION_ALREADY_ISSUED',
    });
    const more = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: graduateRows(1, 99) });
    expect(more.body.code).toBe('DECISION_ALREADY_ISSUED');
    const [{ n: after }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM register_entries`);
    expect(after).toBe(before);
  });

  it('diplomas are found by serial, register number and decision, with issuer, custodian, status and versions', async () => {
    const auth = await t.auth('btr.registrar');
    const bySerial = await t.http.get('/api/v1/diplomas?serialNumber=TP0000002').set(auth).expect(200);
    expect(bySerial.body.total).toBe(1);
    const d = bySerial.body.items[0];
    expect(d).toMatchObject({
      serialNumber: 'TP0000002',
      registerSequence: 2,
      credentialType: 'THPT',
      issuerOrgCode: 'SGD-BTR',
      custodianOrgCode: 'SGD-BTR',
      status: 'valid',
      hasCorrections: false,
      handover: null,
      ruleSet: 'TT21_2019',
      signerTitle: 'GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    });
    expect(d.holder.fullName).toBe(rows[1].fullName);
    expect(d.versions).toEqual([
      expect.objectContaining({ version: 1, kind: 'original', registerEntryNumber: d.registerEntryNumber }),
    ]);
    const byNumber = await t.http
      .get(`/api/v1/diplomas?registerEntryNumber=${encodeURIComponent(d.registerEntryNumber)}`)
      .set(auth)
      .expect(200);
    expect(byNumber.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const byDecision = await t.http
      .get(`/api/v1/diplomas?decisionId=${decisionId}&limit=10`)
      .set(auth)
      .expect(200);
    expect(byDecision.body.total).toBe(30);
    expect(byDecision.body.items).toHaveLength(10);
    expect(byDecision.body.nextCursor).toBeTruthy();
    const one = await t.http
      .get(`/api/v1/diplomas/${d.id}`)
      .set(await t.auth('thpt.chuyenbt'))
      .expect(200);
    expect(one.body.id).toBe(d.id);
    expect((await t.http.get(`/api/v1/diplomas/${d.id}`).set(await t.auth('hpg.registrar'))).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    expect((await t.http.get('/api/v1/diplomas').set(auth)).body.code).toBe('VALIDATION_FAILED');
  });

  it('HAND-1/2: handover by the holder or a proxy with authorisation, once; the unclaimed report lists the rest', async () => {
    const school = await t.auth('thpt.chuyenbt');
    const list = (
      await t.http.get(`/api/v1/diplomas?decisionId=${decisionId}&limit=3`).set(school).expect(200)
    ).body.items;
    const self = await t.http
      .post(`/api/v1/diplomas/${list[0].id}/handover`)
      .set(school)
      .send({
        receivedOn: '2025-09-05',
        receiverName: list[0].holder.fullName,
        receiverPersonalIdNumber: '083307001234',
        relationship: 'self',
      })
      .expect(200);
    expect(self.body.handover).toMatchObject({
      receivedOn: '2025-09-05',
      relationship: 'self',
      dataChecked: true,
    });
    const noLetter = await t.http.post(`/api/v1/diplomas/${list[1].id}/handover`).set(school).send({
      receivedOn: '2025-09-05',
      receiverName: 'Phạm Văn Cha',
      receiverPersonalIdNumber: '083075001111',
      relationship: 'proxy',
    });
    expect(noLetter.body.code).toBe('HANDOVER_INVALID');
    await t.http
      .post(`/api/v1/diplomas/${list[1].id}/handover`)
      .set(school)
      .send({
        receivedOn: '2025-09-06',
        receiverName: 'Phạm Văn Cha',
        receiverPersonalIdNumber: '083075001111',
        relationship: 'proxy',
        authorisationRef: 'Giấy ủy quyền 01/09/2025',
      })
      .expect(200);
    const twice = await t.http.post(`/api/v1/diplomas/${list[0].id}/handover`).set(school).send({
      receivedOn: '2025-09-07',
      receiverName: 'X',
      receiverPersonalIdNumber: '083307001234',
      relationship: 'self',
    });
    expect(twice.body.code).toBe('HANDOVER_ALREADY_RECORDED');
    const unclaimed = await t.http
      .get('/api/v1/register-books/unclaimed?schoolCode=THPT-BTR-CHUYENBT&year=2025')
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect(unclaimed.body.count).toBe(28);
    expect(unclaimed.body.items.map((x: { id: string }) => x.id)).not.toContain(list[0].id);
  });

  it('the register book PDF shows every graduate’s row with Vietnamese names intact, page numbers, no blank page', async () => {
    const books = await t.http
      .get('/api/v1/register-books?credentialType=THPT&year=2025')
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect(books.body.items).toEqual([
      expect.objectContaining({
        issuerOrgCode: 'SGD-BTR',
        custodianOrgCode: 'SGD-BTR',
        year: 2025,
        entries: 30,
        lastSequence: 30,
      }),
    ]);
    const bookId = books.body.items[0].id;
    const pdf = await t.http
      .get(`/api/v1/register-books/${bookId}/pdf`)
      .set(await t.auth('btr.registrar'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    const all = text.pages.join('\n').replace(/\s+/g, ' '); // cells wrap their text
    expect(all).toContain('SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG');
    expect(all).toContain('1234/QĐ-SGDĐT');
    expect(all).toContain('Chữ ký người nhận bằng');
    for (const r of rows) expect(all).toContain(r.fullName.normalize('NFC'));
    for (let i = 1; i <= 30; i++) expect(all).toContain(`TP${String(i).padStart(7, '0')}`);
    text.pages.forEach((p, i) => expect(p).toContain(`Trang ${i + 1} / ${text.numPages}`));
    const xlsx = await t.http
      .get(`/api/v1/register-books/${bookId}/xlsx`)
      .set(await t.auth('btr.registrar'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('REG-7: a past year’s book is closed once; it then takes no entries', async () => {
    const bookId = (
      await t.http
        .get('/api/v1/register-books?credentialType=THPT&year=2025')
        .set(await t.auth('btr.signer'))
        .expect(200)
    ).body.items[0].id;
    const closed = await t.http
      .post(`/api/v1/register-books/${bookId}/close`)
      .set(await t.auth('btr.signer'))
      .send({ signerName: 'Trần Văn Khải', signerTitle: 'Giám đốc' })
      .expect(200);
    expect(closed.body.closedAt).toBeTruthy();
    const again = await t.http
      .post(`/api/v1/register-books/${bookId}/close`)
      .set(await t.auth('btr.signer'))
      .send({ signerName: 'Trần Văn Khải', signerTitle: 'Giám đốc' });
    expect(again.body.code).toBe('REGISTER_BOOK_ALREADY_CLOSED');
    const late = await createDecision(t, 'btr.registrar', {
      decisionNo: '1300/QĐ-SGDĐT',
      decidedOn: '2025-12-01',
      credentialType: 'THPT',
      schoolCode: 'THPT-BTR-NDCHIEU',
      graduationYear: 2025,
    });
    await t.http
      .post(`/api/v1/graduation-decisions/${late}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: graduateRows(2, 5) })
      .expect(200);
    const job = await t.http
      .post(`/api/v1/graduation-decisions/${late}/issue`)
      .set(await t.auth('btr.signer'))
      .send({ issuedOn: '2025-12-20' })
      .expect(202);
    const done = await waitJob(t, 'btr.signer', job.body.id);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'REGISTER_BOOK_CLOSED' } });
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM register_entries WHERE decision_id = $1`,
      [late],
    );
    expect(n).toBe('0');
    const thisYear = (
      await t.http
        .get('/api/v1/register-books?credentialType=THPT')
        .set(await t.auth('btr.signer'))
        .expect(200)
    ).body.items;
    expect(thisYear.every((b: { year: number }) => b.year === 2025)).toBe(true);
  });

  it('TIME-9: after a custody transfer the new custodian holds the register; the printed issuer never changes', async () => {
    const thcs = await createDecision(t, 'xa.phutuc', {
      decisionNo: '16/QĐ-UBND',
      decidedOn: '2025-08-02',
      credentialType: 'THCS',
      schoolCode: 'THCS-BTR-PHUTUC',
      graduationYear: 2025,
      signerTitle: 'Chủ tịch',
    });
    await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/graduates`)
      .set(await t.auth('xa.phutuc'))
      .send({ graduates: graduateRows(4, 3) })
      .expect(200);
    await receiveBlanks(t, 'xa.phutuc', 'THCS', 'PT', 1, 50);
    const job = await t.http
      .post(`/api/v1/graduation-decisions/${thcs}/issue`)
      .set(await t.auth('xa.phutuc'))
      .send({ issuedOn: '2025-08-12' })
      .expect(202);
    expect((await waitJob(t, 'xa.phutuc', job.body.id)).state).toBe('succeeded');
    const d = (
      await t.http
        .get(`/api/v1/diplomas?decisionId=${thcs}`)
        .set(await t.auth('xa.phutuc'))
        .expect(200)
    ).body.items[0];
    expect(d).toMatchObject({
      issuerOrgCode: 'XA-BTR-PHUTUC',
      custodianOrgCode: 'XA-BTR-PHUTUC',
      signerTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN',
    });
    const transfer = await t.http
      .post('/api/v1/register-books/custody-transfers')
      .set(await t.auth('btr.admin'))
      .send({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        toOrgCode: 'SGD-BTR',
        effectiveOn: '2026-05-31',
        handoverRecordNo: '15/BB-BGSG',
        handoverRecordDate: '2026-05-30',
      })
      .expect(201);
    expect(transfer.body).toMatchObject({
      fromOrgCode: 'XA-BTR-PHUTUC',
      toOrgCode: 'SGD-BTR',
      books: 1,
      entries: 4,
      undelivered: 4,
    });
    const after = (
      await t.http
        .get(`/api/v1/diplomas/${d.id}`)
        .set(await t.auth('btr.registrar'))
        .expect(200)
    ).body;
    expect(after).toMatchObject({
      issuerOrgCode: 'XA-BTR-PHUTUC',
      custodianOrgCode: 'SGD-BTR',
      registerEntryNumber: d.registerEntryNumber,
    });
    const held = (
      await t.http
        .get('/api/v1/register-books?custodianOrgCode=SGD-BTR&credentialType=THCS')
        .set(await t.auth('btr.registrar'))
        .expect(200)
    ).body.items;
    expect(held).toEqual([
      expect.objectContaining({ issuerOrgCode: 'XA-BTR-PHUTUC', custodianOrgCode: 'SGD-BTR' }),
    ]);
  });

  it('REG-5/6: register entries and register facts are append-only at the database level', async () => {
    for (const table of [
      'register_entries',
      'graduates',
      'graduation_decisions',
      'issuances',
      'handovers',
      'register_book_closures',
      'register_custody_transfers',
    ]) {
      await expect(t.sql(`UPDATE ${table} SET created_at = now()`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
    }
  });

  it('every register fact is in the log; verify-log finds nothing; a diploma shows its leaf', async () => {
    await t.running.app.get(TransparencyService).integrate();
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
    const d = (
      await t.http
        .get('/api/v1/diplomas?serialNumber=TP0000001')
        .set(await t.auth('btr.registrar'))
        .expect(200)
    ).body.items[0];
    expect(Number.isInteger(d.versions[0].leafIndex)).toBe(true);
  });
});
