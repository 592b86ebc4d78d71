import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { listRoutes, type RouteInfo } from '../../src/common/auth/route-inventory';
import { hasPermission, ROLES, type Permission, type Role } from '../../src/common/auth/roles';
import { DEMO_USERS } from '../../seeds/demo-data';
import { createDecision, graduateRows, receiveBlanks, waitJob } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** Routes anyone may call. Adding one here is a deliberate, reviewed decision. */
const PUBLIC_ROUTES = [
  'GET /',
  'POST /tra-cuu',
  'GET /tra-cuu',
  'GET /v',
  'GET /cong-khai',
  'GET /huong-dan',
  'GET /assets/portal.css',
  'GET /assets/js/:file',
  'GET /api/v1/public/disclosures',
  'GET /api/v1/credential-types',
  'GET /health',
  'GET /metrics',
  'POST /api/v1/auth/login',
  'GET /api/v1/public/transparency/checkpoint',
  'GET /api/v1/public/transparency/checkpoints/:treeSize',
  'GET /api/v1/public/transparency/consistency',
  'GET /api/v1/public/transparency/inclusion',
  'GET /api/v1/public/transparency/keys',
  'GET /.well-known/vbcc/trust-list.json',
  'GET /api/v1/public/qr/:payload',
  'GET /api/v1/public/disclosures/revocations',
  'GET /api/v1/public/verify',
  'POST /api/v1/public/verify',
  'POST /api/v1/public/qr',
  'GET /api/v1/public/transparency/leaves',
  'POST /api/v1/public/transparency/cosignatures',
];

/** Sample values for path parameters, so every route can be called. */
const PARAMS: Record<string, string> = {
  code: 'SGD-BTR',
  username: 'btr.registrar',
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
};

const key = (r: RouteInfo) => `${r.method} ${r.path}`;
const fill = (path: string) => path.replace(/:(\w+)/g, (_m, p: string) => PARAMS[p] ?? 'x');

type Probe = (t: TestApp) => Promise<void>;

async function expectOutOfScope(res: { status: number; body: { code?: string } }): Promise<void> {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
}

/**
 * Subtree scoping, per route: a probe showing that a user cannot reach data outside its own
 * organisation's subtree, or the reason the route holds no organisation data. The test fails for a
 * route with neither, so every new route must say how it is scoped.
 */
