import type { Role } from '../src/common/auth/roles';
import type { OrganisationKind } from '../src/orgs/org-kinds';

/**
 * Demo data loaded on a first start with DEMO_DATA=1 (`npm start` sets it). Real place names of two
 * provinces as they were organised before and after the 1 Jul 2025 reorganisation (TIME-6): the
 * district bureaus keep their historic names and are abolished, the commune committees take over
 * THCS issuance. Schools are real schools; people are invented.
 */

export interface SeedOrganisation {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  parentCode: string;
  provinceCode?: string;
  superiorNameVi?: string;
  placeName?: string;
  validFrom?: string;
}

export interface SeedDissolution {
  code: string;
  effectiveOn: string;
  successorCode: string;
  legalBasis: string;
}

export interface SeedUser {
  username: string;
  displayName: string;
  orgCode: string;
  roles: Role[];
}

/** The password of every demo user (listed in the README). Never use demo data in production. */
export const DEMO_PASSWORD = 'demo-2026-VBCC';

export const ROOT_ORGANISATION = {
  code: 'BGDDT',
  nameVi: 'Bộ Giáo dục và Đào tạo',
  nameEn: 'Ministry of Education and Training',
  placeName: 'Hà Nội',
} as const;

export const DEMO_ORGANISATIONS: SeedOrganisation[] = [
  {
    code: 'BGDDT-QLCL',
    nameVi: 'Cục Quản lý chất lượng',
    nameEn: 'Quality Management Department',
    kind: 'ministryUnit',
    parentCode: 'BGDDT',
    placeName: 'Hà Nội',
  },

  // Bến Tre (province code 83)
  {
    code: 'SGD-BTR',
    nameVi: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre',
    nameEn: 'Ben Tre Department of Education and Training',
    kind: 'provincialDepartment',
    parentCode: 'BGDDT',
    provinceCode: '83',
    superiorNameVi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
    placeName: 'Bến Tre',
  },
  {
    code: 'PGD-BTR-CHAUTHANH',
    nameVi: 'Phòng Giáo dục và Đào tạo huyện Châu Thành',
    nameEn: 'Chau Thanh District Bureau of Education and Training',
    kind: 'districtBureau',
    parentCode: 'SGD-BTR',
    superiorNameVi: 'ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH',
    placeName: 'Châu Thành',
  },
  {
    code: 'PGD-BTR-MOCAYNAM',
    nameVi: 'Phòng Giáo dục và Đào tạo huyện Mỏ Cày Nam',
    nameEn: 'Mo Cay Nam District Bureau of Education and Training',
    kind: 'districtBureau',
    parentCode: 'SGD-BTR',
    superiorNameVi: 'ỦY BAN NHÂN DÂN HUYỆN MỎ CÀY NAM',
    placeName: 'Mỏ Cày Nam',
  },
  {
    code: 'XA-BTR-PHUTUC',
    nameVi: 'Ủy ban nhân dân xã Phú Túc',
    nameEn: "Phu Tuc Commune People's Committee",
    kind: 'communeCommittee',
    parentCode: 'SGD-BTR',
    superiorNameVi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
    placeName: 'Phú Túc',
    validFrom: '2025-07-01',
  },
  {
    code: 'XA-BTR-MOCAY',
    nameVi: 'Ủy ban nhân dân xã Mỏ Cày',
    nameEn: "Mo Cay Commune People's Committee",
    kind: 'communeCommittee',
    parentCode: 'SGD-BTR',
    superiorNameVi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
    placeName: 'Mỏ Cày',
    validFrom: '2025-07-01',
  },
  {
    code: 'THPT-BTR-CHUYENBT',
    nameVi: 'Trường THPT Chuyên Bến Tre',
    nameEn: 'Ben Tre High School for the Gifted',
    kind: 'school',
    parentCode: 'SGD-BTR',
  },
  {
    code: 'THPT-BTR-NDCHIEU',
    nameVi: 'Trường THPT Nguyễn Đình Chiểu',
    nameEn: 'Nguyen Dinh Chieu Upper Secondary School',
    kind: 'school',
    parentCode: 'SGD-BTR',
  },
  {
    code: 'THCS-BTR-PHUTUC',
    nameVi: 'Trường THCS Phú Túc',
    nameEn: 'Phu Tuc Lower Secondary School',
    kind: 'school',
    parentCode: 'XA-BTR-PHUTUC',
  },
  {
    code: 'THCS-BTR-MOCAY',
    nameVi: 'Trường THCS thị trấn Mỏ Cày',
    nameEn: 'Mo Cay Town Lower Secondary School',
    kind: 'school',
    parentCode: 'XA-BTR-MOCAY',
  },
  {
    code: 'GDTX-BTR-CHAUTHANH',
    nameVi: 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Châu Thành',
    nameEn: 'Chau Thanh Vocational and Continuing Education Centre',
    kind: 'continuingEducationCentre',
    parentCode: 'SGD-BTR',
  },

  // Hải Phòng (province code 31)
  {
    code: 'SGD-HPG',
    nameVi: 'Sở Giáo dục và Đào tạo thành phố Hải Phòng',
    nameEn: 'Hai Phong Department of Education and Training',
    kind: 'provincialDepartment',
    parentCode: 'BGDDT',
    provinceCode: '31',
    superiorNameVi: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
    placeName: 'Hải Phòng',
  },
  {
    code: 'PGD-HPG-LECHAN',
    nameVi: 'Phòng Giáo dục và Đào tạo quận Lê Chân',
    nameEn: 'Le Chan District Bureau of Education and Training',
    kind: 'districtBureau',
    parentCode: 'SGD-HPG',
    superiorNameVi: 'ỦY BAN NHÂN DÂN QUẬN LÊ CHÂN',
    placeName: 'Lê Chân',
  },
  {
    code: 'PGD-HPG-THUYNGUYEN',
    nameVi: 'Phòng Giáo dục và Đào tạo thành phố Thủy Nguyên',
    nameEn: 'Thuy Nguyen City Bureau of Education and Training',
    kind: 'districtBureau',
    parentCode: 'SGD-HPG',
    superiorNameVi: 'ỦY BAN NHÂN DÂN THÀNH PHỐ THỦY NGUYÊN',
    placeName: 'Thủy Nguyên',
  },
  {
    code: 'PH-HPG-LECHAN',
    nameVi: 'Ủy ban nhân dân phường Lê Chân',
    nameEn: "Le Chan Ward People's Committee",
    kind: 'communeCommittee',
    parentCode: 'SGD-HPG',
    superiorNameVi: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
    placeName: 'Lê Chân',
    validFrom: '2025-07-01',
  },
  {
    code: 'PH-HPG-THUYNGUYEN',
    nameVi: 'Ủy ban nhân dân phường Thủy Nguyên',
    nameEn: "Thuy Nguyen Ward People's Committee",
    kind: 'communeCommittee',
    parentCode: 'SGD-HPG',
    superiorNameVi: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
    placeName: 'Thủy Nguyên',
    validFrom: '2025-07-01',
  },
  {
    code: 'THPT-HPG-TRANPHU',
    nameVi: 'Trường THPT Chuyên Trần Phú',
    nameEn: 'Tran Phu High School for the Gifted',
    kind: 'school',
    parentCode: 'SGD-HPG',
  },
  {
    code: 'THPT-HPG-NGOQUYEN',
    nameVi: 'Trường THPT Ngô Quyền',
    nameEn: 'Ngo Quyen Upper Secondary School',
    kind: 'school',
    parentCode: 'SGD-HPG',
  },
  {
    code: 'THCS-HPG-CHUVANAN',
    nameVi: 'Trường THCS Chu Văn An',
    nameEn: 'Chu Van An Lower Secondary School',
    kind: 'school',
    parentCode: 'PH-HPG-LECHAN',
  },
  {
    code: 'THCS-HPG-THUYNGUYEN',
    nameVi: 'Trường THCS Thủy Sơn',
    nameEn: 'Thuy Son Lower Secondary School',
    kind: 'school',
    parentCode: 'PH-HPG-THUYNGUYEN',
  },
  {
    code: 'GDTX-HPG',
    nameVi: 'Trung tâm Giáo dục thường xuyên thành phố Hải Phòng',
    nameEn: 'Hai Phong Continuing Education Centre',
    kind: 'continuingEducationCentre',
    parentCode: 'SGD-HPG',
  },
];

