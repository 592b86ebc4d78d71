/** The portal's languages: Vietnamese by default, English with `?lang=en` (issue 8). */
export type Lang = 'vi' | 'en';

export function langOf(v: unknown): Lang {
  return v === 'en' ? 'en' : 'vi';
}

/** A path in the page's language: Vietnamese links carry no parameter, English ones `lang=en`. */
export function href(path: string, lang: Lang, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...query, ...(lang === 'en' ? { lang: 'en' } : {}) }).toString();
  return q ? `${path}?${q}` : path;
}

const vi = {
  siteName: 'Tra cứu văn bằng, chứng chỉ',
  siteTagline: 'Hệ thống quản lý văn bằng, chứng chỉ giáo dục phổ thông',
  skip: 'Bỏ qua, đến nội dung chính',
  navLookup: 'Tra cứu',
  navDisclosures: 'Công khai',
  navHelp: 'Hướng dẫn',
  navMain: 'Điều hướng chính',
  otherLang: 'English',
  otherLangCode: 'en' as Lang,
  footer:
    'Dữ liệu do cơ quan cấp văn bằng công bố theo Thông tư 21/2019/TT-BGDĐT và Thông tư 10/2026/TT-BGDĐT.',
  apiDocs: 'Giao diện lập trình (API)',
  // home
  homeTitle: 'Tra cứu văn bằng, chứng chỉ',
  homeIntro:
    'Nhập số hiệu, họ và tên, ngày sinh đúng như trên văn bằng. Hệ thống chỉ trả lời văn bằng có khớp với sổ gốc hay không; không tìm kiếm theo tên.',
  serialLabel: 'Số hiệu văn bằng',
  serialHint: 'In ở góc dưới văn bằng, ví dụ BT0123456.',
  nameLabel: 'Họ và tên',
  nameHint: 'Như trên văn bằng; viết có dấu hoặc không dấu đều được.',
  dobLabel: 'Ngày sinh',
  dobHint: 'Ngày/tháng/năm, ví dụ 14/09/2008.',
  submit: 'Tra cứu',
  qrTip: 'Có mã QR trên văn bằng? Quét bằng camera điện thoại để kiểm tra chữ ký số.',
  privacy:
    'Thông tin bạn nhập chỉ dùng để đối chiếu, không hiện trên địa chỉ trang và không ghi vào nhật ký máy chủ.',
  // errors
  errTitle: 'Vui lòng kiểm tra lại thông tin',
  errSerial: 'Số hiệu gồm 1–40 chữ cái, chữ số, dấu cách, ".", "/" hoặc "-".',
  errName: 'Nhập họ và tên (tối đa 127 ký tự).',
  errDob: 'Nhập ngày sinh có thật theo dạng ngày/tháng/năm, ví dụ 14/09/2008.',
  limitedTitle: 'Quá nhiều lượt tra cứu',
  limited: (s: number) => `Vui lòng thử lại sau ${s} giây.`,
  // result
  resultTitle: 'Kết quả tra cứu',
  matchValid: 'Văn bằng hợp lệ, khớp với sổ gốc',
  matchRevoked: 'Văn bằng đã bị thu hồi, hủy bỏ',
  matchReplaced: 'Văn bằng đã được cấp lại; bản này không còn giá trị',
  compare: 'Hãy so sánh từng thông tin dưới đây với bản giấy.',
  decision: (no: string, on: string) => `Quyết định số ${no} ngày ${on}`,
  corrected: 'Nội dung đã được chỉnh sửa theo quyết định:',
  noMatch: 'Không tìm thấy văn bằng khớp với thông tin đã nhập',
  noMatchAdvice: [
    'Kiểm tra lại số hiệu, họ tên và ngày sinh đúng như trên văn bằng.',
    'Văn bằng cấp trước năm 2020 có thể chưa có trên hệ thống: liên hệ cơ quan cấp.',
    'Nếu nghi ngờ văn bằng giả, hãy báo cơ quan cấp hoặc cơ quan công an.',
  ],
  again: 'Tra cứu văn bằng khác',
  checkedAt: (time: string, date: string) => `Tra cứu lúc ${time} ngày ${date} (giờ Việt Nam).`,
  checksTitle: 'Các bước kiểm tra',
  checkRegister: 'Có trong sổ gốc',
  checkStatus: 'Tình trạng hiệu lực',
  pass: 'đạt',
  fail: 'không đạt',
  fields: {
    credentialType: 'Loại văn bằng',
    fullName: 'Họ và tên',
    dateOfBirth: 'Ngày sinh',
    serialNumber: 'Số hiệu',
    registerEntryNumber: 'Số vào sổ gốc',
    school: 'Trường',
    graduationYear: 'Năm tốt nghiệp',
    issuer: 'Cơ quan cấp',
    issuedOn: 'Ngày cấp',
    status: 'Tình trạng',
  },
  status: {
    valid: 'Còn hiệu lực',
    revoked: 'Đã thu hồi, hủy bỏ',
    replaced: 'Đã cấp lại (bản này hết giá trị)',
  },
  noSerial: 'không có (văn bằng số)',
  types: {
    THCS: 'Bằng tốt nghiệp trung học cơ sở',
    THPT: 'Bằng tốt nghiệp trung học phổ thông',
    GCNHT: 'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông',
    CC: 'Chứng chỉ',
  } as Record<string, string>,
  // QR
  qrTitle: 'Kiểm tra mã QR trên văn bằng',
  qrNoScript:
    'Trang này cần JavaScript để kiểm tra chữ ký số ngay trên máy của bạn. Bạn vẫn có thể tra cứu bằng số hiệu, họ tên và ngày sinh.',
  qrWorking: 'Đang kiểm tra…',
  // disclosures
  discTitle: 'Công khai thông tin cấp văn bằng',
  discIntro:
    'Danh sách quyết định công nhận tốt nghiệp đã cấp văn bằng và các quyết định thu hồi, hủy bỏ, theo cơ quan cấp và năm. Không công bố họ tên người học.',
  discIssuer: 'Cơ quan cấp',
  discYear: 'Năm',
  discShow: 'Xem',
  discIssued: 'Văn bằng đã cấp',
  discRevoked: 'Quyết định thu hồi, hủy bỏ',
  discNone: 'Không có.',
  discCols: {
    decision: 'Quyết định',
    school: 'Trường',
    type: 'Loại',
    count: 'Số văn bằng',
    serials: 'Số hiệu',
    issuedOn: 'Ngày cấp',
    ground: 'Lý do',
    note: 'Ghi chú',
    entry: 'Số vào sổ gốc',
  },
  grounds: {
    fraud: 'Gian lận',
    ineligible: 'Không đủ điều kiện',
    unauthorisedIssuer: 'Cấp không đúng thẩm quyền',
    altered: 'Bị tẩy xóa, sửa chữa',
    lentOrMisused: 'Cho người khác sử dụng',
  } as Record<string, string>,
  // help
  helpTitle: 'Hướng dẫn kiểm tra văn bằng',
  notFoundTitle: 'Không tìm thấy trang',
};

