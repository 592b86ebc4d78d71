import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The organisation tree (ORG-1, subtree scoping) and register custody (ARCHITECTURE §3 issuer vs
 * custodian; TIME-7, TIME-9, ORG-3) on the demo data: Bến Tre (SGD-BTR) and Hải Phòng (SGD-HPG)
 * under the ministry, the district bureaus abolished on 2025-07-01.
 */
describe('organisations and custody', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ template: 'demo' });
  });

  afterAll(async () => {
    await t.close();
  });

  const BTR_CODES = [
    'SGD-BTR',
    'PGD-BTR-CHAUTHANH',
    'PGD-BTR-MOCAYNAM',
    'XA-BTR-PHUTUC',
    'XA-BTR-MOCAY',
    'THPT-BTR-CHUYENBT',
    'THPT-BTR-NDCHIEU',
    'THCS-BTR-PHUTUC',
    'THCS-BTR-MOCAY',
    'GDTX-BTR-CHAUTHANH',
  ];
  const HPG_CODES = [
    'SGD-HPG',
    'PGD-HPG-LECHAN',
    'PGD-HPG-THUYNGUYEN',
    'PH-HPG-LECHAN',
    'PH-HPG-THUYNGUYEN',
    'THPT-HPG-TRANPHU',
    'THPT-HPG-NGOQUYEN',
    'THCS-HPG-CHUVANAN',
    'THCS-HPG-THUYNGUYEN',
    'GDTX-HPG',
  ];
  const ALL_CODES = ['BGDDT', 'BGDDT-QLCL', ...BTR_CODES, ...HPG_CODES];

  async function getOrg(code: string, user: string): Promise<Response> {
    return t.http.get(`/api/v1/orgs/${code}`).set(await t.auth(user));
  }

  async function createOrg(
    body: Record<string, unknown>,
    user = 'btr.admin',
    requestId?: string,
  ): Promise<Response> {
    const headers = { ...(await t.auth(user)), ...(requestId ? { 'X-Request-Id': requestId } : {}) };
    return t.http.post('/api/v1/orgs').set(headers).send(body);
  }

  async function dissolve(
    code: string,
    body: Record<string, unknown>,
    user = 'btr.admin',
  ): Promise<Response> {
    return t.http
      .post(`/api/v1/orgs/${code}/dissolution`)
      .set(await t.auth(user))
      .send(body);
  }

  /** Walks every page of GET /orgs; returns the codes in page order and the page sizes. */
  async function listAll(
    user: string,
    query: Record<string, string | number> = {},
  ): Promise<{ codes: string[]; pages: number[]; items: Record<string, unknown>[] }> {
    const codes: string[] = [];
    const pages: number[] = [];
    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: Response = await t.http
        .get('/api/v1/orgs')
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .set(await t.auth(user));
      expect(res.status).toBe(200);
      const page = res.body.items as { code: string }[];
      pages.push(page.length);
      codes.push(...page.map((o) => o.code));
      items.push(...page);
      cursor = res.body.nextCursor as string | null;
      if (!cursor) return { codes, pages, items };
    }
    throw new Error('pagination did not end');
  }

  async function custody(
    query: { issuerOrgCode: string; credentialType: string; date: string },
    user = 'btr.admin',
  ): Promise<Response> {
    return t.http
      .get('/api/v1/custody')
      .query(query)
      .set(await t.auth(user));
  }

  async function assign(body: Record<string, unknown>, user = 'btr.admin'): Promise<Response> {
    return t.http
      .post('/api/v1/custody/assignments')
      .set(await t.auth(user))
      .send(body);
  }

  describe('reading organisations (subtree scoping)', () => {
    it('ORG-1: GET /orgs/:code returns the department with its printed names and place', async () => {
      const res = await getOrg('SGD-BTR', 'btr.admin');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'SGD-BTR',
        name: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre',
        nameVi: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre',
        nameEn: 'Ben Tre Department of Education and Training',
        kind: 'provincialDepartment',
        parentCode: 'BGDDT',
        depth: 1,
        provinceCode: '83',
        superiorNameVi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
        placeName: 'Bến Tre',
        validFrom: null,
        validTo: null,
      });
    });

    it('ORG-1/TIME-6: an abolished bureau is still readable, with validTo the day before abolition', async () => {
      const res = await getOrg('PGD-BTR-CHAUTHANH', 'btr.registrar');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: 'PGD-BTR-CHAUTHANH',
        name: 'Phòng Giáo dục và Đào tạo huyện Châu Thành',
        kind: 'districtBureau',
        parentCode: 'SGD-BTR',
        provinceCode: '83',
        validTo: '2025-06-30',
      });
      const commune = await getOrg('XA-BTR-PHUTUC', 'btr.registrar');
      expect(commune.body).toMatchObject({
        validFrom: '2025-07-01',
        validTo: null,
        kind: 'communeCommittee',
      });
    });

    it('a provincial admin cannot read another province (403 OUT_OF_SCOPE) and gets no data', async () => {
      for (const code of ['SGD-HPG', 'THPT-HPG-TRANPHU', 'BGDDT']) {
        const res = await getOrg(code, 'btr.admin');
        expect({ code, status: res.status, error: res.body.code }).toEqual({
          code,
          status: 403,
          error: 'OUT_OF_SCOPE',
        });
        expect(res.body).not.toHaveProperty('name');
        expect(res.body).not.toHaveProperty('id');
      }
    });

    it('an unknown code is 404 ORG_NOT_FOUND; a malformed code is 400; no token is 401', async () => {
      const unknown = await getOrg('SGD-KHONGCO', 'btr.admin');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ORG_NOT_FOUND');

      const bad = await getOrg('sgd-btr', 'btr.admin');
      expect(bad.status).toBe(400);
      expect(bad.body.details.errors[0].field).toBe('code');

      const anon = await t.http.get('/api/v1/orgs/SGD-BTR');
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('AUTH_REQUIRED');
    });

    it('a school user reads its own school but not another school, its parent or another province', async () => {
      const own = await getOrg('THPT-BTR-CHUYENBT', 'thpt.chuyenbt');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        code: 'THPT-BTR-CHUYENBT',
        name: 'Trường THPT Chuyên Bến Tre',
        kind: 'school',
        parentCode: 'SGD-BTR',
        provinceCode: '83',
        placeName: 'Bến Tre',
      });
      for (const code of ['THPT-BTR-NDCHIEU', 'SGD-BTR', 'THPT-HPG-TRANPHU', 'SGD-HPG']) {
        const res = await getOrg(code, 'thpt.chuyenbt');
        expect({ code, status: res.status, error: res.body.code }).toEqual({
          code,
          status: 403,
          error: 'OUT_OF_SCOPE',
        });
      }
      const list = await listAll('thpt.chuyenbt');
      expect(list.codes).toEqual(['THPT-BTR-CHUYENBT']);
    });

    it('pagination: every page of a provincial admin holds Bến Tre only, without duplicates, complete', async () => {
      const { codes, pages, items } = await listAll('btr.admin', { limit: 3 });
      expect(pages).toEqual([3, 3, 3, 1]);
      expect(new Set(codes).size).toBe(codes.length);
      expect([...codes].sort()).toEqual([...BTR_CODES].sort());
      for (const code of HPG_CODES) expect(codes).not.toContain(code);
      expect(items.find((o) => o.code === 'THCS-BTR-PHUTUC')).toMatchObject({
        parentCode: 'XA-BTR-PHUTUC',
        name: 'Trường THCS Phú Túc',
        depth: 3,
      });
      // one page with the default limit gives the same set
      const whole = await t.http.get('/api/v1/orgs').set(await t.auth('btr.admin'));
      expect(whole.body.nextCursor).toBeNull();
      expect(whole.body.items.map((o: { code: string }) => o.code)).toEqual(codes);
    });

    it('pagination: the ministry admin walks the whole tree in pages of 5', async () => {
      const { codes, pages } = await listAll('bo.admin', { limit: 5 });
      expect(pages).toEqual([5, 5, 5, 5, 2]);
      expect(new Set(codes).size).toBe(codes.length);
      expect([...codes].sort()).toEqual([...ALL_CODES].sort());
    });

    it('filters: ?kind= and ?parentCode= within the caller subtree', async () => {
      const schools = await listAll('btr.admin', { kind: 'school', limit: 3 });
      expect([...schools.codes].sort()).toEqual([
        'THCS-BTR-MOCAY',
        'THCS-BTR-PHUTUC',
        'THPT-BTR-CHUYENBT',
        'THPT-BTR-NDCHIEU',
      ]);
      expect(schools.items.every((o) => o.kind === 'school')).toBe(true);

      const children = await listAll('btr.admin', { parentCode: 'XA-BTR-PHUTUC' });
      expect(children.codes).toEqual(['THCS-BTR-PHUTUC']);

      const bureaus = await listAll('hpg.admin', { kind: 'districtBureau' });
      expect([...bureaus.codes].sort()).toEqual(['PGD-HPG-LECHAN', 'PGD-HPG-THUYNGUYEN']);

      const departments = await listAll('bo.admin', { kind: 'provincialDepartment' });
      expect([...departments.codes].sort()).toEqual(['SGD-BTR', 'SGD-HPG']);
    });

    it('filters: a parent outside the subtree is 403 OUT_OF_SCOPE; bad kind, limit or cursor is 400', async () => {
      const foreign = await t.http
        .get('/api/v1/orgs')
        .query({ parentCode: 'SGD-HPG' })
        .set(await t.auth('btr.admin'));
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('OUT_OF_SCOPE');
      expect(foreign.body).not.toHaveProperty('items');

      const kind = await t.http
        .get('/api/v1/orgs')
        .query({ kind: 'village' })
        .set(await t.auth('btr.admin'));
      expect(kind.status).toBe(400);
      expect(kind.body.details.errors[0].field).toBe('kind');

      for (const limit of [0, 201]) {
        const res = await t.http
          .get('/api/v1/orgs')
          .query({ limit })
          .set(await t.auth('btr.admin'));
        expect({ limit, status: res.status, field: res.body.details?.errors?.[0]?.field }).toEqual({
          limit,
          status: 400,
          field: 'limit',
        });
      }

      const cursor = await t.http
        .get('/api/v1/orgs')
        .query({ cursor: Buffer.from('not a code!').toString('base64url') })
        .set(await t.auth('btr.admin'));
      expect(cursor.status).toBe(400);
      expect(cursor.body.code).toBe('INVALID_CURSOR');
    });
  });

  describe('POST /api/v1/orgs', () => {
    const NAME_NFC = 'Trường Trung học cơ sở Nguyễn Thị Định';
    const NAME_NFD = NAME_NFC.normalize('NFD');
    const REQUEST_ID = 'e2e-org-create-0001';

    it('ORG-1: a provincial admin creates a school under a commune; a name sent in NFD is stored in NFC', async () => {
      expect(NAME_NFD).not.toBe(NAME_NFC); // the test really sends decomposed text
      const res = await createOrg(
        { code: 'THCS-BTR-NTDINH', name: `  ${NAME_NFD}  `, kind: 'school', parentCode: 'XA-BTR-PHUTUC' },
        'btr.admin',
        REQUEST_ID,
      );
      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe(REQUEST_ID);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'THCS-BTR-NTDINH',
        name: NAME_NFC,
        nameVi: NAME_NFC,
        nameEn: NAME_NFC,
        kind: 'school',
        parentCode: 'XA-BTR-PHUTUC',
        depth: 3,
        provinceCode: '83',
        superiorNameVi: null,
        placeName: 'Phú Túc',
        validFrom: null,
        validTo: null,
      });
      const rows = await t.sql<{ name_vi: string; path: string }>(
        'SELECT name_vi, path FROM organisations WHERE code = $1',
        ['THCS-BTR-NTDINH'],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].name_vi).toBe(NAME_NFC);
      const [parent] = await t.sql<{ path: string }>(
        `SELECT path FROM organisations WHERE code = 'XA-BTR-PHUTUC'`,
      );
      expect(rows[0].path).toBe(`${parent.path}${res.body.id}/`);

      const read = await getOrg('THCS-BTR-NTDINH', 'btr.registrar');
      expect(read.body.name).toBe(NAME_NFC);
      const hpg = await getOrg('THCS-BTR-NTDINH', 'hpg.admin');
      expect(hpg.status).toBe(403);
    });

    it('a duplicate code is 409 ORG_CODE_TAKEN', async () => {
      const res = await createOrg({
        code: 'THCS-BTR-NTDINH',
        name: 'Trường khác',
        kind: 'school',
        parentCode: 'SGD-BTR',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORG_CODE_TAKEN');
      expect(res.body.details.errors).toEqual([
        expect.objectContaining({ field: 'code', code: 'ORG_CODE_TAKEN' }),
      ]);
      const rows = await t.sql(`SELECT 1 FROM organisations WHERE code = 'THCS-BTR-NTDINH'`);
      expect(rows).toHaveLength(1);
    });

    it('a parent outside the subtree (SGD-HPG) is 403 OUT_OF_SCOPE', async () => {
      const res = await createOrg({
        code: 'THPT-HPG-MOI',
        name: 'Trường THPT Mới',
        kind: 'school',
        parentCode: 'SGD-HPG',
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      expect(await t.sql(`SELECT 1 FROM organisations WHERE code = 'THPT-HPG-MOI'`)).toHaveLength(0);
    });

    it('ORG-1: a provincial department under a school is 422 ORG_PARENT_KIND_INVALID', async () => {
      const res = await createOrg({
        code: 'SGD-BTR-2',
        name: 'Sở Giáo dục thứ hai',
        kind: 'provincialDepartment',
        parentCode: 'THPT-BTR-CHUYENBT',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ORG_PARENT_KIND_INVALID');
      expect(res.body.details.errors[0]).toMatchObject({
        field: 'parentCode',
        code: 'ORG_PARENT_KIND_INVALID',
      });
      expect(res.body.details.errors[0].message).toContain('provincialCommittee');
    });

    it('an unknown parent is 422 ORG_PARENT_NOT_FOUND', async () => {
      const res = await createOrg({
        code: 'THPT-BTR-MOI',
        name: 'Trường THPT Mới',
        kind: 'school',
        parentCode: 'XA-BTR-KHONGCO',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ORG_PARENT_NOT_FOUND');
      expect(res.body.details.errors[0]).toMatchObject({ field: 'parentCode', code: 'ORG_PARENT_NOT_FOUND' });
    });

    it('ORG-1/TIME-6: a parent abolished on 2025-07-01 (PGD-BTR-CHAUTHANH) is 422 ORG_INACTIVE', async () => {
      const res = await createOrg({
        code: 'THCS-BTR-CTMOI',
        name: 'Trường THCS Châu Thành Mới',
        kind: 'school',
        parentCode: 'PGD-BTR-CHAUTHANH',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ORG_INACTIVE');
      expect(res.body.message).toContain('2025-06-30');
      expect(await t.sql(`SELECT 1 FROM organisations WHERE code = 'THCS-BTR-CTMOI'`)).toHaveLength(0);
    });

    it('a registrar cannot create organisations (403 FORBIDDEN); bad fields are each named (400)', async () => {
      const res = await createOrg(
        { code: 'THPT-BTR-REG', name: 'Trường THPT Reg', kind: 'school', parentCode: 'SGD-BTR' },
        'btr.registrar',
      );
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await t.sql(`SELECT 1 FROM organisations WHERE code = 'THPT-BTR-REG'`)).toHaveLength(0);

      const bad = await createOrg({
        code: 'thpt lower',
        name: '',
        kind: 'village',
        parentCode: 'SGD-BTR',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const fields = new Set((bad.body.details.errors as { field: string }[]).map((e) => e.field));
      expect(fields).toEqual(new Set(['code', 'name', 'kind', 'extra']));
    });

    it('the audit log shows the creation with actor name, request id and client ip (btr.auditor)', async () => {
      const res = await t.http
        .get('/api/v1/audit')
        .query({ action: 'org.create', limit: 200 })
        .set(await t.auth('btr.auditor'));
      expect(res.status).toBe(200);
      const mine = (res.body.items as { targetId: string }[]).filter((e) => e.targetId === 'THCS-BTR-NTDINH');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        action: 'org.create',
        actorKind: 'user',
        actorName: 'btr.admin',
        targetType: 'organisation',
        outcome: 'success',
        requestId: REQUEST_ID,
        clientIp: expect.stringMatching(/127\.0\.0\.1|::1/),
        details: { kind: 'school', parentCode: 'XA-BTR-PHUTUC' },
      });
      // refused creations wrote nothing; Hải Phòng events are not shown to Bến Tre's auditor
      const targets = (res.body.items as { targetId: string }[]).map((e) => e.targetId);
      for (const code of [
        'THPT-HPG-MOI',
        'SGD-BTR-2',
        'THCS-BTR-CTMOI',
        'THPT-BTR-REG',
        'SGD-HPG',
        'THPT-HPG-TRANPHU',
      ]) {
        expect(targets).not.toContain(code);
      }
      expect(targets).toEqual(expect.arrayContaining(BTR_CODES));
    });
  });

  describe('POST /api/v1/orgs/:code/dissolution (ORG-1)', () => {
    it('set-up: a school to abolish', async () => {
      const res = await createOrg({
        code: 'THPT-BTR-TAMTHOI',
        name: 'Trường THPT Tạm Thời',
        nameEn: 'Temporary Upper Secondary School',
        kind: 'school',
        parentCode: 'SGD-BTR',
      });
      expect(res.status).toBe(201);
    });

    it('the successor must be another organisation, known and in scope', async () => {
      const self = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-09-01',
        successorCode: 'THPT-BTR-TAMTHOI',
        kind: 'merger',
      });
      expect(self.status).toBe(400);
      expect(self.body.details.errors[0]).toMatchObject({ field: 'successorCode' });

      const unknown = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-09-01',
        successorCode: 'THPT-BTR-KHONGCO',
        kind: 'merger',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ORG_NOT_FOUND');

      const foreign = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-09-01',
        successorCode: 'THPT-HPG-TRANPHU',
        kind: 'merger',
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('OUT_OF_SCOPE');

      const badDate = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-02-30',
        successorCode: 'THPT-BTR-CHUYENBT',
        kind: 'closure',
      });
      expect(badDate.status).toBe(400);
      expect(new Set((badDate.body.details.errors as { field: string }[]).map((e) => e.field))).toEqual(
        new Set(['effectiveOn', 'kind']),
      );

      const registrar = await dissolve(
        'THPT-BTR-TAMTHOI',
        { effectiveOn: '2026-09-01', successorCode: 'THPT-BTR-CHUYENBT', kind: 'merger' },
        'btr.registrar',
      );
      expect(registrar.status).toBe(403);

      const hpg = await dissolve(
        'THPT-BTR-TAMTHOI',
        { effectiveOn: '2026-09-01', successorCode: 'THPT-BTR-CHUYENBT', kind: 'merger' },
        'hpg.admin',
      );
      expect(hpg.status).toBe(403);
      expect(hpg.body.code).toBe('OUT_OF_SCOPE');

      const still = await getOrg('THPT-BTR-TAMTHOI', 'btr.admin');
      expect(still.body.validTo).toBeNull();
    });

    it('ORG-1: abolished with a successor, it stays readable with validTo the day before effectiveOn', async () => {
      const res = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-09-01',
        successorCode: 'THPT-BTR-CHUYENBT',
        kind: 'merger',
        legalBasis: 'Quyết định 45/QĐ-UBND ngày 15/08/2026',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: 'THPT-BTR-TAMTHOI',
        name: 'Trường THPT Tạm Thời',
        parentCode: 'SGD-BTR',
        validTo: '2026-08-31',
      });

      const read = await getOrg('THPT-BTR-TAMTHOI', 'btr.registrar');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ name: 'Trường THPT Tạm Thời', validTo: '2026-08-31' });

      const succession = await t.sql<{
        successor: string;
        kind: string;
        effective_on: string;
        legal_basis: string;
      }>(
        `SELECT s.code AS successor, os.kind, to_char(os.effective_on, 'YYYY-MM-DD') AS effective_on, os.legal_basis
           FROM organisation_successions os
           JOIN organisations p ON p.id = os.predecessor_id
           JOIN organisations s ON s.id = os.successor_id
          WHERE p.code = 'THPT-BTR-TAMTHOI'`,
      );
      expect(succession).toEqual([
        {
          successor: 'THPT-BTR-CHUYENBT',
          kind: 'merger',
          effective_on: '2026-09-01',
          legal_basis: 'Quyết định 45/QĐ-UBND ngày 15/08/2026',
        },
      ]);
    });

    it('ORG-1: dissolving twice is 422 ORG_INACTIVE; the row was never deleted', async () => {
      const again = await dissolve('THPT-BTR-TAMTHOI', {
        effectiveOn: '2026-10-01',
        successorCode: 'THPT-BTR-NDCHIEU',
        kind: 'merger',
      });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('ORG_INACTIVE');
      expect(again.body.message).toContain('2026-08-31');

      const rows = await t.sql<{ valid_to: string }>(
        `SELECT to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM organisations WHERE code = 'THPT-BTR-TAMTHOI'`,
      );
      expect(rows).toEqual([{ valid_to: '2026-08-31' }]);
      const successions = await t.sql(
        `SELECT 1 FROM organisation_successions os JOIN organisations p ON p.id = os.predecessor_id
          WHERE p.code = 'THPT-BTR-TAMTHOI'`,
      );
      expect(successions).toHaveLength(1);
      // the abolished school is still listed (never deleted)
      const list = await listAll('btr.admin', { kind: 'school' });
      expect(list.codes).toContain('THPT-BTR-TAMTHOI');
    });

    it('ORG-1: the dissolution is audited as org.dissolve', async () => {
      const res = await t.http
        .get('/api/v1/audit')
        .query({ action: 'org.dissolve', limit: 200 })
        .set(await t.auth('btr.auditor'));
      const mine = (res.body.items as { targetId: string }[]).filter(
        (e) => e.targetId === 'THPT-BTR-TAMTHOI',
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        actorName: 'btr.admin',
        details: { successorCode: 'THPT-BTR-CHUYENBT', kind: 'merger', effectiveOn: '2026-09-01' },
      });
    });

    it('ORG-1: abolition on the day an organisation starts (validTo before validFrom) is refused with a 4xx, not a 500', async () => {
      const created = await createOrg({
        code: 'THCS-BTR-MOCAY2',
        name: 'Trường THCS Mỏ Cày 2',
        kind: 'school',
        parentCode: 'XA-BTR-MOCAY',
        validFrom: '2026-09-01',
      });
      expect(created.status).toBe(201);
      const res = await dissolve('THCS-BTR-MOCAY2', {
        effectiveOn: '2026-09-01',
        successorCode: 'THCS-BTR-MOCAY',
        kind: 'merger',
      });
      expect([400, 422]).toContain(res.status);
      expect(['VALIDATION_FAILED', 'ORG_INACTIVE']).toContain(res.body.code);
      const read = await getOrg('THCS-BTR-MOCAY2', 'btr.admin');
      expect(read.body).toMatchObject({ validFrom: '2026-09-01', validTo: null });
    });
  });

  describe('custody (ARCHITECTURE §3, TIME-7/9, ORG-3)', () => {
    it('TIME-7: registers of a bureau-issued THCS diploma stay with the bureau on 2025-06-30', async () => {
      const res = await custody({
        issuerOrgCode: 'PGD-BTR-CHAUTHANH',
        credentialType: 'THCS',
        date: '2025-06-30',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        issuerOrgCode: 'PGD-BTR-CHAUTHANH',
        custodianOrgCode: 'PGD-BTR-CHAUTHANH',
        credentialType: 'THCS',
        date: '2025-06-30',
        basis: 'issuer',
        since: null,
        legalBasis: null,
      });
    });

    it('TIME-7: from 2025-07-01 the department holds bureau-issued THCS registers (basis rule)', async () => {
      for (const date of ['2025-07-01', '2026-06-01']) {
        const res = await custody({ issuerOrgCode: 'PGD-BTR-CHAUTHANH', credentialType: 'THCS', date });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          issuerOrgCode: 'PGD-BTR-CHAUTHANH',
          custodianOrgCode: 'SGD-BTR',
          credentialType: 'THCS',
          date,
          basis: 'rule',
          since: '2025-07-01',
          legalBasis: 'Thông tư 13/2025/TT-BGDĐT',
        });
      }
      // the rule resolves to the bureau's own department: Hải Phòng's bureau goes to SGD-HPG
      const hpg = await custody(
        { issuerOrgCode: 'PGD-HPG-LECHAN', credentialType: 'THCS', date: '2025-07-01' },
        'hpg.admin',
      );
      expect(hpg.body).toMatchObject({ custodianOrgCode: 'SGD-HPG', basis: 'rule' });
    });

    it('ORG-3: other registers of an abolished bureau follow its successor (basis successor)', async () => {
      const res = await custody({
        issuerOrgCode: 'PGD-BTR-MOCAYNAM',
        credentialType: 'CC',
        date: '2025-07-01',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        issuerOrgCode: 'PGD-BTR-MOCAYNAM',
        custodianOrgCode: 'SGD-BTR',
        basis: 'successor',
        since: '2025-07-01',
      });
      const before = await custody({
        issuerOrgCode: 'PGD-BTR-MOCAYNAM',
        credentialType: 'CC',
        date: '2025-06-30',
      });
      expect(before.body).toMatchObject({ custodianOrgCode: 'PGD-BTR-MOCAYNAM', basis: 'issuer' });
    });

    it('TIME-9: a commune holds its own THCS registers on 2026-01-01 (basis issuer)', async () => {
      const res = await custody({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        date: '2026-01-01',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ custodianOrgCode: 'XA-BTR-PHUTUC', basis: 'issuer', since: null });
    });

    it('TIME-8/TIME-9: a handover to the department from 2026-05-31 changes the custodian from that date', async () => {
      const ref = 'Biên bản bàn giao số 07/BB-UBND ngày 29/05/2026';
      const res = await assign({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
        transferRecordRef: ref,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
        transferRecordRef: ref,
      });

      const before = await custody({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        date: '2026-05-30',
      });
      expect(before.body).toMatchObject({ custodianOrgCode: 'XA-BTR-PHUTUC', basis: 'issuer' });

      for (const date of ['2026-05-31', '2026-06-01']) {
        const after = await custody({ issuerOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS', date });
        expect(after.body).toEqual({
          issuerOrgCode: 'XA-BTR-PHUTUC',
          custodianOrgCode: 'SGD-BTR',
          credentialType: 'THCS',
          date,
          basis: 'assignment',
          since: '2026-05-31',
          legalBasis: ref,
        });
      }
      // only THCS registers moved
      const cc = await custody({ issuerOrgCode: 'XA-BTR-PHUTUC', credentialType: 'CC', date: '2026-06-01' });
      expect(cc.body).toMatchObject({ custodianOrgCode: 'XA-BTR-PHUTUC', basis: 'issuer' });
    });

    it('TIME-9: assigning to the current custodian is 422 CUSTODY_INVALID', async () => {
      const again = await assign({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-07-01',
      });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('CUSTODY_INVALID');
      expect(again.body.details.errors[0]).toMatchObject({
        field: 'custodianOrgCode',
        code: 'ALREADY_CUSTODIAN',
      });

      const self = await assign({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'XA-BTR-PHUTUC',
        effectiveFrom: '2026-01-01',
      });
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('CUSTODY_INVALID');

      const rows = await t.sql(
        `SELECT 1 FROM custody_assignments c JOIN organisations o ON o.id = c.issuer_org_id WHERE o.code = 'XA-BTR-PHUTUC'`,
      );
      expect(rows).toHaveLength(1);
    });

    it('TIME-9: an abolished custodian, an unknown type or a bad date is refused', async () => {
      const abolished = await assign({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'THCS',
        custodianOrgCode: 'PGD-BTR-MOCAYNAM',
        effectiveFrom: '2026-01-01',
      });
      expect(abolished.status).toBe(422);
      expect(abolished.body.code).toBe('CUSTODY_INVALID');
      expect(abolished.body.details.errors[0]).toMatchObject({
        field: 'custodianOrgCode',
        code: 'ORG_INACTIVE',
      });

      const type = await assign({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'XYZ',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
      });
      expect(type.status).toBe(422);
      expect(type.body.code).toBe('CREDENTIAL_TYPE_UNKNOWN');

      const date = await assign({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-02-30',
      });
      expect(date.status).toBe(400);
      expect(date.body.details.errors[0].field).toBe('effectiveFrom');

      const unknownIssuer = await custody({
        issuerOrgCode: 'XA-BTR-KHONGCO',
        credentialType: 'THCS',
        date: '2026-01-01',
      });
      expect(unknownIssuer.status).toBe(404);
      expect(unknownIssuer.body.code).toBe('ORG_NOT_FOUND');
    });

    it('TIME-9: a second handover of the same registers on the same date is a 4xx conflict, not a 500', async () => {
      const first = await assign({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
        transferRecordRef: 'Biên bản 08/BB-UBND',
      });
      expect(first.status).toBe(201);
      const second = await assign({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'THCS',
        custodianOrgCode: 'THCS-BTR-MOCAY',
        effectiveFrom: '2026-05-31',
      });
      expect([409, 422]).toContain(second.status);
      expect(['CONFLICT', 'CUSTODY_INVALID']).toContain(second.body.code);
      const now = await custody({
        issuerOrgCode: 'XA-BTR-MOCAY',
        credentialType: 'THCS',
        date: '2026-06-01',
      });
      expect(now.body).toMatchObject({ custodianOrgCode: 'SGD-BTR', basis: 'assignment' });
    });

    it('scope: Hải Phòng cannot assign or read Bến Tre registers; a registrar reads but cannot assign', async () => {
      const hpgAssign = await assign(
        {
          issuerOrgCode: 'XA-BTR-PHUTUC',
          credentialType: 'THCS',
          custodianOrgCode: 'SGD-HPG',
          effectiveFrom: '2026-08-01',
        },
        'hpg.admin',
      );
      expect(hpgAssign.status).toBe(403);
      expect(hpgAssign.body.code).toBe('OUT_OF_SCOPE');

      // its own issuer, but a custodian in another province
      const hpgToBtr = await assign(
        {
          issuerOrgCode: 'PH-HPG-LECHAN',
          credentialType: 'THCS',
          custodianOrgCode: 'SGD-BTR',
          effectiveFrom: '2026-08-01',
        },
        'hpg.admin',
      );
      expect(hpgToBtr.status).toBe(403);
      expect(hpgToBtr.body.code).toBe('OUT_OF_SCOPE');

      const hpgRead = await custody(
        { issuerOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS', date: '2026-06-01' },
        'hpg.admin',
      );
      expect(hpgRead.status).toBe(403);
      expect(hpgRead.body.code).toBe('OUT_OF_SCOPE');
      expect(hpgRead.body).not.toHaveProperty('custodianOrgCode');

      const registrarRead = await custody(
        { issuerOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS', date: '2026-06-01' },
        'btr.registrar',
      );
      expect(registrarRead.body).toMatchObject({ custodianOrgCode: 'SGD-BTR', basis: 'assignment' });

      const registrarAssign = await assign(
        {
          issuerOrgCode: 'XA-BTR-MOCAY',
          credentialType: 'CC',
          custodianOrgCode: 'SGD-BTR',
          effectiveFrom: '2026-08-01',
        },
        'btr.registrar',
      );
      expect(registrarAssign.status).toBe(403);
      expect(registrarAssign.body.code).toBe('FORBIDDEN');

      const anon = await t.http
        .get('/api/v1/custody')
        .query({ issuerOrgCode: 'XA-BTR-PHUTUC', credentialType: 'THCS', date: '2026-06-01' });
      expect(anon.status).toBe(401);

      const rows = await t.sql(
        `SELECT 1 FROM custody_assignments c JOIN organisations o ON o.id = c.custodian_org_id WHERE o.code IN ('SGD-HPG', 'SGD-BTR') AND c.effective_from = '2026-08-01'`,
      );
      expect(rows).toHaveLength(0);
    });

    it('TIME-9: the handover is audited as custody.assign', async () => {
      const res = await t.http
        .get('/api/v1/audit')
        .query({ action: 'custody.assign' })
        .set(await t.auth('btr.auditor'));
      expect(res.status).toBe(200);
      const details = (res.body.items as { actorName: string; details: Record<string, unknown> }[]).map(
        (e) => [e.actorName, e.details.issuerOrgCode, e.details.custodianOrgCode, e.details.effectiveFrom],
      );
      expect(details).toEqual(
        expect.arrayContaining([['btr.admin', 'XA-BTR-PHUTUC', 'SGD-BTR', '2026-05-31']]),
      );
    });

    it('TIME-9: the custody_assignments table is append-only at the database level', async () => {
      await expect(t.sql(`UPDATE custody_assignments SET transfer_record_ref = 'edited'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.sql(`DELETE FROM custody_assignments`)).rejects.toThrow(/append-only/);
      const rows = await t.sql<{ ref: string }>(
        `SELECT c.transfer_record_ref AS ref FROM custody_assignments c
           JOIN organisations o ON o.id = c.issuer_org_id WHERE o.code = 'XA-BTR-PHUTUC'`,
      );
      expect(rows).toEqual([{ ref: 'Biên bản bàn giao số 07/BB-UBND ngày 29/05/2026' }]);
    });

    it('ORG-3: a dissolved issuer without a rule or assignment falls back to its successor (basis successor)', async () => {
      // THPT-BTR-TAMTHOI was merged into THPT-BTR-CHUYENBT from 2026-09-01 (see above)
      const before = await custody({
        issuerOrgCode: 'THPT-BTR-TAMTHOI',
        credentialType: 'THPT',
        date: '2026-08-31',
      });
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        custodianOrgCode: 'THPT-BTR-TAMTHOI',
        basis: 'issuer',
        since: null,
      });

      const after = await custody({
        issuerOrgCode: 'THPT-BTR-TAMTHOI',
        credentialType: 'THPT',
        date: '2026-09-01',
      });
      expect(after.body).toEqual({
        issuerOrgCode: 'THPT-BTR-TAMTHOI',
        custodianOrgCode: 'THPT-BTR-CHUYENBT',
        credentialType: 'THPT',
        date: '2026-09-01',
        basis: 'successor',
        since: '2026-09-01',
        legalBasis: 'Quyết định 45/QĐ-UBND ngày 15/08/2026',
      });
    });

    it('ORG-3/TIME-9: after two successive mergers the registers are with the body that still exists', async () => {
      for (const [code, name] of [
        ['THPT-BTR-CU', 'Trường THPT Cũ'],
        ['THPT-BTR-GIUA', 'Trường THPT Giữa'],
      ]) {
        const created = await createOrg({ code, name, kind: 'school', parentCode: 'SGD-BTR' });
        expect(created.status).toBe(201);
      }
      const first = await dissolve('THPT-BTR-CU', {
        effectiveOn: '2026-09-01',
        successorCode: 'THPT-BTR-GIUA',
        kind: 'merger',
      });
      expect(first.status).toBe(200);
      const second = await dissolve('THPT-BTR-GIUA', {
        effectiveOn: '2027-01-01',
        successorCode: 'THPT-BTR-NDCHIEU',
        kind: 'merger',
      });
      expect(second.status).toBe(200);

      const between = await custody({
        issuerOrgCode: 'THPT-BTR-CU',
        credentialType: 'THPT',
        date: '2026-10-01',
      });
      expect(between.body).toMatchObject({ custodianOrgCode: 'THPT-BTR-GIUA', basis: 'successor' });

      // THPT-BTR-GIUA no longer exists on 2027-02-01 (validTo 2026-12-31): its successor holds the registers
      const after = await custody({
        issuerOrgCode: 'THPT-BTR-CU',
        credentialType: 'THPT',
        date: '2027-02-01',
      });
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ custodianOrgCode: 'THPT-BTR-NDCHIEU', basis: 'successor' });
    });

    it('ORG-3: the successor school may read the registers it now holds, not those of before', async () => {
      const now = await custody(
        { issuerOrgCode: 'THPT-BTR-TAMTHOI', credentialType: 'THPT', date: '2026-10-01' },
        'thpt.chuyenbt',
      );
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({ custodianOrgCode: 'THPT-BTR-CHUYENBT', basis: 'successor' });

      const before = await custody(
        { issuerOrgCode: 'THPT-BTR-TAMTHOI', credentialType: 'THPT', date: '2026-08-31' },
        'thpt.chuyenbt',
      );
      expect(before.status).toBe(403);
      expect(before.body.code).toBe('OUT_OF_SCOPE');
    });
  });
});
