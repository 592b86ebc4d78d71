import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The law as data (TIME-3, RULES §16): credential types, effective-dated settings and the working-day
 * calendar's exceptions. Later changes in the law are new migrations that insert rows; this file,
 * once released, never changes.
 */

const CREDENTIAL_TYPES = [
  ['THCS', 'lowerSecondaryDiploma', 'Bằng tốt nghiệp trung học cơ sở', 'Lower secondary diploma', true, 1],
  [
    'THPT',
    'upperSecondaryDiploma',
    'Bằng tốt nghiệp trung học phổ thông',
    'Upper secondary diploma',
    true,
    2,
  ],
  [
    'GCNHT',
    'generalEducationCompletion',
    'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông',
    'Certificate of completion of the general education programme',
    false,
    3,
  ],
  ['CC', 'certificate', 'Chứng chỉ', 'Certificate', true, 4],
] as const;

type Row = { key: string; value: unknown; from?: string; to?: string; basis: string; rules: string };

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
const days = (n: number, unit: 'calendarDays' | 'workingDays', from: 'decisionDate' | 'courseEnd') => ({
  days: n,
  unit,
  from,
});

const SETTINGS: Row[] = [
  // TIME-1/4/5: rule set by issue date
  {
    key: 'ruleSet',
    value: 'PRE_TT21',
    to: '2020-01-14',
    basis: 'Thông tư 19/2015/TT-BGDĐT and earlier',
    rules: 'TIME-5',
  },
  {
    key: 'ruleSet',
    value: 'TT21_2019',
    from: '2020-01-15',
    to: '2026-04-14',
    basis: 'Thông tư 21/2019/TT-BGDĐT',
    rules: 'TIME-1',
  },
  {
    key: 'ruleSet',
    value: 'TT10_2026',
    from: '2026-04-15',
    basis: 'Thông tư 10/2026/TT-BGDĐT',
    rules: 'TIME-1, TIME-4',
  },

  // ORG-2, TIME-6, TIME-8: who issues THCS diplomas
  {
    key: 'authority.lowerSecondaryDiploma',
    value: {
      issuers: [
        {
          orgKind: 'districtBureau',
          signerRole: 'bureauHead',
          signerTitleVi: 'TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO',
          signerTitleEn: 'Head of the District Bureau of Education and Training',
        },
      ],
    },
    to: '2025-06-30',
    basis: 'TT21/2019 Art. 15',
    rules: 'ORG-2, ORG-7',
  },
  {
    key: 'authority.lowerSecondaryDiploma',
    value: {
      issuers: [
        {
          orgKind: 'communeCommittee',
          signerRole: 'communeChair',
          signerTitleVi: 'CHỦ TỊCH ỦY BAN NHÂN DÂN',
          signerTitleEn: "Chair of the Commune People's Committee",
        },
      ],
    },
    from: '2025-07-01',
    to: '2026-04-14',
    basis: 'Thông tư 13/2025/TT-BGDĐT',
    rules: 'TIME-6, ORG-2',
  },
  {
    key: 'authority.lowerSecondaryDiploma',
    value: {
      issuers: [],
      noteVi:
        'Từ 15/04/2026 không cấp bằng tốt nghiệp THCS; hiệu trưởng xác nhận hoàn thành chương trình THCS trong học bạ.',
      noteEn:
        'From 15 Apr 2026 no lower secondary diploma is issued; the principal records completion in the school record book.',
    },
    from: '2026-04-15',
    basis: 'Luật sửa đổi Luật Giáo dục 2025; TT10/2026',
    rules: 'TIME-8, CERT-7',
  },

  // ORG-2, TIME-11: who issues THPT diplomas
  {
    key: 'authority.upperSecondaryDiploma',
    value: { issuers: [DIRECTOR] },
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 15',
    rules: 'ORG-2',
  },
  {
    key: 'authority.upperSecondaryDiploma',
    value: { issuers: [PRINCIPAL] },
    from: '2026-04-15',
    basis: 'Luật sửa đổi Luật Giáo dục 2025; TT10/2026 [unsure]',
    rules: 'TIME-11, ORG-2',
  },
  {
    key: 'issuance.reviewFlag.upperSecondaryDiploma',
    value: {
      reasonVi:
        'Luật 2025 giao hiệu trưởng cấp bằng THPT từ 01/01/2026 nhưng TT10 áp dụng từ 15/04/2026: cần rà soát.',
      reasonEn:
        'The 2025 law gives THPT issuance to principals from 1 Jan 2026, TT10 applies from 15 Apr 2026: review.',
    },
    from: '2026-01-01',
    to: '2026-04-14',
    basis: 'Luật sửa đổi Luật Giáo dục 2025 [unsure]',
    rules: 'TIME-11',
  },
  {
    key: 'authority.generalEducationCompletion',
    value: { issuers: [PRINCIPAL] },
    basis: 'Luật Giáo dục 2019; Luật sửa đổi 2025',
    rules: 'CERT-5, ORG-2',
  },
  {
    key: 'authority.certificate',
    value: {
      issuers: [
        DIRECTOR,
        {
          orgKind: 'continuingEducationCentre',
          signerRole: 'centreDirector',
          signerTitleVi: 'GIÁM ĐỐC TRUNG TÂM',
          signerTitleEn: 'Centre Director',
        },
        {
          orgKind: 'educationInstitution',
          signerRole: 'institutionHead',
          signerTitleVi: 'THỦ TRƯỞNG CƠ SỞ GIÁO DỤC',
          signerTitleEn: 'Head of the Education Institution',
        },
      ],
    },
    basis: 'TT21/2019 Art. 15(2)',
    rules: 'CERT-1, ORG-2',
  },

  // ISSUE-3/4, CERT-1: issuance deadlines
  {
    key: 'issuance.deadline.lowerSecondaryDiploma',
    value: {
      paper: days(75, 'calendarDays', 'decisionDate'),
      digital: days(75, 'calendarDays', 'decisionDate'),
    },
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 17',
    rules: 'ISSUE-3',
  },
  {
    key: 'issuance.deadline.lowerSecondaryDiploma',
    value: null,
    from: '2026-04-15',
    basis: 'TT10/2026',
    rules: 'TIME-8',
  },
  {
    key: 'issuance.deadline.upperSecondaryDiploma',
    value: {
      paper: days(75, 'calendarDays', 'decisionDate'),
      digital: days(75, 'calendarDays', 'decisionDate'),
    },
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 17',
    rules: 'ISSUE-3',
  },
  {
    key: 'issuance.deadline.upperSecondaryDiploma',
    value: {
      paper: days(30, 'calendarDays', 'decisionDate'),
      digital: days(5, 'calendarDays', 'decisionDate'),
    },
    from: '2026-04-15',
    basis: 'TT10/2026 (digital: working or calendar days [unsure])',
    rules: 'ISSUE-4',
  },
  {
    key: 'issuance.deadline.certificate',
    value: { paper: days(30, 'calendarDays', 'courseEnd'), digital: days(30, 'calendarDays', 'courseEnd') },
    basis: 'TT21/2019 Art. 17',
    rules: 'CERT-1, ISSUE-3',
  },
  {
    key: 'issuance.deadline.generalEducationCompletion',
    value: null,
    basis: 'no rule known',
    rules: 'CERT-6',
  },

  // TIME-7: registers of bureau-issued THCS diplomas pass to the department
  {
    key: 'custody.lowerSecondaryRegisters',
    value: { fromIssuerKinds: ['districtBureau'], custodianKind: 'provincialDepartment' },
    from: '2025-07-01',
    basis: 'Thông tư 13/2025/TT-BGDĐT',
    rules: 'TIME-7, ORG-3',
  },

  // Procedures (REISSUE-4, CORR-5, COPY-*)
  {
    key: 'reissue.deadlineWorkingDays',
    value: 5,
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 19',
    rules: 'REISSUE-4',
  },
  {
    key: 'reissue.deadlineWorkingDays',
    value: 3,
    from: '2026-04-15',
    basis: 'TT10/2026 draft [unsure]',
    rules: 'REISSUE-4',
  },
  {
    key: 'correction.deadlineWorkingDays',
    value: 5,
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 23 [unsure]',
    rules: 'CORR-5',
  },
  {
    key: 'correction.deadlineWorkingDays',
    value: 3,
    from: '2026-04-15',
    basis: 'TT10/2026 draft [unsure]',
    rules: 'CORR-5',
  },
  {
    key: 'copy.cutoffTime',
    value: '15:00',
    basis: 'Nghị định 23/2015 Art. 7; TT21/2019 Art. 31',
    rules: 'COPY-4',
  },
  { key: 'copy.maxExtensionWorkingDays', value: 2, basis: 'Nghị định 23/2015 Art. 7', rules: 'COPY-4' },
  {
    key: 'copy.acceptedIdDocuments',
    value: ['idCard', 'legacyIdCard', 'passport'],
    to: '2025-01-08',
    basis: 'Nghị định 23/2015 Art. 17',
    rules: 'COPY-3',
  },
  {
    key: 'copy.acceptedIdDocuments',
    value: ['idCard', 'legacyIdCard', 'passport', 'electronicId', 'identityCertificate'],
    from: '2025-01-09',
    basis: 'Nghị định 07/2025/NĐ-CP [unsure]',
    rules: 'COPY-3',
  },
  { key: 'copy.fee', value: 0, basis: 'no national fee schedule', rules: 'COPY-9' },
  { key: 'copy.usesControlledBlanks', value: false, basis: 'practice since 2018', rules: 'BLANK-13' },
  {
    key: 'blank.supplier',
    value: 'ministry',
    to: '2026-04-14',
    basis: 'TT21/2019 Art. 9; QĐ 821/QĐ-BGDĐT',
    rules: 'BLANK-2',
  },
  {
    key: 'blank.supplier',
    value: 'issuer',
    from: '2026-04-15',
    basis: 'TT10/2026 draft [unsure]',
    rules: 'BLANK-3',
  },

  // PRINT-4/5: looked up by the start of the cohort's final school year (1 Sep)
  {
    key: 'print.lowerSecondary.showClassification',
    value: true,
    to: '2024-08-31',
    basis: 'TT31/2023',
    rules: 'PRINT-5, REG-15',
  },
  {
    key: 'print.lowerSecondary.showClassification',
    value: false,
    from: '2024-09-01',
    basis: 'TT31/2023',
    rules: 'PRINT-5, REG-15',
  },
  { key: 'print.upperSecondary.showClassification', value: true, basis: '[unsure]', rules: 'PRINT-4' },

  { key: 'publication.deadlineDays', value: null, basis: 'no rule known', rules: 'PUB-3' },
  { key: 'revocation.returnDays', value: 30, basis: 'TT21/2019 Art. 4', rules: 'REVOKE-5' },
  { key: 'registerNumberFormat.original', value: '{seq}', basis: 'issuer practice', rules: 'NUM-4' },
  { key: 'registerNumberFormat.reissue', value: '{seq}', basis: 'issuer practice', rules: 'NUM-5' },
  { key: 'copy.numberFormat', value: '{seq}', basis: 'issuer practice', rules: 'NUM-6' },
  { key: 'unclaimed.sealAfterYears', value: null, basis: 'no national rule', rules: 'HAND-4' },
];

