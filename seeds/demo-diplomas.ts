/**
 * Demo diplomas to try the portal with (`npm start` loads them with DEMO_DIPLOMAS=1): a 2024 THPT
 * graduation decision of Trường THPT Chuyên Bến Tre, issued by Sở GDĐT Bến Tre on blanks BT0000001–10.
 * The README lists what to type; one diploma is revoked and one corrected so every status can be seen.
 */
export const DEMO_DECISION = {
  decisionNo: '1024/QĐ-SGDĐT',
  decidedOn: '2024-07-19',
  credentialType: 'THPT',
  schoolCode: 'THPT-BTR-CHUYENBT',
  graduationYear: 2024,
  examCouncil: 'Hội đồng thi tỉnh Bến Tre',
  studyMode: 'regular' as const,
  signerName: 'Trần Văn Khải',
  signerTitle: 'Giám đốc',
};

export const DEMO_BLANKS = {
  credentialType: 'THPT',
  serialPrefix: 'BT',
  from: 1,
  to: 10,
  digits: 7,
  receivedFrom: 'Nhà xuất bản Giáo dục Việt Nam',
  documentRef: 'PXK 118/NXBGD-2024',
  receivedOn: '2024-06-20',
};

export const DEMO_ISSUED_ON = '2024-08-02';

export const DEMO_GRADUATES = [
  ['Nguyễn Thị Ngọc Ánh', '2006-03-14', 'Bến Tre', 'female', 'Kinh', '12A1'],
  ['Trần Minh Khôi', '2006-11-02', 'Bến Tre', 'male', 'Kinh', '12A1'],
  ['Lê Hoàng Phúc', '2006-07-25', 'Thành phố Hồ Chí Minh', 'male', 'Kinh', '12A2'],
  ['Phạm Thuỳ Dương', '2006-01-09', 'Bến Tre', 'female', 'Kinh', '12A2'],
  ['Thạch Thị Sa Rết', '2006-05-30', 'Trà Vinh', 'female', 'Khmer', '12A3'],
  ['Huỳnh Đức Thịnh', '2006-09-18', 'Bến Tre', 'male', 'Kinh', '12A3'],
  ['Võ Thị Hoà', '2006-12-24', 'Bến Tre', 'female', 'Kinh', '12A4'],
  ['Đặng Quốc Bảo', '2006-04-04', 'Tiền Giang', 'male', 'Kinh', '12A4'],
].map(([fullName, dateOfBirth, placeOfBirth, gender, ethnicity, className]) => ({
  fullName,
  dateOfBirth,
  placeOfBirth,
  gender,
  ethnicity,
  className,
}));

/** Register order: Đặng Quốc Bảo's diploma is revoked (ground a: fraud). */
export const DEMO_REVOCATION = {
  fullName: 'Đặng Quốc Bảo',
  ground: 'fraud' as const,
  decisionNo: '215/QĐ-SGDĐT',
  decidedOn: '2025-03-12',
  publicNote: 'Gian lận trong kỳ thi tốt nghiệp THPT năm 2024',
};

/** Phạm Thuỳ Dương changed her name by a civil-status decision (CORR ground civilStatusChange). */
export const DEMO_CORRECTION = {
  fullName: 'Phạm Thuỳ Dương',
  ground: 'civilStatusChange' as const,
  decisionNo: '87/QĐ-SGDĐT',
  decidedOn: '2025-09-05',
  evidenceRef: 'Trích lục thay đổi hộ tịch số 45/TLHT-UBND',
  changes: { fullName: 'Phạm Thuỳ Dương Anh' },
};
