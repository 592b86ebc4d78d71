import { PUBLIC_RECORDS_BACKFILL_SQL } from '../../migrations/1796000000000-PublicRecords';
import { graduateRows, issuedBtrDecision, receiveBlanks } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { VerificationRepository } from '../../src/verification/verification.repository';

// Issue 8: the public lookup (PUB-4/5/6) and the forgery signals agencies read (PUB-8).

interface Registered {
  id: string;
  serial: string;
  fullName: string;
  dateOfBirth: string;
}

describe('public verification by serial, name and date of birth', () => {
  let t: TestApp;
  let d: Registered[];
  const verify = (q: Record<string, string>, ip = '10.0.0.1') =>
    t.http.get('/api/v1/public/verify').query(q).set('X-Forwarded-For', ip);
  const signals = () =>
    t.sql<{ kind: string; serial_number: string; blank_state: string | null; presented_full_name: string }>(
      `SELECT kind, serial_number, blank_state, presented_full_name FROM forgery_signals ORDER BY id`,
    );

  beforeAll(async () => {
    // Addresses from X-Forwarded-For, so each test acts as its own client and the limits can be exercised.
    t = await startTestApp({ env: { TRUST_PROXY: '1', PUBLIC_LOOKUPS_PER_SERIAL_PER_15_MINUTES: '30' } });
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'PV', 1, 10);
    const { ids } = await issuedBtrDecision(
      t,
      {
        decisionNo: '91/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
      },
      graduateRows(5, 83),
      '2025-08-10',
    );
    d = await t.sql<Registered>(
      `SELECT id, serial_number AS serial, full_name AS "fullName", to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
         FROM register_entries WHERE id = ANY($1) ORDER BY register_sequence`,
      [ids],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('a match shows what is printed, the issuer and school, and no personal ID number', async () => {
    const res = await verify({
      serialNumber: d[0].serial,
      fullName: d[0].fullName,
      dateOfBirth: d[0].dateOfBirth,
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      result: 'match',
      checks: [
        { type: 'register', status: 'pass' },
        { type: 'status', status: 'pass' },
      ],
      diploma: {
        credentialType: 'THPT',
        fullName: d[0].fullName,
        dateOfBirth: d[0].dateOfBirth,
        serialNumber: d[0].serial,
        registerEntryNumber: expect.any(String),
        issuer: { code: 'SGD-BTR', nameVi: expect.stringContaining('Bến Tre'), nameEn: expect.any(String) },
        school: { nameVi: 'Trường THPT Chuyên Bến Tre', nameEn: expect.any(String) },
        graduationYear: 2025,
        issuedOn: '2025-08-10',
        status: 'valid',
        hasCorrections: false,
        corrections: [],
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/personalId/);
    // the serial is read as printed, whatever the case and surrounding spaces
    const loose = await verify({
      serialNumber: ` ${d[0].serial.toLowerCase()} `,
      fullName: d[0].fullName,
      dateOfBirth: d[0].dateOfBirth,
    });
    expect(loose.body.result).toBe('match');
  });

  it('name matching accepts case, diacritics, tone placement and Unicode form, and rejects another name (acceptance 3)', async () => {
    const [entry] = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM register_entries WHERE id = $1`,
      [d[1].id],
    );
    const name = entry.full_name.normalize('NFC');
    const stripped = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const oldTones = name.replace(/oà/g, 'òa').replace(/uỷ/g, 'ủy').replace(/oẻ/g, 'ỏe');
    const variants = [
      name,
      name.toUpperCase(),
      name.toLowerCase(),
      name.normalize('NFD'),
      stripped,
      stripped.toLowerCase(),
      oldTones,
      `  ${name.replace(/ /g, '   ')}  `,
    ];
    for (const fullName of variants) {
      const res = await verify(
        { serialNumber: d[1].serial, fullName, dateOfBirth: d[1].dateOfBirth },
        '10.0.1.1',
      );
      expect({ fullName, result: res.body.result }).toEqual({ fullName, result: 'match' });
    }
    const parts = name.split(' ');
    const others = [
      [...parts.slice(0, -1), `${parts.at(-1)}h`].join(' '), // "An" → "Anh"
      parts.slice(0, -1).join(' '), // a name missing
      [...parts.slice(0, -1), 'Lan'].join(' '),
    ];
    for (const fullName of others) {
      const res = await verify(
        { serialNumber: d[1].serial, fullName, dateOfBirth: d[1].dateOfBirth },
        '10.0.1.2',
      );
      expect({ fullName, result: res.body.result }).toEqual({ fullName, result: 'noMatch' });
    }
    const otherDay = await verify(
      { serialNumber: d[1].serial, fullName: name, dateOfBirth: '2001-01-01' },
      '10.0.1.3',
    );
    expect(otherDay.body.result).toBe('noMatch');
  });

  it('an unknown serial and wrong data for a known serial answer alike; the forgery signals tell them apart', async () => {
    const before = (await signals()).length;
    const unknown = await verify(
      { serialNumber: 'PV9999999', fullName: 'Nguyễn Văn A', dateOfBirth: '2007-01-01' },
      '10.0.2.1',
    );
    const mismatch = await verify(
      { serialNumber: d[2].serial, fullName: 'Nguyễn Văn A', dateOfBirth: '2007-01-01' },
      '10.0.2.2',
    );
    const shape = (r: typeof unknown) => ({
      status: r.status,
      body: r.body,
      headers: Object.keys(r.headers)
        .filter((h) => !['x-request-id', 'date', 'etag'].includes(h))
        .sort()
        .map((h) => `${h}: ${h === 'content-length' || h.startsWith('x-') ? '' : r.headers[h]}`),
      length: r.text.length,
    });
    expect(shape(unknown)).toEqual(shape(mismatch));
    expect(unknown.body).toEqual({
      result: 'noMatch',
      checks: [{ type: 'register', status: 'fail', reason: 'notInRegister' }],
    });
    const recorded = (await signals()).slice(before);
    expect(recorded).toEqual([
      expect.objectContaining({
        kind: 'unknownSerial',
        serial_number: 'PV9999999',
        presented_full_name: 'Nguyễn Văn A',
      }),
      expect.objectContaining({ kind: 'dataMismatch', serial_number: d[2].serial }),
    ]);
    // personal data never reaches the logs
    expect(t.logs.join('\n')).not.toContain('Nguyễn Văn A');
    expect(t.logs.join('\n')).not.toContain(d[0].fullName);
    // signals are evidence: append-only in the database
    await expect(t.sql(`UPDATE forgery_signals SET kind = 'dataMismatch'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM forgery_signals`)).rejects.toThrow(/append-only/);
  });

  it('a void blank never matches, even with the real holder data, and is a voidBlank signal (PUB-6, BLANK-10)', async () => {
    const auth = await t.auth('btr.printer');
    await t.http
      .post(`/api/v1/diplomas/${d[3].id}/misprints`)
      .set(auth)
      .send({ serialNumber: d[3].serial, note: 'Kẹt giấy' })
      .expect(201);
    const old = await verify(
      { serialNumber: d[3].serial, fullName: d[3].fullName, dateOfBirth: d[3].dateOfBirth },
      '10.0.3.1',
    );
    expect(old.body).toEqual({
      result: 'noMatch',
      checks: [{ type: 'register', status: 'fail', reason: 'notInRegister' }],
    });
    const [sig] = (await signals()).filter((s) => s.serial_number === d[3].serial);
    expect(sig).toMatchObject({ kind: 'voidBlank', blank_state: 'spoiled' });
    const [{ serial_number: now }] = await t.sql<{ serial_number: string }>(
      `SELECT serial_number FROM register_entry_serials WHERE entry_id = $1`,
      [d[3].id],
    );
    const current = await verify(
      { serialNumber: now, fullName: d[3].fullName, dateOfBirth: d[3].dateOfBirth },
      '10.0.3.1',
    );
    expect(current.body).toMatchObject({ result: 'match', diploma: { serialNumber: now } });
  });

  it('a revoked diploma answers revoked with its decision; a corrected one with its correction decision, by either name', async () => {
    const auth = await t.auth('btr.registrar');
    await t.http
      .post(`/api/v1/diplomas/${d[4].id}/revocations`)
      .set(auth)
      .send({ ground: 'fraud', decisionNo: '152/QĐ-SGDĐT', decidedOn: '2026-03-02', publicNote: 'Gian lận' })
      .expect(201);
    const revoked = await verify(
      { serialNumber: d[4].serial, fullName: d[4].fullName, dateOfBirth: d[4].dateOfBirth },
      '10.0.4.1',
    );
    expect(revoked.body).toMatchObject({
      result: 'match',
      checks: [
        { type: 'register', status: 'pass' },
        { type: 'status', status: 'fail', reason: 'revoked' },
      ],
      diploma: {
        status: 'revoked',
        statusDetail: {
          kind: 'revocation',
          decisionNo: '152/QĐ-SGDĐT',
          decidedOn: '2026-03-02',
          publicNote: 'Gian lận',
        },
      },
    });
    await t.http
      .post(`/api/v1/diplomas/${d[0].id}/corrections`)
      .set(auth)
      .send({
        ground: 'civilStatusChange',
        decisionNo: '201/QĐ-SGDĐT',
        decidedOn: '2026-03-10',
        evidenceRef: 'Trích lục 12/TLHT',
        changes: { fullName: 'Trần Thị Thuỷ Tiên' },
      })
      .expect(201);
    for (const fullName of [d[0].fullName, 'Trần Thị Thủy Tiên']) {
      const res = await verify(
        { serialNumber: d[0].serial, fullName, dateOfBirth: d[0].dateOfBirth },
        '10.0.4.2',
      );
      expect(res.body).toMatchObject({
        result: 'match',
        diploma: {
          fullName: 'Trần Thị Thuỷ Tiên',
          status: 'valid',
          hasCorrections: true,
          corrections: [{ decisionNo: '201/QĐ-SGDĐT', decidedOn: '2026-03-10' }],
        },
      });
    }
  });

  it('a re-issued diploma: the old serial answers replaced with the decision, the new one valid (REISSUE)', async () => {
    const res = await t.http
      .post(`/api/v1/diplomas/${d[2].id}/reissues`)
      .set(await t.auth('btr.registrar'))
      .send({
        decisionNo: '77/QĐ-SGDĐT',
        decidedOn: '2026-03-20',
        reason: 'Ghi sai ngày sinh do lỗi của cơ quan cấp',
        changes: { dateOfBirth: '2007-01-15' },
        signerName: 'Võ Minh Trí',
        signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      });
    expect(res.status).toBe(201);
    const old = await verify(
      { serialNumber: d[2].serial, fullName: d[2].fullName, dateOfBirth: d[2].dateOfBirth },
      '10.0.8.1',
    );
    expect(old.body.diploma).toMatchObject({
      status: 'replaced',
      statusDetail: { kind: 'reissue', decisionNo: '77/QĐ-SGDĐT', decidedOn: '2026-03-20' },
    });
    const [fresh] = await t.sql<{ serial_number: string }>(
      `SELECT serial_number FROM register_entries WHERE replaces_entry_id = $1`,
      [d[2].id],
    );
    const now = await verify(
      { serialNumber: fresh.serial_number, fullName: d[2].fullName, dateOfBirth: '2007-01-15' },
      '10.0.8.1',
    );
    expect(now.body.diploma).toMatchObject({ status: 'valid', dateOfBirth: '2007-01-15' });
  });

  it('the read model (public_records, kept by triggers) agrees with the facts after every kind of act', async () => {
    await t.http
      .post(`/api/v1/diplomas/${d[1].id}/corrections`)
      .set(await t.auth('btr.registrar'))
      .send({
        ground: 'lateBirthRegistration',
        decisionNo: '202/QĐ-SGDĐT',
        decidedOn: '2026-04-01',
        evidenceRef: 'Giấy khai sinh cấp lại',
        changes: { dateOfBirth: '2007-03-03' },
      })
      .expect(201);
    // The same derivation from the facts, independently: latest serial, latest change of each field.
    const latest = (field: string) =>
      `(SELECT ch->>'to' FROM corrections c, jsonb_array_elements(c.changes) ch WHERE c.entry_id = e.id
          AND ch->>'field' = '${field}' ORDER BY c.created_at DESC, c.id DESC LIMIT 1)`;
    const expected = await t.sql(
      `SELECT e.id AS entry_id,
              COALESCE((SELECT s.serial_number FROM register_entry_serials s WHERE s.entry_id = e.id
                         ORDER BY s.created_at DESC LIMIT 1), e.serial_number) AS serial_number,
              COALESCE(${latest('fullName')}, e.full_name) AS current_full_name,
              COALESCE(${latest('dateOfBirth')}, to_char(e.date_of_birth, 'YYYY-MM-DD')) AS current_date_of_birth,
              rv.decision_no AS rv_decision_no, ri.decision_no AS ri_decision_no,
              (SELECT count(*)::int FROM corrections c WHERE c.entry_id = e.id) AS corrections
         FROM register_entries e LEFT JOIN revocations rv ON rv.entry_id = e.id LEFT JOIN reissues ri ON ri.entry_id = e.id
        ORDER BY e.id`,
    );
    const actual = await t.sql(
      `SELECT entry_id, serial_number, current_full_name, to_char(current_date_of_birth, 'YYYY-MM-DD') AS current_date_of_birth,
              rv_decision_no, ri_decision_no, jsonb_array_length(corrections) AS corrections
         FROM public_records ORDER BY entry_id`,
    );
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
    // the migration's backfill (for databases with diplomas already) derives the same rows
    const projected = await t.sql(`SELECT * FROM public_records ORDER BY entry_id`);
    await t.sql(`DELETE FROM public_records`);
    await t.sql(PUBLIC_RECORDS_BACKFILL_SQL);
    expect(await t.sql(`SELECT * FROM public_records ORDER BY entry_id`)).toEqual(projected);
  });

  it("concurrent lookups go out in batches, and each gets its own serial's answer (lookup-batcher.ts)", async () => {
    const repo = t.running.app.get(VerificationRepository);
    const [reissued] = await t.sql<{ serial_number: string }>(
      `SELECT serial_number FROM register_entries WHERE replaces_entry_id = $1`,
      [d[2].id],
    );
    const [misprintReplacement] = await t.sql<{ serial_number: string }>(
      `SELECT serial_number FROM register_entry_serials WHERE entry_id = $1`,
      [d[3].id],
    );
    // Valid, corrected, revoked, replaced and re-issued, a spoiled blank, its replacement, an unused
    // blank and serials never issued.
    const serials = [
      ...d.map((x) => x.serial),
      reissued.serial_number,
      misprintReplacement.serial_number,
      'PV0000010',
      'PV9999999',
      'ZZ0000001',
    ];
    const alone = new Map<string, unknown>();
    for (const s of serials) alone.set(s, await repo.recordsOnSerial(s));
    expect(new Set([...alone.values()].map((v) => JSON.stringify(v))).size).toBeGreaterThan(6);

    const asked = Array.from({ length: 12 }, () => serials)
      .flat()
      .sort(() => Math.random() - 0.5);
    const before = repo.lookupCounts();
    const together = await Promise.all(asked.map((s) => repo.recordsOnSerial(s)));
    const after = repo.lookupCounts();
    together.forEach((answer, i) => expect(answer).toEqual(alone.get(asked[i])));
    expect(after.lookups - before.lookups).toBe(asked.length);
    // at most PUBLIC_LOOKUP_QUERIES (2) run at once, so 120 concurrent lookups share a few queries
    expect(after.queries - before.queries).toBeLessThan(asked.length / 4);
  });

  it('the published lists: decisions with counts and serial ranges, revocations, and no names (PUB-1, PUB-7)', async () => {
    const issued = await t.http.get('/api/v1/public/disclosures?issuerOrgCode=SGD-BTR&year=2025').expect(200);
    expect(issued.body).toMatchObject({ issuerOrgCode: 'SGD-BTR', year: 2025, revocations: [] });
    expect(issued.body.issued).toEqual([
      expect.objectContaining({
        decisionNo: '91/QĐ-SGDĐT',
        schoolCode: 'THPT-BTR-CHUYENBT',
        credentialType: 'THPT',
        issuedOn: '2025-08-10',
        count: 5,
        firstSerialNumber: d[0].serial,
      }),
    ]);
    const revoked = await t.http
      .get('/api/v1/public/disclosures?issuerOrgCode=SGD-BTR&year=2026')
      .expect(200);
    expect(revoked.body.revocations).toEqual([
      expect.objectContaining({ decisionNo: '152/QĐ-SGDĐT', serialNumber: d[4].serial }),
    ]);
    const text = JSON.stringify([issued.body, revoked.body]);
    for (const x of d) expect(text).not.toContain(x.fullName);
    const unknown = await t.http.get('/api/v1/public/disclosures?issuerOrgCode=SGD-XYZ&year=2026');
    expect(unknown.status).toBe(404);
  });

  it('the GET (answered before Express) and the POST (through Express) give the same answer and headers', async () => {
    const q = { serialNumber: d[1].serial, fullName: d[1].fullName, dateOfBirth: d[1].dateOfBirth };
    const get = await verify(q, '10.0.5.2').set('X-Request-Id', 'trace-12345678');
    const post = await t.http.post('/api/v1/public/verify').set('X-Forwarded-For', '10.0.5.2').send(q);
    expect(get.body).toEqual(post.body);
    expect(get.headers['x-request-id']).toBe('trace-12345678');
    for (const h of ['cache-control', 'content-type', 'x-content-type-options'])
      expect({ h, v: get.headers[h] }).toEqual({ h, v: post.headers[h] });
    // anything the fast path does not fully accept goes through the validation pipeline
    const extra = await t.http.get('/api/v1/public/verify').query({ ...q, role: 'admin' });
    expect({ status: extra.status, code: extra.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const metrics = await t.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/public\/verify",status="200"\} [1-9]/,
    );
    // the batching, as counted by the repository (lookup-batcher.ts)
    const counted = t.running.app.get(VerificationRepository).lookupCounts();
    expect(counted.lookups).toBeGreaterThan(0);
    expect(counted.lookups).toBeGreaterThanOrEqual(counted.queries);
    expect(metrics.text).toContain(`vbcc_public_lookups_total ${counted.lookups}\n`);
    expect(metrics.text).toContain(`vbcc_public_lookup_queries_total ${counted.queries}\n`);
  });

  it('the body form answers the same and keeps the data out of the URL', async () => {
    const res = await t.http
      .post('/api/v1/public/verify')
      .set('X-Forwarded-For', '10.0.5.1')
      .send({ serialNumber: d[1].serial, fullName: d[1].fullName, dateOfBirth: d[1].dateOfBirth })
      .expect(200);
    expect(res.body.result).toBe('match');
  });

  it('bad input is a 400 naming the field, before any lookup or limit', async () => {
    const res = await verify(
      { serialNumber: d[1].serial, fullName: '', dateOfBirth: '2008-02-30' },
      '10.0.6.1',
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(res.body.details.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'dateOfBirth',
      'fullName',
    ]);
    const noName = await t.http.get('/api/v1/public/verify').query({ fullName: d[1].fullName });
    expect(noName.status).toBe(400); // no search by name alone
  });

  it('500 lookups of random serials from one client: 429 with Retry-After after 20 a minute, the rest alike (acceptance 4)', async () => {
    const answers: { status: number; body: string; retryAfter?: string }[] = [];
    for (let i = 0; i < 500; i++) {
      // every tenth a known serial with a wrong name: the answers must not tell it apart
      const serialNumber =
        i % 10 === 0 ? d[2].serial : `ZZ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const r = await verify(
        { serialNumber, fullName: 'Phạm Văn Bình', dateOfBirth: '2007-05-05' },
        '10.0.7.1',
      );
      answers.push({
        status: r.status,
        body: JSON.stringify(r.status === 200 ? r.body : r.body.code),
        retryAfter: r.headers['retry-after'],
      });
    }
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBe(20);
    expect(answers.slice(0, 20).every((a) => a.status === 200)).toBe(true);
    expect(new Set(ok.map((a) => a.body)).size).toBe(1);
    const limited = answers.slice(20);
    expect(limited.every((a) => a.status === 429 && a.body === '"RATE_LIMITED"')).toBe(true);
    expect(limited.every((a) => Number(a.retryAfter) >= 1 && Number(a.retryAfter) <= 60)).toBe(true);
    // another client is not affected
    expect(
      (
        await verify(
          { serialNumber: d[1].serial, fullName: d[1].fullName, dateOfBirth: d[1].dateOfBirth },
          '10.0.7.2',
        )
      ).status,
    ).toBe(200);
  });

  it('one serial is limited across clients (here 30 lookups per 15 minutes), known or not', async () => {
    for (const serialNumber of [d[2].serial, 'QQ0000001']) {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const r = await verify(
          { serialNumber, fullName: 'Lê Văn Tám', dateOfBirth: '2007-05-05' },
          `10.1.${i}.9`,
        );
        statuses.push(r.status);
      }
      // the known serial already had lookups in earlier tests; both end limited the same way
      expect(statuses.slice(-2)).toEqual([429, 429]);
    }
  });

  it('agencies read forgery signals of their subtree, each query audited with its case number (PUB-8)', async () => {
    const q = { caseNumber: '125/CSHS-2026', purpose: 'Xác minh văn bằng nghi giả mạo' };
    const police = await t.http
      .get('/api/v1/forgery-signals')
      .query(q)
      .set(await t.auth('btr.police'));
    expect(police.status).toBe(200);
    const kinds = new Set(police.body.items.map((s: { kind: string }) => s.kind));
    expect(kinds.has('dataMismatch')).toBe(true);
    expect(kinds.has('voidBlank')).toBe(true);
    // an unknown serial belongs to no organisation: only the Ministry sees it
    expect(kinds.has('unknownSerial')).toBe(false);
    const ministry = await t.http
      .get('/api/v1/forgery-signals')
      .query({ ...q, kind: 'unknownSerial', limit: 5 })
      .set(await t.auth('bo.auditor'));
    expect(ministry.body.items.length).toBe(5);
    expect(ministry.body.nextCursor).toEqual(expect.any(String));
    const other = await t.http
      .get('/api/v1/forgery-signals')
      .query(q)
      .set(await t.auth('hpg.registrar'));
    expect(other.status).toBe(403);
    const bySerial = await t.http
      .get('/api/v1/forgery-signals')
      .query({ ...q, serialNumber: d[3].serial })
      .set(await t.auth('btr.police'));
    expect(bySerial.body.items).toEqual([
      expect.objectContaining({
        kind: 'voidBlank',
        blankState: 'spoiled',
        orgCode: 'SGD-BTR',
        presentedFullName: d[3].fullName,
      }),
    ]);
    const [audit] = await t.sql<{ details: { caseNumber: string; purpose: string } }>(
      `SELECT details FROM audit_events WHERE action = 'forgerySignals.query' ORDER BY occurred_at LIMIT 1`,
    );
    expect(audit.details).toMatchObject(q);
    const noCase = await t.http.get('/api/v1/forgery-signals').set(await t.auth('btr.police'));
    expect(noCase.status).toBe(400);
    expect(noCase.body.details.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['caseNumber', 'purpose']),
    );
  });
});

describe('public verification timing: an unknown serial costs what a wrong name costs', () => {
  let t: TestApp;
  let serials: string[];

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        PUBLIC_LOOKUPS_PER_CLIENT_PER_MINUTE: '100000',
        PUBLIC_LOOKUPS_PER_SERIAL_PER_15_MINUTES: '100000',
      },
    });
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'TM', 1, 5);
    await issuedBtrDecision(
      t,
      {
        decisionNo: '92/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
      },
      graduateRows(3, 97),
      '2025-08-10',
    );
    serials = (await t.sql<{ serial_number: string }>(`SELECT serial_number FROM register_entries`)).map(
      (r) => r.serial_number,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('interleaved, the median times differ by less than a millisecond or 20 %', async () => {
    const times = { unknown: [] as number[], mismatch: [] as number[] };
    const once = async (kind: 'unknown' | 'mismatch', i: number) => {
      const serialNumber = kind === 'unknown' ? `TM${String(900000 + i)}` : serials[i % serials.length];
      const start = process.hrtime.bigint();
      const r = await t.http
        .get('/api/v1/public/verify')
        .query({ serialNumber, fullName: 'Hồ Văn Sai', dateOfBirth: '2007-01-01' });
      times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
      expect(r.body.result).toBe('noMatch');
    };
    for (let i = 0; i < 20; i++) await once(i % 2 ? 'unknown' : 'mismatch', i); // warm-up
    times.unknown = [];
    times.mismatch = [];
    for (let i = 0; i < 300; i++) await once(i % 2 ? 'unknown' : 'mismatch', i);
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const [u, m] = [median(times.unknown), median(times.mismatch)];
    expect(Math.abs(u - m)).toBeLessThan(Math.max(1, 0.2 * Math.min(u, m)));
  });
});

describe('public API: the per-client request limit and the published lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_REQUESTS_PER_CLIENT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('every public API route counts against the client: the 6th request in a minute is a 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.http.get('/.well-known/vbcc/trust-list.json')).status);
    for (let i = 0; i < 2; i++)
      statuses.push((await t.http.get('/api/v1/public/disclosures?issuerOrgCode=SGD-BTR&year=2026')).status);
    const over = await t.http.get('/api/v1/public/transparency/checkpoint');
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // the portal pages and the staff API are not public API routes
    await t.http.get('/').expect(200);
    await t.http.get('/health').expect(200);
  });
});
