import {
  graduateRows,
  issuedBtrDecision,
  receiveBlanks,
  issuedCommuneThcs,
} from '../support/register-fixtures';
import { pdfText } from '../support/pdf';
import { startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary';

// Issue 7: revocations, corrections and re-issues. Only the register's custodian amends; each act is a fact.

describe('amendments: revocations, corrections and re-issues', () => {
  let t: TestApp;
  let ids: string[];
  const revoke = async (id: string, body: Record<string, unknown>, user = 'btr.registrar') =>
    t.http
      .post(`/api/v1/diplomas/${id}/revocations`)
      .set(await t.auth(user))
      .send({ ground: 'fraud', decisionNo: '152/QĐ-SGDĐT', decidedOn: '2026-03-02', ...body });
  const count = async () =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM revocations`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'RV', 1, 10);
    ({ ids } = await issuedBtrDecision(
      t,
      {
        decisionNo: '88/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
      },
      graduateRows(4, 71),
      '2025-08-10',
    ));
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a wrong ground, issuerError, a bad date and a non-custodian, each with its own code, writing nothing', async () => {
    const unknown = await revoke(ids[0], { ground: 'stolen' });
    expect({
      status: unknown.status,
      code: unknown.body.code,
      field: unknown.body.details.errors[0].field,
    }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'ground',
    });
    const issuerError = await revoke(ids[0], { ground: 'issuerError' });
    expect({ status: issuerError.status, code: issuerError.body.code }).toEqual({
      status: 422,
      code: 'REVOCATION_GROUND_INVALID',
    });
    const early = await revoke(ids[0], { decidedOn: '2025-08-01' });
    expect({ status: early.status, code: early.body.code }).toEqual({
      status: 422,
      code: 'AMENDMENT_DATE_INVALID',
    });
    // the school reads the diploma but does not hold the register
    const school = await revoke(ids[0], {}, 'thpt.chuyenbt');
    expect({ status: school.status, code: school.body.code }).toEqual({ status: 403, code: 'NOT_CUSTODIAN' });
    // another province cannot even see it
    const other = await revoke(ids[0], {}, 'hpg.registrar');
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await count()).toBe(0);
  });

  it('revokes: status, decision and version chain on the diploma, a fact in the log, the QR answers revoked', async () => {
    await t.http
      .get(`/api/v1/diplomas/${ids[0]}/pdf?mode=overlay`)
      .set(await t.auth('btr.printer'))
      .expect(200);
    const [print] = await t.sql<{ qr_payload: string }>(
      `SELECT qr_payload FROM diploma_prints WHERE entry_id = $1`,
      [ids[0]],
    );
    const res = await revoke(ids[0], {
      publicNote: 'Gian lận trong kỳ thi',
      detectingBody: 'Công an tỉnh Bến Tre',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'revoked',
      statusDetail: {
        kind: 'revocation',
        ground: 'fraud',
        decisionNo: '152/QĐ-SGDĐT',
        decidedOn: '2026-03-02',
        publicNote: 'Gian lận trong kỳ thi',
        returnDueOn: '2026-04-01', // REVOKE-5: 30 days
      },
    });
    expect(res.body.versions.map((v: { kind: string }) => v.kind)).toEqual(['original', 'revocation']);
    const [fact] = await t.sql(
      `SELECT 1 FROM log_entries l JOIN revocations r ON r.id = l.fact_id WHERE l.fact_type = 'register.revocation' AND r.entry_id = $1`,
      [ids[0]],
    );
    expect(fact).toBeDefined();
    const [audit] = await t.sql(
      `SELECT 1 FROM audit_events WHERE action = 'diploma.revoke' AND target_id = $1`,
      [ids[0]],
    );
    expect(audit).toBeDefined();
    const qr = await t.http.get(`/api/v1/public/qr/${print.qr_payload}`).expect(200);
    expect(qr.body).toMatchObject({
      result: 'match',
      diploma: {
        status: 'revoked',
        statusDetail: { decisionNo: '152/QĐ-SGDĐT', publicNote: 'Gian lận trong kỳ thi' },
      },
    });
    expect(qr.body.checks.at(-1)).toEqual({ type: 'status', status: 'fail', reason: 'revoked' });
    await expect(t.sql(`UPDATE revocations SET ground = 'altered'`)).rejects.toThrow(/append-only/);
    // REVOKE-4: the decision is published with the issuer's revocations of the year, without the holder's name
    const published = await t.http
      .get('/api/v1/public/disclosures/revocations?issuerOrgCode=SGD-BTR&year=2026')
      .expect(200);
    expect(published.body).toMatchObject({ issuerOrgCode: 'SGD-BTR', year: 2026 });
    expect(published.body.items).toEqual([
      expect.objectContaining({
        decisionNo: '152/QĐ-SGDĐT',
        decidedOn: '2026-03-02',
        ground: 'fraud',
        publicNote: 'Gian lận trong kỳ thi',
        registerEntryNumber: res.body.registerEntryNumber,
        serialNumber: res.body.serialNumber,
      }),
    ]);
    expect(JSON.stringify(published.body)).not.toContain(res.body.holder.fullName);
    await t.http.get('/api/v1/public/disclosures/revocations?issuerOrgCode=SGD-BTR&year=0000').expect(400);
  });

  it('revoking twice is refused; a revoked diploma is neither printed, replaced after a misprint nor handed over', async () => {
    const twice = await revoke(ids[0], { decisionNo: '153/QĐ-SGDĐT' });
    expect({ status: twice.status, code: twice.body.code }).toEqual({
      status: 409,
      code: 'DIPLOMA_ALREADY_REVOKED',
    });
    expect(await count()).toBe(1);
    const print = await t.http
      .get(`/api/v1/diplomas/${ids[0]}/pdf?mode=overlay&reprint=true`)
      .set(await t.auth('btr.printer'));
    expect(print.status).toBe(409);
    const current = (await t.http.get(`/api/v1/diplomas/${ids[0]}`).set(await t.auth('btr.printer'))).body
      .serialNumber;
    const mis = await t.http
      .post(`/api/v1/diplomas/${ids[0]}/misprints`)
      .set(await t.auth('btr.printer'))
      .send({ serialNumber: current });
    expect({ status: mis.status, code: mis.body.code }).toEqual({ status: 409, code: 'DIPLOMA_REVOKED' });
    const handover = await t.http
      .post(`/api/v1/diplomas/${ids[0]}/handover`)
      .set(await t.auth('btr.registrar'))
      .send({
        receivedOn: '2025-09-05',
        receiverName: 'Nguyễn Văn Nhận',
        receiverPersonalIdNumber: '083207001234',
        relationship: 'self',
      });
    expect({ status: handover.status, code: handover.body.code }).toEqual({
      status: 409,
      code: 'DIPLOMA_REVOKED',
    });
  });

  it('after a register custody transfer the old holder is refused and the new custodian revokes; the issuer stays', async () => {
    const id = await issuedCommuneThcs(t, 72, 'RC');
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
    const old = await revoke(id, {}, 'xa.phutuc');
    expect({ status: old.status, code: old.body.code }).toEqual({ status: 403, code: 'NOT_CUSTODIAN' });
    const res = await revoke(id, { ground: 'lentOrMisused' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'revoked',
      issuerOrgCode: 'XA-BTR-PHUTUC',
      custodianOrgCode: 'SGD-BTR',
    });
  });

  const correct = async (id: string, body: Record<string, unknown>, user = 'btr.registrar') =>
    t.http
      .post(`/api/v1/diplomas/${id}/corrections`)
      .set(await t.auth(user))
      .send({
        ground: 'civilStatusChange',
        decisionNo: '201/QĐ-SGDĐT',
        decidedOn: '2026-03-10',
        evidenceRef: 'Trích lục thay đổi hộ tịch số 12/TLHT',
        ...body,
      });
  const reissue = async (id: string, body: Record<string, unknown>, user = 'btr.registrar') =>
    t.http
      .post(`/api/v1/diplomas/${id}/reissues`)
      .set(await t.auth(user))
      .send({
        decisionNo: '77/QĐ-SGDĐT',
        decidedOn: '2026-03-20',
        reason: 'Ghi sai ngày sinh do lỗi của cơ quan cấp',
        ...body,
      });

  it('CORR-1/8: a ground changes only its fields; a closed list of grounds; nothing to change is refused; nothing written', async () => {
    const wrongField = await correct(ids[1], {
      ground: 'ethnicityOrGenderRedetermined',
      changes: { fullName: 'Trần Thị Mới' },
    });
    expect({
      status: wrongField.status,
      code: wrongField.body.code,
      field: wrongField.body.details.errors[0].field,
    }).toEqual({
      status: 422,
      code: 'CORRECTION_FIELD_NOT_ALLOWED',
      field: 'changes.fullName',
    });
    const wrongGround = await correct(ids[1], {
      ground: 'holderMistake',
      changes: { fullName: 'Trần Thị Mới' },
    });
    expect({
      status: wrongGround.status,
      code: wrongGround.body.code,
      field: wrongGround.body.details.errors[0].field,
    }).toEqual({ status: 422, code: 'CORRECTION_GROUND_INVALID', field: 'ground' });
    const current = (await t.http.get(`/api/v1/diplomas/${ids[1]}`).set(await t.auth('btr.registrar'))).body
      .holder;
    const same = await correct(ids[1], { changes: { fullName: current.fullName } });
    expect({ status: same.status, code: same.body.code }).toEqual({ status: 422, code: 'CORRECTION_EMPTY' });
    // a name, date or gender is never erased (null), only replaced
    const erase = await correct(ids[1], {
      ground: 'ethnicityOrGenderRedetermined',
      changes: { gender: null },
    });
    expect({ status: erase.status, field: erase.body.details.errors[0].field }).toEqual({
      status: 400,
      field: 'changes.gender',
    });
    const school = await correct(ids[1], { changes: { fullName: 'Trần Thị Mới' } }, 'thpt.chuyenbt');
    expect(school.body.code).toBe('NOT_CUSTODIAN');
    const revoked = await correct(ids[0], { changes: { fullName: 'Trần Thị Mới' } });
    expect({ status: revoked.status, code: revoked.body.code }).toEqual({
      status: 409,
      code: 'DIPLOMA_REVOKED',
    });
    expect((await t.sql(`SELECT 1 FROM corrections`)).length).toBe(0);
  });

  it('a correction, then a re-issue, then the new diploma revoked: one version chain on both diplomas (acceptance 5)', async () => {
    const auth = await t.auth('btr.registrar');
    const [before] = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM register_entries WHERE id = $1`,
      [ids[1]],
    );
    const corrected = await correct(ids[1], {
      receivedOn: '2026-03-03',
      changes: { fullName: 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD') },
    });
    expect(corrected.status).toBe(201);
    // CORR-5: 5 working days after the dossier (Tue 3 March → Tue 10 March 2026)
    expect(corrected.body.corrections).toEqual([
      expect.objectContaining({
        receivedOn: '2026-03-03',
        dueOn: '2026-03-10',
        onTime: true,
        ground: 'civilStatusChange',
      }),
    ]);
    expect(corrected.body).toMatchObject({
      hasCorrections: true,
      holder: { fullName: 'Nguyễn Thị Thuỷ Tiên' },
      status: 'valid',
    });
    // the entry is never edited (REG-6); the old value is kept in the correction fact
    const [after] = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM register_entries WHERE id = $1`,
      [ids[1]],
    );
    expect(after.full_name).toBe(before.full_name);
    const [corr] = await t.sql<{ changes: { field: string; from: string; to: string }[] }>(
      `SELECT changes FROM corrections WHERE entry_id = $1`,
      [ids[1]],
    );
    expect(corr.changes).toEqual([{ field: 'fullName', from: before.full_name, to: 'Nguyễn Thị Thuỷ Tiên' }]);

    // CORR-9: a copy made now shows the corrected name and the correction decision
    const copy = await t.http
      .post(`/api/v1/diplomas/${ids[1]}/copies`)
      .set(auth)
      .send({
        requesterName: 'Nguyễn Thị Thuỷ Tiên',
        requesterPersonalIdNumber: '083206001234',
        relationship: 'holder',
        quantity: 1,
        receivedAt: '2026-11-27T10:00:00+07:00',
        signerName: 'Lê Văn Hùng',
        signerTitle: 'GIÁM ĐỐC',
      })
      .expect(201);
    const copyPdf = await t.http
      .get(copy.body.copies[0].pdfUrl as string)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const copyText = pdfText(copyPdf.body as Buffer).rawPages[0];
    expect(copyText).toContain('Nguyễn Thị Thuỷ Tiên');
    expect(copyText).toContain('Chỉnh sửa theo QĐ số 201/QĐ-SGDĐT ngày 10/03/2026');

    const fresh = await reissue(ids[1], {
      changes: { dateOfBirth: '2007-01-15' },
      signerName: 'Võ Minh Trí',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    });
    expect(fresh.status).toBe(201);
    const newId = fresh.body.id as string;
    expect(fresh.body).toMatchObject({
      replacesId: ids[1],
      status: 'valid',
      issuedOn: '2026-03-20',
      issuerOrgCode: 'SGD-BTR',
      holder: { fullName: 'Nguyễn Thị Thuỷ Tiên', dateOfBirth: '2007-01-15' },
    });
    expect(fresh.body.serialNumber).toMatch(/^RV/);
    expect(fresh.body.serialNumber).not.toBe(corrected.body.serialNumber);
    const [book] = await t.sql<{ year: number }>(
      `SELECT b.year FROM register_entries e JOIN register_books b ON b.id = e.book_id WHERE e.id = $1`,
      [newId],
    );
    expect(book.year).toBe(2026); // REISSUE-7: a new number in the re-issue year
    const old = (await t.http.get(`/api/v1/diplomas/${ids[1]}`).set(auth).expect(200)).body;
    expect(old).toMatchObject({
      status: 'replaced',
      statusDetail: { kind: 'reissue', replacedById: newId, decisionNo: '77/QĐ-SGDĐT' },
    });

    const again = await reissue(ids[1], {});
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'DIPLOMA_ALREADY_REISSUED',
    });
    const correctOld = await correct(ids[1], { changes: { fullName: 'Nguyễn Thị Khác' } });
    expect({ status: correctOld.status, code: correctOld.body.code }).toEqual({
      status: 409,
      code: 'DIPLOMA_REPLACED',
    });

    expect(
      (await revoke(newId, { ground: 'altered', decisionNo: '300/QĐ-SGDĐT', decidedOn: '2026-04-02' }))
        .status,
    ).toBe(201);
    const chainOf = async (id: string) =>
      (
        (await t.http.get(`/api/v1/diplomas/${id}`).set(auth).expect(200)).body.versions as {
          version: number;
          kind: string;
          decisionNo: string;
          diplomaId: string;
        }[]
      ).map((v) => `${v.version}:${v.kind}:${v.diplomaId === newId ? 'new' : 'old'}:${v.decisionNo}`);
    const expected = [
      '1:original:old:88/QĐ-SGDĐT',
      '2:correction:old:201/QĐ-SGDĐT',
      '3:reissue:new:77/QĐ-SGDĐT',
      '4:revocation:new:300/QĐ-SGDĐT',
    ];
    expect(await chainOf(ids[1])).toEqual(expected);
    expect(await chainOf(newId)).toEqual(expected);
    for (const type of ['register.correction', 'register.reissue', 'register.revocation'])
      expect((await t.sql(`SELECT 1 FROM log_entries WHERE fact_type = $1`, [type])).length).toBeGreaterThan(
        0,
      );
    // REG-9: the appendix of SGD-BTR's THPT register for 2026 lists the correction and the re-issue
    const appendix = await t.http
      .get('/api/v1/register-appendix?credentialType=THPT&year=2026')
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(appendix.body as Buffer)
      .pages.join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('PHỤ LỤC SỔ GỐC');
    expect(text).toContain(`Họ và tên: ${before.full_name} → Nguyễn Thị Thuỷ Tiên`);
    const packed = text.replace(/\s+/g, ''); // table cells wrap anywhere
    expect(packed).toContain('ChỉnhsửatheoQĐ201/QĐ-SGDĐTngày10/03/2026');
    expect(packed).toContain('CấplạitheoQĐ77/QĐ-SGDĐTngày20/03/2026');
    expect(text).toContain(fresh.body.serialNumber as string);
    await expect(t.sql(`UPDATE corrections SET ground = 'lateBirthRegistration'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.sql(`DELETE FROM reissues`)).rejects.toThrow(/append-only/);
  });

  it('COPY-8: refusals in writing, with a reason the register bears out, and a letter in Vietnamese', async () => {
    const auth = await t.auth('btr.registrar');
    const base = {
      requested: {
        fullName: 'Phạm Văn Không Có'.normalize('NFD'),
        dateOfBirth: '2006-02-03',
        serialNumber: 'ZZ0000001',
      },
      requesterName: 'Phạm Văn Hỏi',
      requesterPersonalIdNumber: '083206001111',
      receivedAt: '2026-11-27T09:30:00+07:00',
      signerName: 'Trần Văn Khải',
      signerTitle: 'Giám đốc',
    };
    const refuse = async (body: Record<string, unknown>, user = 'btr.registrar') =>
      t.http
        .post('/api/v1/copy-refusals')
        .set(await t.auth(user))
        .send({ ...base, ...body });
    // the reason must agree with the register
    const validButNotValid = await refuse({ reason: 'notValid', diplomaId: ids[2] });
    expect({ status: validButNotValid.status, code: validButNotValid.body.code }).toEqual({
      status: 422,
      code: 'COPY_REFUSAL_REASON_INVALID',
    });
    const inRegister = await refuse({ reason: 'noRegister', diplomaId: ids[2] });
    expect(inRegister.body.code).toBe('COPY_REFUSAL_REASON_INVALID');
    const serialOfIds2 = (await t.http.get(`/api/v1/diplomas/${ids[2]}`).set(auth)).body
      .serialNumber as string;
    const held = await refuse({
      reason: 'noRegister',
      requested: { ...base.requested, serialNumber: serialOfIds2 },
    });
    expect({ status: held.status, code: held.body.code }).toEqual({
      status: 422,
      code: 'COPY_REFUSAL_REASON_INVALID',
    });
    const school = await refuse({ reason: 'notEligible', diplomaId: ids[2] }, 'thpt.chuyenbt');
    expect(school.body.code).toBe('NOT_CUSTODIAN');
    expect((await t.sql(`SELECT 1 FROM copy_refusals`)).length).toBe(0);

    const none = await refuse({ reason: 'noRegister' });
    expect(none.status).toBe(201);
    const letter = await t.http
      .get(none.body.letterUrl as string)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(letter.body as Buffer)
      .rawPages.join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Phạm Văn Không Có'); // NFC, given in NFD
    expect(text).toContain('không cấp bản sao');
    expect(text).toContain('không có thông tin về văn bằng');

    const revoked = await refuse({ reason: 'notValid', diplomaId: ids[0] });
    expect(revoked.status).toBe(201);
    const revokedLetter = await t.http
      .get(revoked.body.letterUrl as string)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(
      pdfText(revokedLetter.body as Buffer)
        .pages.join(' ')
        .replace(/\s+/g, ' '),
    ).toContain('thu hồi, hủy bỏ theo Quyết định số 152/QĐ-SGDĐT ngày 02/03/2026');
    const [fact] = await t.sql(`SELECT 1 FROM log_entries WHERE fact_type = 'copy.refusal'`);
    expect(fact).toBeDefined();
    expect(
      (await t.http.get(revoked.body.letterUrl as string).set(await t.auth('hpg.registrar'))).status,
    ).toBe(403);
  });
});