export type Texts = typeof vi;

const en: Texts = {
  siteName: 'Diploma and certificate verification',
  siteTagline: 'Registry of general education diplomas and certificates, Viet Nam',
  skip: 'Skip to main content',
  navLookup: 'Verify',
  navDisclosures: 'Disclosures',
  navHelp: 'Help',
  navMain: 'Main navigation',
  otherLang: 'Tiếng Việt',
  otherLangCode: 'vi',
  footer:
    'Data published by the issuing bodies under Circular 21/2019/TT-BGDĐT and Circular 10/2026/TT-BGDĐT of the Ministry of Education and Training.',
  apiDocs: 'API documentation',
  homeTitle: 'Verify a diploma or certificate',
  homeIntro:
    'Enter the serial number, full name and date of birth exactly as printed. The answer only says whether the document matches the master register; there is no search by name.',
  serialLabel: 'Serial number',
  serialHint: 'Printed at the bottom of the diploma, e.g. BT0123456.',
  nameLabel: 'Full name',
  nameHint: 'As printed; with or without Vietnamese diacritics.',
  dobLabel: 'Date of birth',
  dobHint: 'Day/month/year, e.g. 14/09/2008.',
  submit: 'Verify',
  qrTip: 'Is there a QR code on the diploma? Scan it with a phone camera to check its digital signature.',
  privacy: 'What you enter is used only for this check; it is not put in the address bar or in server logs.',
  errTitle: 'Please check what you entered',
  errSerial: 'A serial number is 1–40 letters, digits, spaces, ".", "/" or "-".',
  errName: 'Enter the full name (at most 127 characters).',
  errDob: 'Enter a real date of birth as day/month/year, e.g. 14/09/2008.',
  limitedTitle: 'Too many lookups',
  limited: (s: number) => `Please try again in ${s} seconds.`,
  resultTitle: 'Verification result',
  matchValid: 'Valid: matches the master register',
  matchRevoked: 'This diploma has been revoked and annulled',
  matchReplaced: 'This diploma was re-issued; this copy is no longer valid',
  compare: 'Compare each detail below with the paper document.',
  decision: (no: string, on: string) => `Decision No. ${no} of ${on}`,
  corrected: 'Details were corrected by decision:',
  noMatch: 'No diploma matches the details entered',
  noMatchAdvice: [
    'Check the serial number, full name and date of birth exactly as printed.',
    'Diplomas issued before 2020 may not be in the system yet: contact the issuing body.',
    'If you suspect a forgery, report it to the issuing body or the police.',
  ],
  again: 'Verify another diploma',
  checkedAt: (time: string, date: string) => `Checked at ${time} on ${date} (Viet Nam time).`,
  checksTitle: 'Checks',
  checkRegister: 'In the master register',
  checkStatus: 'Legal status',
  pass: 'passed',
  fail: 'failed',
  fields: {
    credentialType: 'Type',
    fullName: 'Full name',
    dateOfBirth: 'Date of birth',
    serialNumber: 'Serial number',
    registerEntryNumber: 'Register entry number',
    school: 'School',
    graduationYear: 'Graduation year',
    issuer: 'Issuing body',
    issuedOn: 'Date of issue',
    status: 'Status',
  },
  status: { valid: 'Valid', revoked: 'Revoked and annulled', replaced: 'Re-issued (this copy is void)' },
  noSerial: 'none (digital-only)',
  types: {
    THCS: 'Lower secondary school diploma',
    THPT: 'Upper secondary school diploma',
    GCNHT: 'Certificate of completion of the general education programme',
    CC: 'Certificate',
  },
  qrTitle: 'Check the QR code on a diploma',
  qrNoScript:
    'This page needs JavaScript to check the digital signature on your device. You can still verify by serial number, name and date of birth.',
  qrWorking: 'Checking…',
  discTitle: 'Published issuance data',
  discIntro:
    'Graduation decisions under which diplomas were issued, and revocation decisions, by issuing body and year. Holders’ names are not published.',
  discIssuer: 'Issuing body',
  discYear: 'Year',
  discShow: 'Show',
  discIssued: 'Diplomas issued',
  discRevoked: 'Revocation decisions',
  discNone: 'None.',
  discCols: {
    decision: 'Decision',
    school: 'School',
    type: 'Type',
    count: 'Diplomas',
    serials: 'Serial numbers',
    issuedOn: 'Issued on',
    ground: 'Ground',
    note: 'Note',
    entry: 'Register entry',
  },
  grounds: {
    fraud: 'Fraud',
    ineligible: 'Not eligible',
    unauthorisedIssuer: 'Issued without authority',
    altered: 'Altered',
    lentOrMisused: 'Lent to or used by another person',
  },
  helpTitle: 'How to verify a diploma',
  notFoundTitle: 'Page not found',
};

export const TEXTS: Record<Lang, Texts> = { vi, en };