// RULES §0: Monday–Friday minus official holidays (Bộ luật Lao động 2019 Art. 112 and the yearly
// Government notices), plus Saturdays declared working days in exchange for bridge days.
// Entries marked [unsure] follow announcements and must be checked; admins add later years.
const H = (day: string, nameVi: string, nameEn: string, basis = 'Bộ luật Lao động 2019 Art. 112') =>
  ({ day, kind: 'holiday', nameVi, nameEn, basis }) as const;
const W = (day: string, nameVi: string, nameEn: string, basis: string) =>
  ({ day, kind: 'workingDay', nameVi, nameEn, basis }) as const;
const CALENDAR = [
  H('2025-01-01', 'Tết Dương lịch', "New Year's Day"),
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) =>
    H(d, 'Tết Nguyên đán', 'Lunar New Year'),
  ),
  H('2025-04-07', 'Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'),
  H('2025-04-30', 'Ngày Chiến thắng', 'Reunification Day'),
  H('2025-05-01', 'Quốc tế Lao động', 'International Workers’ Day'),
  H('2025-05-02', 'Nghỉ bù', 'Bridge day off', 'Thông báo 6150/TB-BNV (2024)'),
  W(
    '2025-04-26',
    'Làm bù cho ngày 02/05/2025',
    'Make-up working day for 2 May 2025',
    'Thông báo 6150/TB-BNV (2024)',
  ),
  H('2025-09-01', 'Quốc khánh', 'National Day'),
  H('2025-09-02', 'Quốc khánh', 'National Day'),
  H('2026-01-01', 'Tết Dương lịch', "New Year's Day"),
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) =>
    H(
      d,
      'Tết Nguyên đán',
      'Lunar New Year',
      'Bộ luật Lao động 2019 Art. 112; Government notice for 2026 [unsure]',
    ),
  ),
  H('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Hung Kings Day (observed)'),
  H('2026-04-30', 'Ngày Chiến thắng', 'Reunification Day'),
  H('2026-05-01', 'Quốc tế Lao động', 'International Workers’ Day'),
  H('2026-09-01', 'Quốc khánh', 'National Day', 'Bộ luật Lao động 2019 Art. 112 [unsure which adjacent day]'),
  H('2026-09-02', 'Quốc khánh', 'National Day'),
];