/** TIME-6: the district bureaus were abolished on 1 Jul 2025; the department took their registers (TIME-7). */
export const DEMO_DISSOLUTIONS: SeedDissolution[] = [
  'PGD-BTR-CHAUTHANH',
  'PGD-BTR-MOCAYNAM',
  'PGD-HPG-LECHAN',
  'PGD-HPG-THUYNGUYEN',
].map((code) => ({
  code,
  effectiveOn: '2025-07-01',
  successorCode: code.startsWith('PGD-BTR') ? 'SGD-BTR' : 'SGD-HPG',
  legalBasis: 'Thông tư 13/2025/TT-BGDĐT; Nghị quyết về sắp xếp đơn vị hành chính cấp xã',
}));

/** One demo user per role (API.md), spread over the tree so that subtree scoping can be tried out. */
export const DEMO_USERS: SeedUser[] = [
  { username: 'bo.admin', displayName: 'Phạm Quốc Hưng', orgCode: 'BGDDT', roles: ['admin'] },
  { username: 'bo.auditor', displayName: 'Lê Thị Thanh Hương', orgCode: 'BGDDT', roles: ['auditor'] },
  { username: 'csdl.sync', displayName: 'Đồng bộ CSDL quốc gia', orgCode: 'BGDDT', roles: ['sync'] },
  { username: 'btr.admin', displayName: 'Trần Văn Khải', orgCode: 'SGD-BTR', roles: ['admin'] },
  { username: 'btr.registrar', displayName: 'Nguyễn Thị Ngọc Hân', orgCode: 'SGD-BTR', roles: ['registrar'] },
  { username: 'btr.signer', displayName: 'Võ Minh Trí', orgCode: 'SGD-BTR', roles: ['signer'] },
  { username: 'btr.printer', displayName: 'Huỳnh Thị Mỹ Linh', orgCode: 'SGD-BTR', roles: ['printer'] },
  { username: 'btr.auditor', displayName: 'Đặng Văn Lộc', orgCode: 'SGD-BTR', roles: ['auditor'] },
  {
    username: 'btr.police',
    displayName: 'Đại úy Lâm Quốc Bảo (Công an tỉnh)',
    orgCode: 'SGD-BTR',
    roles: ['agency'],
  },
  {
    username: 'xa.phutuc',
    displayName: 'Lê Hoàng Phúc',
    orgCode: 'XA-BTR-PHUTUC',
    roles: ['registrar', 'signer', 'printer'],
  },
  {
    username: 'thpt.chuyenbt',
    displayName: 'Ngô Thị Kim Thoa',
    orgCode: 'THPT-BTR-CHUYENBT',
    roles: ['registrar'],
  },
  { username: 'thcs.phutuc', displayName: 'Phan Văn Đức', orgCode: 'THCS-BTR-PHUTUC', roles: ['registrar'] },
  { username: 'hpg.admin', displayName: 'Bùi Thị Thu Trang', orgCode: 'SGD-HPG', roles: ['admin'] },
  { username: 'hpg.registrar', displayName: 'Vũ Đức Thắng', orgCode: 'SGD-HPG', roles: ['registrar'] },
  { username: 'hpg.signer', displayName: 'Nguyễn Thị Hải Yến', orgCode: 'SGD-HPG', roles: ['signer'] },
  {
    username: 'thpt.tranphu',
    displayName: 'Đỗ Thị Thùy Dung',
    orgCode: 'THPT-HPG-TRANPHU',
    roles: ['registrar'],
  },
];

/**
 * Issuer signing keys of the demo (ARCHITECTURE §5 "per province"): each provincial department's key
 * also signs for the communes and schools below it. Real deployments create keys with the CLI.
 */
export const DEMO_ISSUER_KEYS: { orgCode: string; coversSubtree: boolean }[] = [
  { orgCode: 'SGD-BTR', coversSubtree: true },
  { orgCode: 'SGD-HPG', coversSubtree: true },
];
