import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The rulebook API (TIME-*, ORG-2, ISSUE-3/4, RULES §16) on the demo data: who may issue a credential
 * type for an organisation on a date, the issuance deadline, the effective-dated settings and the
 * working-day calendar.
 */
describe('rulebook', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ template: 'demo' });
  });

  afterAll(async () => {
    await t.close();
  });

  const BUREAU_HEAD = {
    orgKind: 'districtBureau',
    signerRole: 'bureauHead',
    signerTitleVi: 'TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO',
    signerTitleEn: 'Head of the District Bureau of Education and Training',
  };
  const COMMUNE_CHAIR = {
    orgKind: 'communeCommittee',
    signerRole: 'communeChair',
    signerTitleVi: 'CHỦ TỊCH ỦY BAN NHÂN DÂN',
    signerTitleEn: "Chair of the Commune People's Committee",
  };
  const DIRECTOR = {
    orgKind: 'provincialDepartment',
    signerRole: 'departmentDirector',
    signerTitleVi: 'GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    signerTitleEn: 'Director of the Department of Education and Training',
  };
  const PRINCIPAL = {
    orgKind: 'school',
    signerRole: 'principal',
    signerTitleVi: 'HIỆU TRƯỞNG',
    signerTitleEn: 'Principal',
  };
  const THCS_NOTE_VI =
    'Từ 15/04/2026 không cấp bằng tốt nghiệp THCS; hiệu trưởng xác nhận hoàn thành chương trình THCS trong học bạ.';

  interface CredentialTypeItem {
    code: string;
    kind: string;
    nameVi: string;
    nameEn: string;
    usesBlanks: boolean;
    ruleSets: { ruleSet: string; validFrom: string | null; validTo: string | null }[];
    authority: { validFrom: string | null; validTo: string | null; issuers: unknown[] }[];
  }

  async function authority(
    query: { credentialType?: string; orgCode?: string; date?: string; medium?: string },
    user = 'btr.registrar',
  ): Promise<Response> {
    return t.http
      .get('/api/v1/rulebook/authority')
      .query(query)
      .set(await t.auth(user));
  }

  async function setting(query: { key: string; date: string; orgCode?: string }, user = 'btr.registrar') {
    return t.http
      .get('/api/v1/rulebook/settings')
      .query(query)
      .set(await t.auth(user));
  }

  async function orgId(code: string): Promise<string> {
    const rows = await t.sql<{ id: string }>('SELECT id FROM organisations WHERE code = $1', [code]);
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  describe('GET /api/v1/rulebook/authority', () => {
    describe('THCS (lower secondary diploma)', () => {
      it('ORG-2/ISSUE-3: on 2025-06-30 the district bureau may issue, its head signs, 75 calendar days', async () => {
        const res = await authority({
          credentialType: 'THCS',
          orgCode: 'PGD-BTR-CHAUTHANH',
          date: '2025-06-30',
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          credentialType: 'THCS',
          date: '2025-06-30',
          orgCode: 'PGD-BTR-CHAUTHANH',
          ruleSet: 'TT21_2019',
          allowed: true,
          issuers: [BUREAU_HEAD],
          signer: BUREAU_HEAD,
          reviewFlag: null,
          legalBasis: 'TT21/2019 Art. 15',
        });
        expect(res.body.reasonVi).toContain('TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO');
        expect(res.body.deadline).toEqual({
          medium: 'paper',
          days: 75,
          unit: 'calendarDays',
          from: 'decisionDate',
          startDate: '2025-06-30',
          dueDate: '2025-09-13',
          legalBasis: 'TT21/2019 Art. 17',
          rules: 'ISSUE-3',
        });
      });

      it('ORG-2/TIME-6: on 2025-06-30 a commune may not issue (only the bureau is named)', async () => {
        const res = await authority({ credentialType: 'THCS', orgCode: 'XA-BTR-PHUTUC', date: '2025-06-30' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          orgCode: 'XA-BTR-PHUTUC',
          ruleSet: 'TT21_2019',
          allowed: false,
          signer: null,
          issuers: [BUREAU_HEAD],
        });
        expect(res.body.reasonEn).toContain('districtBureau');
        expect(res.body.deadline).toMatchObject({ days: 75, dueDate: '2025-09-13' });
      });

      it('ORG-2/TIME-6: THCS on 2025-07-01 is signed by the commune chair; the bureau may no longer issue', async () => {
        const commune = await authority({
          credentialType: 'THCS',
          orgCode: 'XA-BTR-PHUTUC',
          date: '2025-07-01',
        });
        expect(commune.status).toBe(200);
        expect(commune.body).toMatchObject({
          ruleSet: 'TT21_2019',
          allowed: true,
          issuers: [COMMUNE_CHAIR],
          signer: COMMUNE_CHAIR,
          legalBasis: 'Thông tư 13/2025/TT-BGDĐT',
        });
        expect(commune.body.reasonVi).toBe(
          'CHỦ TỊCH ỦY BAN NHÂN DÂN ký cấp Bằng tốt nghiệp trung học cơ sở.',
        );
        // ISSUE-3: 75 calendar days from the decision date
        expect(commune.body.deadline).toMatchObject({
          days: 75,
          startDate: '2025-07-01',
          dueDate: '2025-09-14',
        });

        const bureau = await authority({
          credentialType: 'THCS',
          orgCode: 'PGD-BTR-CHAUTHANH',
          date: '2025-07-01',
        });
        expect(bureau.status).toBe(200);
        expect(bureau.body).toMatchObject({ allowed: false, signer: null, issuers: [COMMUNE_CHAIR] });
      });

      it('ORG-2/TIME-6: THCS on 2026-04-14 (last day of TT21) is still the commune chair, 75 days', async () => {
        const commune = await authority({
          credentialType: 'THCS',
          orgCode: 'XA-BTR-PHUTUC',
          date: '2026-04-14',
        });
        expect(commune.status).toBe(200);
        expect(commune.body).toMatchObject({ ruleSet: 'TT21_2019', allowed: true, signer: COMMUNE_CHAIR });
        expect(commune.body.deadline).toMatchObject({ days: 75, dueDate: '2026-06-28' });

        const bureau = await authority({
          credentialType: 'THCS',
          orgCode: 'PGD-BTR-CHAUTHANH',
          date: '2026-04-14',
        });
        expect(bureau.body).toMatchObject({ allowed: false, signer: null });
      });

      it('ISSUE-3: the digital medium of a THCS diploma has the same 75-day deadline', async () => {
        const res = await authority({
          credentialType: 'THCS',
          orgCode: 'XA-BTR-PHUTUC',
          date: '2025-08-01',
          medium: 'digital',
        });
        expect(res.status).toBe(200);
        expect(res.body.deadline).toMatchObject({ medium: 'digital', days: 75, dueDate: '2025-10-15' });
      });

      it('TIME-8: from 2026-04-15 nobody may issue a THCS diploma, and there is no deadline', async () => {
        for (const orgCode of ['XA-BTR-PHUTUC', 'PGD-BTR-CHAUTHANH', 'SGD-BTR', 'THCS-BTR-PHUTUC']) {
          const res = await authority({ credentialType: 'THCS', orgCode, date: '2026-04-15' });
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({
            orgCode,
            ruleSet: 'TT10_2026',
            allowed: false,
            issuers: [],
            signer: null,
            deadline: null,
            rules: 'TIME-8, CERT-7',
          });
          expect(res.body.reasonVi).toBe(THCS_NOTE_VI);
          expect(res.body.reasonEn).toMatch(/no lower secondary diploma is issued/);
        }
      });

      it('TIME-8: without an organisation the answer lists the issuing bodies of the date', async () => {
        const res = await authority({ credentialType: 'THCS', date: '2025-07-01' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          orgCode: null,
          allowed: false,
          signer: null,
          issuers: [COMMUNE_CHAIR],
        });
      });
    });

    describe('THPT (upper secondary diploma)', () => {
      it('ORG-2/TIME-11: on 2026-04-14 the department director signs; a school may not issue', async () => {
        const sgd = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date: '2026-04-14' });
        expect(sgd.status).toBe(200);
        expect(sgd.body).toMatchObject({
          credentialType: 'THPT',
          ruleSet: 'TT21_2019',
          allowed: true,
          issuers: [DIRECTOR],
          signer: DIRECTOR,
        });
        expect(sgd.body.deadline).toMatchObject({ medium: 'paper', days: 75, dueDate: '2026-06-28' });

        const school = await authority({
          credentialType: 'THPT',
          orgCode: 'THPT-BTR-CHUYENBT',
          date: '2026-04-14',
        });
        expect(school.body).toMatchObject({ allowed: false, signer: null, issuers: [DIRECTOR] });
      });

      it('ORG-2/TIME-11: from 2026-04-15 the principal signs; the department may no longer issue', async () => {
        const school = await authority({
          credentialType: 'THPT',
          orgCode: 'THPT-BTR-CHUYENBT',
          date: '2026-04-15',
        });
        expect(school.status).toBe(200);
        expect(school.body).toMatchObject({
          ruleSet: 'TT10_2026',
          allowed: true,
          issuers: [PRINCIPAL],
          signer: PRINCIPAL,
          reviewFlag: null,
          rules: 'TIME-11, ORG-2',
        });
        expect(school.body.reasonVi).toBe('HIỆU TRƯỞNG ký cấp Bằng tốt nghiệp trung học phổ thông.');

        const sgd = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date: '2026-04-15' });
        expect(sgd.body).toMatchObject({ allowed: false, signer: null, issuers: [PRINCIPAL] });
      });

      it('ISSUE-4: from 2026-04-15 a paper THPT diploma is due in 30 days, a digital one in 5', async () => {
        const paper = await authority({
          credentialType: 'THPT',
          orgCode: 'THPT-BTR-CHUYENBT',
          date: '2026-04-15',
        });
        expect(paper.body.deadline).toEqual({
          medium: 'paper',
          days: 30,
          unit: 'calendarDays',
          from: 'decisionDate',
          startDate: '2026-04-15',
          dueDate: '2026-05-15',
          legalBasis: 'TT10/2026 (digital: working or calendar days [unsure])',
          rules: 'ISSUE-4',
        });

        const digital = await authority({
          credentialType: 'THPT',
          orgCode: 'THPT-BTR-CHUYENBT',
          date: '2026-04-15',
          medium: 'digital',
        });
        expect(digital.status).toBe(200);
        expect(digital.body.deadline).toMatchObject({
          medium: 'digital',
          days: 5,
          unit: 'calendarDays',
          startDate: '2026-04-15',
          dueDate: '2026-04-20',
        });
      });

      it('TIME-11: THPT issuance dated 2026-02-01 is flagged for review, 2025-12-31 and 2026-04-15 are not', async () => {
        const flagged = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date: '2026-02-01' });
        expect(flagged.status).toBe(200);
        expect(flagged.body).toMatchObject({ ruleSet: 'TT21_2019', allowed: true, signer: DIRECTOR });
        expect(flagged.body.reviewFlag).toEqual({
          reasonVi: expect.stringContaining('cần rà soát'),
          reasonEn: expect.stringContaining('review'),
        });

        for (const date of ['2025-12-31', '2026-04-15']) {
          const res = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date });
          expect({ date, reviewFlag: res.body.reviewFlag }).toEqual({ date, reviewFlag: null });
        }
      });

      it('TIME-1/TIME-5: the rule set follows the date (PRE_TT21, TT21_2019, TT10_2026)', async () => {
        const cases: [string, string][] = [
          ['2019-06-01', 'PRE_TT21'],
          ['2020-01-14', 'PRE_TT21'],
          ['2020-01-15', 'TT21_2019'],
          ['2026-04-14', 'TT21_2019'],
          ['2026-04-15', 'TT10_2026'],
          ['2030-01-01', 'TT10_2026'],
        ];
        for (const [date, ruleSet] of cases) {
          const res = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date });
          expect(res.status).toBe(200);
          expect({ date, ruleSet: res.body.ruleSet }).toEqual({ date, ruleSet });
        }
        const old = await authority({ credentialType: 'THPT', orgCode: 'SGD-BTR', date: '2019-06-01' });
        expect(old.body).toMatchObject({ allowed: true, signer: DIRECTOR });
      });
    });

    describe('certificates and the completion certificate', () => {
      it('CERT-1/ORG-2: the continuing-education centre may issue a certificate (CC), due 30 days after the course', async () => {
        const res = await authority({
          credentialType: 'CC',
          orgCode: 'GDTX-BTR-CHAUTHANH',
          date: '2025-09-01',
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          credentialType: 'CC',
          allowed: true,
          signer: {
            orgKind: 'continuingEducationCentre',
            signerRole: 'centreDirector',
            signerTitleVi: 'GIÁM ĐỐC TRUNG TÂM',
            signerTitleEn: 'Centre Director',
          },
        });
        expect(res.body.issuers.map((i: { orgKind: string }) => i.orgKind)).toEqual([
          'provincialDepartment',
          'continuingEducationCentre',
          'educationInstitution',
        ]);
        expect(res.body.deadline).toMatchObject({
          days: 30,
          from: 'courseEnd',
          startDate: '2025-09-01',
          dueDate: '2025-10-01',
        });

        const school = await authority({
          credentialType: 'CC',
          orgCode: 'THPT-BTR-CHUYENBT',
          date: '2025-09-01',
        });
        expect(school.body).toMatchObject({ allowed: false, signer: null });
      });

      it('CERT-5/CERT-6: a school principal issues the completion certificate (GCNHT), which has no deadline', async () => {
        const res = await authority({
          credentialType: 'GCNHT',
          orgCode: 'THPT-BTR-NDCHIEU',
          date: '2025-09-01',
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          credentialType: 'GCNHT',
          allowed: true,
          signer: PRINCIPAL,
          issuers: [PRINCIPAL],
          deadline: null,
        });

        const sgd = await authority({ credentialType: 'GCNHT', orgCode: 'SGD-BTR', date: '2025-09-01' });
        expect(sgd.body).toMatchObject({ allowed: false, signer: null });
      });
    });

    describe('errors and access', () => {
      it('an unknown credential type is 422 CREDENTIAL_TYPE_UNKNOWN naming credentialType', async () => {
        const res = await authority({ credentialType: 'XYZ', orgCode: 'SGD-BTR', date: '2025-08-01' });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('CREDENTIAL_TYPE_UNKNOWN');
        expect(res.body.details.errors).toEqual([
          expect.objectContaining({ field: 'credentialType', code: 'CREDENTIAL_TYPE_UNKNOWN' }),
        ]);
        expect(typeof res.body.requestId).toBe('string');
      });

      it('a date that does not exist (2025-02-30) is 400 VALIDATION_FAILED naming date', async () => {
        const res = await authority({ credentialType: 'THCS', orgCode: 'SGD-BTR', date: '2025-02-30' });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const fields = (res.body.details.errors as { field: string }[]).map((e) => e.field);
        expect(new Set(fields)).toEqual(new Set(['date']));
      });

      it('a malformed date, an unknown medium and a missing type are each named', async () => {
        const res = await authority({ orgCode: 'SGD-BTR', date: '01/08/2025', medium: 'fax' });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const fields = new Set((res.body.details.errors as { field: string }[]).map((e) => e.field));
        expect(fields).toEqual(new Set(['credentialType', 'date', 'medium']));
        expect(res.body.details.errors).toContainEqual(
          expect.objectContaining({ field: 'credentialType', code: 'REQUIRED' }),
        );
      });

      it('an unknown organisation is 404 ORG_NOT_FOUND', async () => {
        const res = await authority({
          credentialType: 'THCS',
          orgCode: 'XA-BTR-KHONGCO',
          date: '2025-08-01',
        });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'ORG_NOT_FOUND', details: { code: 'XA-BTR-KHONGCO' } });
      });

      it('without a token the answer is 401 AUTH_REQUIRED; a bad token is 401 TOKEN_INVALID', async () => {
        const q = { credentialType: 'THCS', orgCode: 'SGD-BTR', date: '2025-08-01' };
        const anon = await t.http.get('/api/v1/rulebook/authority').query(q);
        expect(anon.status).toBe(401);
        expect(anon.body.code).toBe('AUTH_REQUIRED');
        expect(anon.body).not.toHaveProperty('allowed');

        const bad = await t.http
          .get('/api/v1/rulebook/authority')
          .query(q)
          .set({ Authorization: 'Bearer not-a-token' });
        expect(bad.status).toBe(401);
        expect(bad.body.code).toBe('TOKEN_INVALID');
      });

      it('every signed-in role with rulebook.read may ask (school registrar, police agency, Hải Phòng)', async () => {
        for (const user of ['thpt.chuyenbt', 'btr.police', 'hpg.registrar', 'bo.auditor']) {
          const res = await authority(
            { credentialType: 'THCS', orgCode: 'XA-BTR-PHUTUC', date: '2025-08-01' },
            user,
          );
          expect({ user, status: res.status, allowed: res.body.allowed }).toEqual({
            user,
            status: 200,
            allowed: true,
          });
        }
      });
    });
  });

  describe('GET /api/v1/credential-types (public)', () => {
    it('lists THCS, THPT, GCNHT and CC with kinds, names, rule sets and authority periods', async () => {
      const res = await t.http.get('/api/v1/credential-types');
      expect(res.status).toBe(200);
      const items = res.body.items as CredentialTypeItem[];
      expect(items.map((i) => [i.code, i.kind, i.usesBlanks])).toEqual([
        ['THCS', 'lowerSecondaryDiploma', true],
        ['THPT', 'upperSecondaryDiploma', true],
        ['GCNHT', 'generalEducationCompletion', false],
        ['CC', 'certificate', true],
      ]);
      const byCode = new Map(items.map((i) => [i.code, i]));
      expect(byCode.get('THCS')).toMatchObject({
        nameVi: 'Bằng tốt nghiệp trung học cơ sở',
        nameEn: 'Lower secondary diploma',
      });
      expect(byCode.get('THPT')).toMatchObject({
        nameVi: 'Bằng tốt nghiệp trung học phổ thông',
        nameEn: 'Upper secondary diploma',
      });
      expect(byCode.get('GCNHT')!.nameVi).toBe('Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông');
      expect(byCode.get('CC')).toMatchObject({ nameVi: 'Chứng chỉ', nameEn: 'Certificate' });
      for (const i of items) {
        expect(i.nameVi).toBe(i.nameVi.normalize('NFC'));
        expect(i).not.toHaveProperty('onDate');
        expect(i.ruleSets).toHaveLength(3);
        expect(i.ruleSets).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ ruleSet: 'PRE_TT21', validFrom: null, validTo: '2020-01-14' }),
            expect.objectContaining({ ruleSet: 'TT21_2019', validFrom: '2020-01-15', validTo: '2026-04-14' }),
            expect.objectContaining({ ruleSet: 'TT10_2026', validFrom: '2026-04-15', validTo: null }),
          ]),
        );
      }
      // ORG-2, TIME-6, TIME-8: three THCS periods, the last with nobody
      expect(byCode.get('THCS')!.authority).toHaveLength(3);
      expect(byCode.get('THCS')!.authority).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ validFrom: null, validTo: '2025-06-30', issuers: [BUREAU_HEAD] }),
          expect.objectContaining({
            validFrom: '2025-07-01',
            validTo: '2026-04-14',
            issuers: [COMMUNE_CHAIR],
          }),
          expect.objectContaining({
            validFrom: '2026-04-15',
            validTo: null,
            issuers: [],
            noteVi: THCS_NOTE_VI,
          }),
        ]),
      );
      expect(byCode.get('THPT')!.authority).toHaveLength(2);
      expect(byCode.get('THPT')!.authority).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ validFrom: null, validTo: '2026-04-14', issuers: [DIRECTOR] }),
          expect.objectContaining({ validFrom: '2026-04-15', validTo: null, issuers: [PRINCIPAL] }),
        ]),
      );
      expect(byCode.get('GCNHT')!.authority).toEqual([
        expect.objectContaining({ validFrom: null, validTo: null, issuers: [PRINCIPAL] }),
      ]);
    });

    it('TIME-1: rule sets and authority periods are listed in date order, the open-ended start first', async () => {
      const res = await t.http.get('/api/v1/credential-types');
      const thcs = (res.body.items as CredentialTypeItem[]).find((i) => i.code === 'THCS')!;
      expect(thcs.ruleSets.map((r) => r.ruleSet)).toEqual(['PRE_TT21', 'TT21_2019', 'TT10_2026']);
      expect(thcs.authority.map((a) => a.validFrom)).toEqual([null, '2025-07-01', '2026-04-15']);
    });

    it('?date=2025-08-01 adds the rule set and issuing bodies of that date', async () => {
      const res = await t.http.get('/api/v1/credential-types').query({ date: '2025-08-01' });
      expect(res.status).toBe(200);
      const onDate = Object.fromEntries(
        (res.body.items as { code: string; onDate: unknown }[]).map((i) => [i.code, i.onDate]),
      );
      expect(onDate.THCS).toEqual({ date: '2025-08-01', ruleSet: 'TT21_2019', issuers: [COMMUNE_CHAIR] });
      expect(onDate.THPT).toEqual({ date: '2025-08-01', ruleSet: 'TT21_2019', issuers: [DIRECTOR] });
      expect(onDate.GCNHT).toEqual({ date: '2025-08-01', ruleSet: 'TT21_2019', issuers: [PRINCIPAL] });

      const later = await t.http.get('/api/v1/credential-types').query({ date: '2026-05-01' });
      const thcs = (later.body.items as { code: string; onDate: unknown }[]).find((i) => i.code === 'THCS');
      expect(thcs!.onDate).toEqual({ date: '2026-05-01', ruleSet: 'TT10_2026', issuers: [] });
    });

    it('?date=2025-02-30 is 400 VALIDATION_FAILED naming date', async () => {
      const res = await t.http.get('/api/v1/credential-types').query({ date: '2025-02-30' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.errors[0].field).toBe('date');
    });
  });

  describe('GET /api/v1/rulebook/settings', () => {
    it('REISSUE-4/§16: reissue.deadlineWorkingDays is 5 on 2026-04-14 and 3 on 2026-04-15', async () => {
      const before = await setting({ key: 'reissue.deadlineWorkingDays', date: '2026-04-14' });
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        key: 'reissue.deadlineWorkingDays',
        date: '2026-04-14',
        value: 5,
        applied: {
          value: 5,
          scopeOrgId: null,
          validFrom: null,
          validTo: '2026-04-14',
          legalBasis: 'TT21/2019 Art. 19',
        },
      });
      expect(before.body.history).toHaveLength(2);
      expect(before.body.history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: 5, validFrom: null, validTo: '2026-04-14' }),
          expect.objectContaining({ value: 3, validFrom: '2026-04-15', validTo: null }),
        ]),
      );

      const after = await setting({ key: 'reissue.deadlineWorkingDays', date: '2026-04-15' });
      expect(after.body).toMatchObject({
        value: 3,
        applied: { value: 3, validFrom: '2026-04-15', validTo: null },
      });
    });

    it('COPY-4: copy.cutoffTime is "15:00" (national, for any organisation)', async () => {
      const res = await setting({ key: 'copy.cutoffTime', date: '2026-05-04', orgCode: 'SGD-BTR' });
      expect(res.status).toBe(200);
      expect(res.body.value).toBe('15:00');
      expect(res.body.applied).toMatchObject({ scopeOrgId: null, rules: 'COPY-4' });
    });

    it('COPY-3: copy.acceptedIdDocuments adds electronic ID from 2025-01-09', async () => {
      const before = await setting({ key: 'copy.acceptedIdDocuments', date: '2025-01-08' });
      const after = await setting({ key: 'copy.acceptedIdDocuments', date: '2025-01-09' });
      expect(before.body.value).toEqual(['idCard', 'legacyIdCard', 'passport']);
      expect(after.body.value).toEqual([
        'idCard',
        'legacyIdCard',
        'passport',
        'electronicId',
        'identityCertificate',
      ]);
    });

    it('an unknown key is 404 NOT_FOUND naming key; a bad date or key format is 400', async () => {
      const res = await setting({ key: 'no.such.setting', date: '2026-01-01' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.details.errors).toEqual([expect.objectContaining({ field: 'key' })]);

      const badDate = await setting({ key: 'copy.cutoffTime', date: '2026-13-01' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.details.errors[0].field).toBe('date');

      const badKey = await setting({ key: 'copy cutoff', date: '2026-01-01' });
      expect(badKey.status).toBe(400);
      expect(badKey.body.details.errors[0].field).toBe('key');
    });

    it('an unknown orgCode is 404 ORG_NOT_FOUND; no token is 401', async () => {
      const res = await setting({ key: 'copy.cutoffTime', date: '2026-01-01', orgCode: 'SGD-KHONGCO' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORG_NOT_FOUND');

      const anon = await t.http
        .get('/api/v1/rulebook/settings')
        .query({ key: 'copy.cutoffTime', date: '2026-01-01' });
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('AUTH_REQUIRED');
    });
  });

  describe('POST /api/v1/rulebook/settings (TIME-3)', () => {
    const KEY = 'registerNumberFormat.original';

    it('TIME-3/NUM-4: a provincial admin scopes a new register number format to its province from 2027-01-01', async () => {
      const res = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({
          key: KEY,
          value: '{seq}/SGD-BTR',
          validFrom: '2027-01-01',
          legalBasis: 'Quyết định 123/QĐ-SGDĐT',
          rules: 'NUM-4',
          scopeOrgCode: 'SGD-BTR',
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        key: KEY,
        value: '{seq}/SGD-BTR',
        scopeOrgId: await orgId('SGD-BTR'),
        validFrom: '2027-01-01',
        validTo: null,
        legalBasis: 'Quyết định 123/QĐ-SGDĐT',
        rules: 'NUM-4',
      });
      const rows = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM settings WHERE key = $1 AND scope_org_id IS NOT NULL`,
        [KEY],
      );
      expect(rows[0].n).toBe('1');
    });

    it('TIME-3: a school inside SGD-BTR gets the new value on 2027-02-01', async () => {
      const res = await setting({ key: KEY, date: '2027-02-01', orgCode: 'THPT-BTR-CHUYENBT' });
      expect(res.status).toBe(200);
      expect(res.body.value).toBe('{seq}/SGD-BTR');
      expect(res.body.applied).toMatchObject({ scopeOrgId: await orgId('SGD-BTR'), validFrom: '2027-01-01' });
      expect(res.body.history.map((h: { value: unknown }) => h.value)).toEqual(
        expect.arrayContaining(['{seq}', '{seq}/SGD-BTR']),
      );
      // the department itself too
      const sgd = await setting({ key: KEY, date: '2027-02-01', orgCode: 'SGD-BTR' });
      expect(sgd.body.value).toBe('{seq}/SGD-BTR');
    });

    it('TIME-3: Hải Phòng, the national answer and the day before keep "{seq}"', async () => {
      const hpg = await setting({ key: KEY, date: '2027-02-01', orgCode: 'SGD-HPG' });
      expect(hpg.body.value).toBe('{seq}');
      expect(hpg.body.applied.scopeOrgId).toBeNull();

      const national = await setting({ key: KEY, date: '2027-02-01' });
      expect(national.body.value).toBe('{seq}');

      const dayBefore = await setting({ key: KEY, date: '2026-12-31', orgCode: 'THPT-BTR-CHUYENBT' });
      expect(dayBefore.body.value).toBe('{seq}');
      expect(dayBefore.body.applied.scopeOrgId).toBeNull();
    });

    it('a provincial admin cannot add a national setting (403 FORBIDDEN)', async () => {
      const res = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({ key: KEY, value: '{seq}/X', validFrom: '2027-01-01', legalBasis: 'local decision' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const national = await setting({ key: KEY, date: '2027-06-01' });
      expect(national.body.value).toBe('{seq}');
    });

    it('a provincial admin cannot scope a setting to another province (403 OUT_OF_SCOPE)', async () => {
      const res = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({
          key: KEY,
          value: '{seq}/HPG',
          validFrom: '2027-01-01',
          legalBasis: 'x',
          scopeOrgCode: 'SGD-HPG',
        });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      const hpg = await setting({ key: KEY, date: '2027-06-01', orgCode: 'SGD-HPG' });
      expect(hpg.body.value).toBe('{seq}');
    });

    it('a registrar cannot add settings (403 FORBIDDEN); a missing value or legal basis is 400', async () => {
      const registrar = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.registrar'))
        .send({ key: KEY, value: '{seq}/R', legalBasis: 'x', scopeOrgCode: 'SGD-BTR' });
      expect(registrar.status).toBe(403);
      expect(registrar.body.code).toBe('FORBIDDEN');

      const missing = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({ key: KEY, scopeOrgCode: 'SGD-BTR' });
      expect(missing.status).toBe(400);
      const fields = new Set((missing.body.details.errors as { field: string }[]).map((e) => e.field));
      expect(fields).toEqual(new Set(['value', 'legalBasis']));

      const window = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({
          key: KEY,
          value: 'x',
          legalBasis: 'x',
          validFrom: '2027-05-01',
          validTo: '2027-04-30',
          scopeOrgCode: 'SGD-BTR',
        });
      expect(window.status).toBe(400);
      expect(window.body.details.errors).toEqual([expect.objectContaining({ field: 'validTo' })]);
    });

    it('TIME-3/REISSUE-4: the ministry admin adds a national row, which every organisation sees from its date', async () => {
      const res = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('bo.admin'))
        .send({
          key: 'reissue.deadlineWorkingDays',
          value: 2,
          validFrom: '2030-01-01',
          legalBasis: 'Thông tư giả định 99/2029/TT-BGDĐT',
          rules: 'REISSUE-4',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ value: 2, scopeOrgId: null, validFrom: '2030-01-01' });

      const later = await setting({
        key: 'reissue.deadlineWorkingDays',
        date: '2030-01-01',
        orgCode: 'THPT-HPG-TRANPHU',
      });
      expect(later.body.value).toBe(2);
      const before = await setting({
        key: 'reissue.deadlineWorkingDays',
        date: '2029-12-31',
        orgCode: 'THPT-HPG-TRANPHU',
      });
      expect(before.body.value).toBe(3);
    });

    it('TIME-3: the settings table rejects UPDATE and DELETE at the database level', async () => {
      await expect(
        t.sql(`UPDATE settings SET legal_basis = 'edited' WHERE key = 'copy.cutoffTime'`),
      ).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM settings WHERE key = 'copy.cutoffTime'`)).rejects.toThrow(
        /append-only/,
      );
      const rows = await t.sql<{ legal_basis: string }>(
        `SELECT legal_basis FROM settings WHERE key = 'copy.cutoffTime'`,
      );
      expect(rows).toEqual([{ legal_basis: 'Nghị định 23/2015 Art. 7; TT21/2019 Art. 31' }]);
    });

    it('every added setting leaves a rulebook.setting.add audit row, in the scope it concerns', async () => {
      const btr = await t.http
        .get('/api/v1/audit')
        .query({ action: 'rulebook.setting.add' })
        .set(await t.auth('btr.auditor'));
      expect(btr.status).toBe(200);
      // the provincial auditor sees the provincial row, not the national one
      expect(btr.body.items).toHaveLength(1);
      expect(btr.body.items[0]).toMatchObject({
        action: 'rulebook.setting.add',
        actorName: 'btr.admin',
        actorKind: 'user',
        targetType: 'setting',
        outcome: 'success',
        details: { key: KEY, validFrom: '2027-01-01', validTo: null, scopeOrgCode: 'SGD-BTR' },
      });
      expect(btr.body.items[0].requestId).toEqual(expect.any(String));

      const bo = await t.http
        .get('/api/v1/audit')
        .query({ action: 'rulebook.setting.add' })
        .set(await t.auth('bo.auditor'));
      expect(
        bo.body.items.map((i: { actorName: string; details: { key: string } }) => [
          i.actorName,
          i.details.key,
        ]),
      ).toEqual([
        ['bo.admin', 'reissue.deadlineWorkingDays'],
        ['btr.admin', KEY],
      ]);
      const stored = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'rulebook.setting.add'`,
      );
      // refused attempts (403, 400) wrote nothing
      expect(stored[0].n).toBe('2');
    });
  });

  describe('working-day calendar', () => {
    it('§0: GET /rulebook/calendar?year=2026 lists the seeded 2026 holidays only', async () => {
      const res = await t.http
        .get('/api/v1/rulebook/calendar')
        .query({ year: '2026' })
        .set(await t.auth('btr.registrar'));
      expect(res.status).toBe(200);
      const items = res.body.items as { day: string; kind: string; nameVi: string; nameEn: string }[];
      expect(items.map((d) => d.day)).toEqual([
        '2026-01-01',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-04-27',
        '2026-04-30',
        '2026-05-01',
        '2026-09-01',
        '2026-09-02',
      ]);
      expect(items.find((d) => d.day === '2026-02-17')).toMatchObject({
        kind: 'holiday',
        nameVi: 'Tết Nguyên đán',
        nameEn: 'Lunar New Year',
      });
      const all = await t.http.get('/api/v1/rulebook/calendar').set(await t.auth('btr.registrar'));
      expect(all.body.items).toContainEqual(
        expect.objectContaining({ day: '2025-04-26', kind: 'workingDay' }),
      );
    });

    it('a bad year is 400; no token is 401', async () => {
      const bad = await t.http
        .get('/api/v1/rulebook/calendar')
        .query({ year: '26' })
        .set(await t.auth('btr.registrar'));
      expect(bad.status).toBe(400);
      expect(bad.body.details.errors[0].field).toBe('year');
      const anon = await t.http.get('/api/v1/rulebook/calendar').query({ year: '2026' });
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('AUTH_REQUIRED');
    });

    it('§0: the ministry admin adds a day; a duplicate is 409 CONFLICT; a provincial admin gets 403', async () => {
      const day = {
        day: '2027-02-08',
        kind: 'holiday',
        nameVi: 'Tết Nguyên đán',
        nameEn: 'Lunar New Year',
        legalBasis: 'Bộ luật Lao động 2019 Art. 112',
      };
      const res = await t.http
        .post('/api/v1/rulebook/calendar-days')
        .set(await t.auth('bo.admin'))
        .send(day);
      expect(res.status).toBe(201);
      expect(res.body).toEqual(day);

      const listed = await t.http
        .get('/api/v1/rulebook/calendar')
        .query({ year: '2027' })
        .set(await t.auth('btr.registrar'));
      expect(listed.body.items).toEqual([day]);

      const dup = await t.http
        .post('/api/v1/rulebook/calendar-days')
        .set(await t.auth('bo.admin'))
        .send({ ...day, nameVi: 'Nghỉ Tết' });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('CONFLICT');
      expect(dup.body.details.errors).toEqual([expect.objectContaining({ field: 'day', code: 'CONFLICT' })]);

      const provincial = await t.http
        .post('/api/v1/rulebook/calendar-days')
        .set(await t.auth('btr.admin'))
        .send({ ...day, day: '2027-02-09' });
      expect(provincial.status).toBe(403);
      expect(provincial.body.code).toBe('FORBIDDEN');

      const registrar = await t.http
        .post('/api/v1/rulebook/calendar-days')
        .set(await t.auth('btr.registrar'))
        .send({ ...day, day: '2027-02-09' });
      expect(registrar.status).toBe(403);

      const rows = await t.sql<{ day: string; name_vi: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, name_vi FROM calendar_days WHERE day >= '2027-01-01'`,
      );
      expect(rows).toEqual([{ day: '2027-02-08', name_vi: 'Tết Nguyên đán' }]);
      const audit = await t.sql<{ actor_name: string; target_id: string }>(
        `SELECT actor_name, target_id FROM audit_events WHERE action = 'rulebook.calendar.add'`,
      );
      expect(audit).toEqual([{ actor_name: 'bo.admin', target_id: '2027-02-08' }]);
    });

    it('a calendar day with an unknown kind or a non-existent date is 400', async () => {
      const res = await t.http
        .post('/api/v1/rulebook/calendar-days')
        .set(await t.auth('bo.admin'))
        .send({ day: '2027-02-30', kind: 'dayOff', nameVi: 'x', nameEn: 'x' });
      expect(res.status).toBe(400);
      const fields = new Set((res.body.details.errors as { field: string }[]).map((e) => e.field));
      expect(fields).toEqual(new Set(['day', 'kind']));
    });
  });
});