const SCOPE: Record<string, Probe | { unscoped: string }> = {
  'GET /api/v1/audit': async (t) => {
    await t.token('hpg.registrar'); // writes an auth.login event in Hải Phòng's subtree
    const res = await t.http
      .get('/api/v1/audit?limit=200')
      .set(await t.auth('btr.auditor'))
      .expect(200);
    const names = (res.body.items as { actorName: string }[]).map((e) => e.actorName);
    expect(names).not.toContain('hpg.registrar');
    expect(names.length).toBeGreaterThan(0);
  },
  'GET /api/v1/orgs': async (t) => {
    const res = await t.http
      .get('/api/v1/orgs?limit=200')
      .set(await t.auth('thpt.chuyenbt'))
      .expect(200);
    expect((res.body.items as { code: string }[]).map((o) => o.code)).toEqual(['THPT-BTR-CHUYENBT']);
  },
  'GET /api/v1/orgs/:code': async (t) => {
    const school = await t.auth('thpt.chuyenbt');
    await t.http.get('/api/v1/orgs/THPT-BTR-CHUYENBT').set(school).expect(200);
    await expectOutOfScope(await t.http.get('/api/v1/orgs/THPT-BTR-NDCHIEU').set(school)); // another school
    await expectOutOfScope(await t.http.get('/api/v1/orgs/THPT-HPG-TRANPHU').set(school)); // another province
    await expectOutOfScope(await t.http.get('/api/v1/orgs/SGD-BTR').set(school)); // its own department
  },
  'POST /api/v1/orgs': async (t) => {
    const res = await t.http
      .post('/api/v1/orgs')
      .set(await t.auth('btr.admin'))
      .send({ code: 'THPT-HPG-NEW', name: 'Trường THPT Mới', kind: 'school', parentCode: 'SGD-HPG' });
    await expectOutOfScope(res);
  },
  'POST /api/v1/orgs/:code/dissolution': async (t) => {
    const res = await t.http
      .post('/api/v1/orgs/THPT-HPG-NGOQUYEN/dissolution')
      .set(await t.auth('btr.admin'))
      .send({ effectiveOn: '2026-01-01', successorCode: 'SGD-HPG', kind: 'merger' });
    await expectOutOfScope(res);
  },
  'GET /api/v1/auth/me': { unscoped: "returns only the caller's own identity" },
  'POST /api/v1/auth/password': { unscoped: "changes only the caller's own password" },
  'POST /api/v1/users': async (t) => {
    const res = await t.http
      .post('/api/v1/users')
      .set(await t.auth('btr.admin'))
      .send({
        username: 'hpg.intruder',
        password: 'abcdef-123456',
        orgCode: 'SGD-HPG',
        roles: ['registrar'],
      });
    await expectOutOfScope(res);
  },
  'GET /api/v1/users': async (t) => {
    const res = await t.http
      .get('/api/v1/users?limit=200')
      .set(await t.auth('btr.auditor'))
      .expect(200);
    const orgs = new Set((res.body.items as { orgCode: string }[]).map((u) => u.orgCode));
    expect([...orgs].every((c) => /BTR/.test(c))).toBe(true);
    expect(orgs.has('SGD-BTR')).toBe(true);
  },
  'GET /api/v1/users/:username': async (t) => {
    await expectOutOfScope(await t.http.get('/api/v1/users/hpg.admin').set(await t.auth('btr.auditor')));
  },
  'POST /api/v1/users/:username/unlock': async (t) => {
    await expectOutOfScope(
      await t.http.post('/api/v1/users/hpg.registrar/unlock').set(await t.auth('btr.admin')),
    );
  },
  'POST /api/v1/users/:username/disable': async (t) => {
    await expectOutOfScope(
      await t.http.post('/api/v1/users/hpg.registrar/disable').set(await t.auth('btr.admin')),
    );
  },
  'POST /api/v1/users/:username/enable': async (t) => {
    await expectOutOfScope(
      await t.http.post('/api/v1/users/hpg.registrar/enable').set(await t.auth('btr.admin')),
    );
  },
  'POST /api/v1/api-keys': async (t) => {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set(await t.auth('btr.admin'))
      .send({ name: 'x', orgCode: 'SGD-HPG', roles: ['sync'] });
    await expectOutOfScope(res);
  },
  'GET /api/v1/api-keys': async (t) => {
    await t.http
      .post('/api/v1/api-keys')
      .set(await t.auth('hpg.admin'))
      .send({ name: 'hpg key', roles: ['sync'] })
      .expect(201);
    const res = await t.http
      .get('/api/v1/api-keys')
      .set(await t.auth('btr.admin'))
      .expect(200);
    expect((res.body.items as { orgCode: string }[]).some((k) => k.orgCode === 'SGD-HPG')).toBe(false);
  },
  'POST /api/v1/api-keys/:id/revoke': async (t) => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set(await t.auth('hpg.admin'))
      .send({ name: 'hpg key 2', roles: ['sync'] })
      .expect(201);
    await expectOutOfScope(
      await t.http.post(`/api/v1/api-keys/${created.body.id}/revoke`).set(await t.auth('btr.admin')),
    );
  },
  'GET /api/v1/rulebook/authority': {
    unscoped: 'answers what the law says; no organisation data is disclosed',
  },
  'GET /api/v1/rulebook/settings': { unscoped: 'settings are rules, published to every signed-in user' },
  'GET /api/v1/rulebook/calendar': { unscoped: 'the national working-day calendar is public knowledge' },
  'POST /api/v1/rulebook/settings': async (t) => {
    const res = await t.http
      .post('/api/v1/rulebook/settings')
      .set(await t.auth('btr.admin'))
      .send({ key: 'copy.fee', value: 10000, legalBasis: 'test', scopeOrgCode: 'SGD-HPG' });
    await expectOutOfScope(res);
  },
  'POST /api/v1/rulebook/calendar-days': async (t) => {
    const res = await t.http
      .post('/api/v1/rulebook/calendar-days')
      .set(await t.auth('btr.admin'))
      .send({ day: '2030-01-01', kind: 'holiday', nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  },
  'POST /api/v1/blanks/receipts': async (t) => {
    const res = await t.http
      .post('/api/v1/blanks/receipts')
      .set(await t.auth('btr.registrar'))
      .send({
        orgCode: 'SGD-HPG',
        credentialType: 'THPT',
        serialPrefix: 'HP',
        from: 1,
        to: 10,
        receivedFrom: 'x',
        documentRef: 'x',
        receivedOn: '2026-01-05',
      });
    await expectOutOfScope(res);
  },
  'POST /api/v1/blanks/transfers': async (t) => {
    const res = await t.http
      .post('/api/v1/blanks/transfers')
      .set(await t.auth('btr.registrar'))
      .send({
        fromOrgCode: 'SGD-HPG',
        toOrgCode: 'THPT-HPG-TRANPHU',
        credentialType: 'THPT',
        serials: ['HP0000001'],
      });
    await expectOutOfScope(res);
  },
  'POST /api/v1/blanks/spoilages': async (t) => {
    await receiveHaiPhongBlanks(t);
    const res = await t.http
      .post('/api/v1/blanks/spoilages')
      .set(await t.auth('btr.registrar'))
      .send({ serials: ['HQ0000001'], reason: 'damaged' });
    expect({ code: res.body.code, holder: res.body.details.serials[0].holderOrgCode }).toEqual({
      code: 'BLANK_NOT_HELD',
      holder: 'SGD-HPG',
    });
  },
  'POST /api/v1/blanks/destructions': async (t) => {
    await receiveHaiPhongBlanks(t);
    const res = await t.http
      .post('/api/v1/blanks/destructions')
      .set(await t.auth('btr.registrar'))
      .send({
        serials: ['HQ0000002'],
        recordNo: '1',
        councilMembers: [
          { name: 'A', title: 'B', role: 'C' },
          { name: 'D', title: 'E', role: 'F' },
        ],
        method: 'x',
        destroyedOn: '2026-01-05',
      });
    expect(res.body.code).toBe('BLANK_NOT_HELD');
  },
  'POST /api/v1/blanks/losses': async (t) => {
    await receiveHaiPhongBlanks(t);
    const res = await t.http
      .post('/api/v1/blanks/losses')
      .set(await t.auth('btr.registrar'))
      .send({ serials: ['HQ0000003'], policeReportRef: 'x', reportedOn: '2026-01-05' });
    expect(res.body.code).toBe('BLANK_NOT_HELD');
  },
  'GET /api/v1/blanks/stock': async (t) => {
    await expectOutOfScope(
      await t.http.get('/api/v1/blanks/stock?orgCode=SGD-HPG').set(await t.auth('btr.registrar')),
    );
  },
  'GET /api/v1/blanks/reconciliation': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/blanks/reconciliation?orgCode=SGD-HPG&year=2026')
        .set(await t.auth('btr.auditor')),
    );
  },
  'GET /api/v1/blanks/:serialNumber': async (t) => {
    await receiveHaiPhongBlanks(t);
    await expectOutOfScope(await t.http.get('/api/v1/blanks/HQ0000004').set(await t.auth('btr.auditor')));
  },
  'POST /api/v1/graduation-decisions': async (t) => {
    const res = await t.http
      .post('/api/v1/graduation-decisions')
      .set(await t.auth('btr.registrar'))
      .send({
        decisionNo: '9/QĐ',
        decidedOn: '2025-07-20',
        credentialType: 'THPT',
        schoolCode: 'THPT-HPG-TRANPHU',
        graduationYear: 2025,
        studyMode: 'regular',
        signerName: 'A',
        signerTitle: 'B',
      });
    await expectOutOfScope(res);
  },
  'GET /api/v1/graduation-decisions': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/graduation-decisions?schoolCode=THPT-HPG-TRANPHU')
        .set(await t.auth('btr.registrar')),
    );
  },
  'GET /api/v1/graduation-decisions/import-template': { unscoped: 'a blank template, the same for everyone' },
  'GET /api/v1/graduation-decisions/:id': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/graduation-decisions/${hp.decisionId}`).set(await t.auth('btr.registrar')),
    );
  },
  'POST /api/v1/graduation-decisions/:id/graduates': async (t) => {
    const hp = await haiPhongIssued(t);
    const res = await t.http
      .post(`/api/v1/graduation-decisions/${hp.draftId}/graduates`)
      .set(await t.auth('btr.registrar'))
      .send({ graduates: graduateRows(1, 50) });
    await expectOutOfScope(res);
  },
  'POST /api/v1/graduation-decisions/:id/issue': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/graduation-decisions/${hp.draftId}/issue`)
        .set(await t.auth('btr.signer'))
        .send({ issuedOn: '2025-08-10' }),
    );
  },
  'GET /api/v1/jobs/:id': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(await t.http.get(`/api/v1/jobs/${hp.jobId}`).set(await t.auth('btr.signer')));
  },
  'GET /api/v1/diplomas': async (t) => {
    const hp = await haiPhongIssued(t);
    const res = await t.http
      .get(`/api/v1/diplomas?decisionId=${hp.decisionId}`)
      .set(await t.auth('btr.registrar'))
      .expect(200);
    expect({ total: res.body.total, items: res.body.items }).toEqual({ total: 0, items: [] });
  },
  'GET /api/v1/diplomas/:id': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/diplomas/${hp.diplomaId}`).set(await t.auth('thpt.chuyenbt')),
    );
  },
  'POST /api/v1/diplomas/:id/handover': async (t) => {
    const hp = await haiPhongIssued(t);
    const res = await t.http
      .post(`/api/v1/diplomas/${hp.diplomaId}/handover`)
      .set(await t.auth('btr.registrar'))
      .send({
        receivedOn: '2025-09-01',
        receiverName: 'X',
        receiverPersonalIdNumber: '031207001234',
        relationship: 'self',
      });
    await expectOutOfScope(res);
  },
  'GET /api/v1/register-books': async (t) => {
    await expectOutOfScope(
      await t.http.get('/api/v1/register-books?custodianOrgCode=SGD-HPG').set(await t.auth('btr.registrar')),
    );
  },
  'GET /api/v1/register-books/unclaimed': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/register-books/unclaimed?schoolCode=THPT-HPG-TRANPHU&year=2025')
        .set(await t.auth('btr.registrar')),
    );
  },
  'GET /api/v1/register-books/:id': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/register-books/${hp.bookId}`).set(await t.auth('btr.registrar')),
    );
  },
  'POST /api/v1/diplomas/:id/revocations': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${hp.diplomaId}/revocations`)
        .set(await t.auth('btr.registrar'))
        .send({ ground: 'fraud', decisionNo: '1/QĐ', decidedOn: '2026-03-02' }),
    );
  },
  'POST /api/v1/diplomas/:id/copies': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${hp.diplomaId}/copies`)
        .set(await t.auth('btr.registrar'))
        .send(copyRequestBody),
    );
  },
  'GET /api/v1/copies/:id/pdf': async (t) => {
    const copyId = await haiPhongCopy(t);
    await t.http
      .get(`/api/v1/copies/${copyId}/pdf`)
      .set(await t.auth('hpg.registrar'))
      .expect(200);
    await expectOutOfScope(await t.http.get(`/api/v1/copies/${copyId}/pdf`).set(await t.auth('btr.auditor')));
  },
  'GET /api/v1/copy-registers': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/copy-registers?custodianOrgCode=SGD-HPG&credentialType=THPT&year=2026')
        .set(await t.auth('btr.registrar')),
    );
  },
  'POST /api/v1/diplomas/:id/corrections': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${hp.diplomaId}/corrections`)
        .set(await t.auth('btr.registrar'))
        .send({
          ground: 'civilStatusChange',
          decisionNo: '1/QĐ',
          decidedOn: '2026-03-02',
          evidenceRef: 'TL 1',
          changes: { fullName: 'Nguyễn Văn Khác' },
        }),
    );
  },
  'POST /api/v1/diplomas/:id/reissues': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${hp.diplomaId}/reissues`)
        .set(await t.auth('btr.registrar'))
        .send({ decisionNo: '1/QĐ', decidedOn: '2026-03-02', reason: 'Lỗi' }),
    );
  },
  'GET /api/v1/register-appendix': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/register-appendix?custodianOrgCode=SGD-HPG&credentialType=THPT&year=2026')
        .set(await t.auth('btr.registrar')),
    );
  },
  'POST /api/v1/copy-refusals': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post('/api/v1/copy-refusals')
        .set(await t.auth('btr.registrar'))
        .send({
          reason: 'notEligible',
          diplomaId: hp.diplomaId,
          requested: { fullName: 'Nguyễn Văn A', dateOfBirth: '2007-01-01' },
          requesterName: 'Nguyễn Văn B',
          requesterPersonalIdNumber: '083207001234',
          receivedAt: '2026-11-27T09:30:00+07:00',
          signerName: 'Bùi Thị Thu Trang',
          signerTitle: 'Giám đốc',
        }),
    );
  },
  'GET /api/v1/copy-refusals/:id/pdf': async (t) => {
    const res = await t.http
      .post('/api/v1/copy-refusals')
      .set(await t.auth('hpg.registrar'))
      .send({
        reason: 'noRegister',
        requested: { fullName: 'Nguyễn Văn A', dateOfBirth: '2007-01-01' },
        requesterName: 'Nguyễn Văn B',
        requesterPersonalIdNumber: '083207001234',
        receivedAt: '2026-11-27T09:30:00+07:00',
        signerName: 'Bùi Thị Thu Trang',
        signerTitle: 'Giám đốc',
      })
      .expect(201);
    await expectOutOfScope(
      await t.http.get(`/api/v1/copy-refusals/${res.body.id}/pdf`).set(await t.auth('btr.registrar')),
    );
  },
  'GET /api/v1/diplomas/:id/pdf': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/diplomas/${hp.diplomaId}/pdf?mode=preview`).set(await t.auth('btr.printer')),
    );
  },
  'POST /api/v1/diplomas/:id/misprints': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/diplomas/${hp.diplomaId}/misprints`)
        .set(await t.auth('btr.printer'))
        .send({ serialNumber: 'HR0000001' }),
    );
  },
  'POST /api/v1/print-jobs': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post('/api/v1/print-jobs')
        .set(await t.auth('btr.printer'))
        .send({ decisionId: hp.decisionId, mode: 'preview' }),
    );
  },
  'GET /api/v1/print-jobs/:id/pdf': async (t) => {
    const hp = await haiPhongIssued(t);
    await t.http
      .post('/api/v1/users')
      .set(await t.auth('hpg.admin'))
      .send({ username: 'hpg.printer', password: DEMO_PASSWORD, orgCode: 'SGD-HPG', roles: ['printer'] })
      .expect(201);
    const job = await t.http
      .post('/api/v1/print-jobs')
      .set(await t.auth('hpg.printer'))
      .send({ decisionId: hp.decisionId, mode: 'preview' })
      .expect(202);
    expect((await waitJob(t, 'hpg.printer', job.body.id)).state).toBe('succeeded');
    await expectOutOfScope(
      await t.http.get(`/api/v1/print-jobs/${job.body.id}/pdf`).set(await t.auth('btr.printer')),
    );
  },
  'GET /api/v1/print-calibrations': async (t) => {
    await expectOutOfScope(
      await t.http.get('/api/v1/print-calibrations?orgCode=SGD-HPG').set(await t.auth('btr.printer')),
    );
  },
  'GET /api/v1/print-calibrations/:name': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/print-calibrations/may-in-1?orgCode=SGD-HPG')
        .set(await t.auth('btr.printer')),
    );
  },
  'PUT /api/v1/print-calibrations/:name': async (t) => {
    await expectOutOfScope(
      await t.http
        .put('/api/v1/print-calibrations/may-in-1')
        .set(await t.auth('btr.printer'))
        .send({ offsetXmm: 1, offsetYmm: 1, scale: 1, orgCode: 'SGD-HPG' }),
    );
  },
  'GET /api/v1/print-calibrations/:name/test-page': async (t) => {
    await expectOutOfScope(
      await t.http
        .get('/api/v1/print-calibrations/may-in-1/test-page?orgCode=SGD-HPG')
        .set(await t.auth('btr.printer')),
    );
  },
  'GET /api/v1/register-books/:id/pdf': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/register-books/${hp.bookId}/pdf`).set(await t.auth('btr.auditor')),
    );
  },
  'GET /api/v1/register-books/:id/xlsx': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http.get(`/api/v1/register-books/${hp.bookId}/xlsx`).set(await t.auth('btr.auditor')),
    );
  },
  'POST /api/v1/register-books/:id/close': async (t) => {
    const hp = await haiPhongIssued(t);
    await expectOutOfScope(
      await t.http
        .post(`/api/v1/register-books/${hp.bookId}/close`)
        .set(await t.auth('btr.signer'))
        .send({ signerName: 'A', signerTitle: 'B' }),
    );
  },
  'POST /api/v1/register-books/custody-transfers': async (t) => {
    const res = await t.http
      .post('/api/v1/register-books/custody-transfers')
      .set(await t.auth('btr.admin'))
      .send({
        issuerOrgCode: 'SGD-HPG',
        credentialType: 'THPT',
        toOrgCode: 'SGD-BTR',
        effectiveOn: '2026-06-01',
        handoverRecordNo: '1',
        handoverRecordDate: '2026-05-30',
      });
    await expectOutOfScope(res);
  },
  'GET /api/v1/custody': async (t) => {
    const res = await t.http
      .get('/api/v1/custody?issuerOrgCode=PGD-BTR-CHAUTHANH&credentialType=THCS&date=2025-08-01')
      .set(await t.auth('hpg.registrar'));
    await expectOutOfScope(res);
  },
  'GET /api/v1/forgery-signals': async (t) => {
    // a Hải Phòng diploma looked up with another name is Hải Phòng's signal, not Bến Tre's
    const hp = await haiPhongIssued(t);
    const [{ serial_number: serialNumber }] = await t.sql<{ serial_number: string }>(
      `SELECT serial_number FROM register_entries WHERE id = $1`,
      [hp.diplomaId],
    );
    await t.http
      .get('/api/v1/public/verify')
      .query({ serialNumber, fullName: 'Không Phải Tên', dateOfBirth: '2007-01-01' })
      .expect(200);
    const query = { caseNumber: '1/CS-2026', purpose: 'Kiểm tra phạm vi truy cập', serialNumber };
    const police = await t.http
      .get('/api/v1/forgery-signals')
      .query(query)
      .set(await t.auth('btr.police'));
    expect({ status: police.status, items: police.body.items }).toEqual({ status: 200, items: [] });
    const ministry = await t.http
      .get('/api/v1/forgery-signals')
      .query(query)
      .set(await t.auth('bo.auditor'));
    expect(ministry.body.items).toEqual([
      expect.objectContaining({ orgCode: 'SGD-HPG', kind: 'dataMismatch' }),
    ]);
  },
  'POST /api/v1/custody/assignments': async (t) => {
    const res = await t.http
      .post('/api/v1/custody/assignments')
      .set(await t.auth('hpg.admin'))
      .send({
        issuerOrgCode: 'XA-BTR-PHUTUC',
        credentialType: 'THCS',
        custodianOrgCode: 'SGD-BTR',
        effectiveFrom: '2026-05-31',
      });
    await expectOutOfScope(res);
  },
};

let haiPhong: Promise<{
  decisionId: string;
  draftId: string;
  jobId: string;
  diplomaId: string;
  bookId: string;
}> | null = null;
/** Once per run: Hải Phòng issues a THPT decision of two graduates (and keeps a draft one). */
function haiPhongIssued(t: TestApp) {
  haiPhong ??= (async () => {
    await receiveBlanks(t, 'hpg.registrar', 'THPT', 'HR', 1, 10);
    const decisionId = await createDecision(t, 'hpg.registrar', {
      decisionNo: '77/QĐ-SGDĐT',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-HPG-TRANPHU',
      graduationYear: 2025,
    });
    const draftId = await createDecision(t, 'hpg.registrar', {
      decisionNo: '78/QĐ-SGDĐT',
      decidedOn: '2025-07-20',
      credentialType: 'THPT',
      schoolCode: 'THPT-HPG-NGOQUYEN',
      graduationYear: 2025,
    });
    await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
      .set(await t.auth('hpg.registrar'))
      .send({ graduates: graduateRows(2, 40) })
      .expect(200);
    await t.http
      .post(`/api/v1/graduation-decisions/${draftId}/graduates`)
      .set(await t.auth('hpg.registrar'))
      .send({ graduates: graduateRows(1, 41) })
      .expect(200);
    const job = await t.http
      .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
      .set(await t.auth('hpg.signer'))
      .send({ issuedOn: '2025-08-10' })
      .expect(202);
    const done = await waitJob(t, 'hpg.signer', job.body.id);
    const diploma = (
      await t.http
        .get(`/api/v1/diplomas?decisionId=${decisionId}`)
        .set(await t.auth('hpg.registrar'))
        .expect(200)
    ).body.items[0];
    return {
      decisionId,
      draftId,
      jobId: job.body.id as string,
      diplomaId: diploma.id as string,
      bookId: done.result.registerBookId as string,
    };
  })();
  return haiPhong;
}

const copyRequestBody = {
  requesterName: 'Nguyễn Văn Nhận',
  requesterPersonalIdNumber: '031207001234',
  relationship: 'holder',
  quantity: 1,
  receivedAt: '2026-03-02T09:00:00+07:00',
  signerName: 'Phạm Văn Hải',
  signerTitle: 'GIÁM ĐỐC',
};
let haiPhongCopyId: Promise<string> | null = null;
/** Once per run: Hải Phòng's department, the register's custodian, issues a copy of its diploma. */
function haiPhongCopy(t: TestApp): Promise<string> {
  haiPhongCopyId ??= (async () => {
    const hp = await haiPhongIssued(t);
    const res = await t.http
      .post(`/api/v1/diplomas/${hp.diplomaId}/copies`)
      .set(await t.auth('hpg.registrar'))
      .send(copyRequestBody)
      .expect(201);
    return res.body.copies[0].id as string;
  })();
  return haiPhongCopyId;
}

let haiPhongBlanks: Promise<unknown> | null = null;
/** Once per run: Hải Phòng receives a few THPT blanks (HQ0000001–HQ0000010) for the scope probes. */
function receiveHaiPhongBlanks(t: TestApp): Promise<unknown> {
  haiPhongBlanks ??= (async () =>
    t.http
      .post('/api/v1/blanks/receipts')
      .set(await t.auth('hpg.registrar'))
      .send({
        credentialType: 'THPT',
        serialPrefix: 'HQ',
        from: 1,
        to: 10,
        receivedFrom: 'VN-NARIC',
        documentRef: 'PX 1',
        receivedOn: '2026-01-05',
      })
      .expect(201))();
  return haiPhongBlanks;
}

/** A demo user whose roles lack the permission, if any role lacks it. */
function userWithout(permission: Permission): string | null {
  const lacking = ROLES.filter((r) => !hasPermission([r], permission));
  const u = DEMO_USERS.find((d) => d.roles.every((r: Role) => lacking.includes(r)));
  return u?.username ?? null;
}

describe('access control on every route (ARCHITECTURE §4)', () => {
  let t: TestApp;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.running.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes of every module', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(key)).toEqual(
      expect.arrayContaining(['GET /api/v1/orgs/:code', 'POST /api/v1/auth/login', 'GET /api/v1/audit']),
    );
  });

  it('every route declares @Public() or a permission', () => {
    expect(routes.filter((r) => r.access.kind === 'undeclared').map(key)).toEqual([]);
  });

  it('only the reviewed routes are public', () => {
    expect(
      routes
        .filter((r) => r.access.kind === 'public')
        .map(key)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('without credentials every non-public route answers 401 AUTH_REQUIRED', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.access.kind !== 'public')) {
      const res = await t.http[r.method.toLowerCase() as 'get'](fill(r.path)).send({});
      if (res.status !== 401 || res.body.code !== 'AUTH_REQUIRED')
        failures.push(`${key(r)} → ${res.status} ${res.body.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('a garbage bearer token and a garbage API key are refused with 401 on every non-public route', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.access.kind !== 'public')) {
      const call = () => t.http[r.method.toLowerCase() as 'get'](fill(r.path));
      const a = await call().set('Authorization', 'Bearer not.a.token').send({});
      const b = await call()
        .set('X-Api-Key', 'vbcc_000000000000_' + 'A'.repeat(43))
        .send({});
      if (a.status !== 401 || a.body.code !== 'TOKEN_INVALID')
        failures.push(`${key(r)} bearer → ${a.status} ${a.body.code}`);
      if (b.status !== 401 || b.body.code !== 'API_KEY_INVALID')
        failures.push(`${key(r)} key → ${b.status} ${b.body.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('with a role that lacks the permission every route answers 403 FORBIDDEN', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.access.kind !== 'permission') continue;
      const username = userWithout(r.access.permission);
      if (!username) continue; // every role holds it (e.g. self.read)
      checked++;
      const res = await t.http[r.method.toLowerCase() as 'get'](fill(r.path))
        .set(await t.auth(username))
        .send({});
      if (res.status !== 403 || res.body.code !== 'FORBIDDEN')
        failures.push(`${key(r)} as ${username} → ${res.status} ${res.body.code}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('every non-public route has a subtree-scope probe or a stated reason', () => {
    const missing = routes.filter((r) => r.access.kind !== 'public' && !(key(r) in SCOPE)).map(key);
    expect(missing).toEqual([]);
    const stale = Object.keys(SCOPE).filter((k) => !routes.some((r) => key(r) === k));
    expect(stale).toEqual([]);
  });

  it.each(Object.entries(SCOPE).filter(([, v]) => typeof v === 'function'))(
    'scope: %s stays inside the caller’s subtree',
    async (_k, probe) => {
      await (probe as Probe)(t);
    },
  );
});