export class SeedRulebook1795614700000 implements MigrationInterface {
  name = 'SeedRulebook1795614700000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [code, kind, vi, en, usesBlanks, order] of CREDENTIAL_TYPES) {
      await q.query(
        `INSERT INTO credential_types (code, kind, name_vi, name_en, uses_blanks, sort_order) VALUES ($1, $2, $3, $4, $5, $6)`,
        [code, kind, vi, en, usesBlanks, order],
      );
    }
    for (const s of SETTINGS) {
      await q.query(
        `INSERT INTO settings (id, key, scope_org_id, value, valid_from, valid_to, legal_basis, rules)
         VALUES (gen_random_uuid(), $1, NULL, $2::jsonb, $3, $4, $5, $6)`,
        [s.key, JSON.stringify(s.value), s.from ?? null, s.to ?? null, s.basis, s.rules],
      );
    }
    for (const c of CALENDAR) {
      await q.query(
        `INSERT INTO calendar_days (day, kind, name_vi, name_en, legal_basis) VALUES ($1, $2, $3, $4, $5)`,
        [c.day, c.kind, c.nameVi, c.nameEn, c.basis],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM calendar_days`);
    await q.query(`ALTER TABLE settings DISABLE TRIGGER trg_settings_append_only`);
    await q.query(`DELETE FROM settings WHERE scope_org_id IS NULL`);
    await q.query(`ALTER TABLE settings ENABLE TRIGGER trg_settings_append_only`);
    await q.query(`DELETE FROM credential_types`);
  }
}
