// Every string the /v page shows: [Vietnamese, English]. `{0}`, `{1}` are filled in by msg().

const M = {
  checking: ['Đang kiểm tra…', 'Checking…'],
  noPayload: ['Không có mã QR trong địa chỉ', 'No QR payload in the address'],
  invalidQr: ['Mã QR không hợp lệ', 'Invalid QR code'],
  couldNotVerify: ['Không kiểm tra được', 'Could not verify'],
  invalidSignature: ['Chữ ký không hợp lệ', 'Invalid signature'],
  checkingStatus: ['Chữ ký hợp lệ, đang kiểm tra trạng thái…', 'Signature valid, checking status…'],
  valid: ['Văn bằng hợp lệ, đúng với sổ gốc', 'Valid: matches the register'],
  revoked: ['Văn bằng đã bị thu hồi', 'Revoked'],
  replaced: ['Văn bằng đã được cấp lại', 'Re-issued (replaced)'],
  noMatch: ['Không khớp với sổ gốc', 'Does not match the register'],
  rateLimited: [
    'Quá nhiều lượt tra cứu, vui lòng thử lại sau {0} giây',
    'Too many lookups; try again in {0} seconds',
  ],
  rateLimitedLater: ['Quá nhiều lượt tra cứu, vui lòng thử lại sau', 'Too many lookups; try again later'],
  statusUnknown: ['Chữ ký hợp lệ, chưa kiểm tra được trạng thái', 'Signature valid, status not checked'],

  pass: ['Đạt', 'Pass'],
  fail: ['Không đạt', 'Fail'],
  unknown: ['Chưa rõ', 'Unknown'],
  check_format: ['Định dạng mã QR', 'QR format'],
  check_trustList: ['Danh sách tin cậy', 'Trust list'],
  check_key: ['Khoá ký', 'Signing key'],
  check_issuer: ['Đơn vị cấp', 'Issuer'],
  check_window: ['Thời hạn của khoá', 'Key validity'],
  check_signature: ['Chữ ký số', 'Signature'],
  check_status: ['Trạng thái', 'Status'],
  checks: ['Các bước kiểm tra', 'Checks'],
  signedContent: ['Nội dung được ký trong mã QR', 'Signed content of the QR code'],
  unverifiedContent: ['Nội dung mã QR (chưa xác thực)', 'QR code content (not verified)'],

  fullName: ['Họ và tên', 'Full name'],
  dateOfBirth: ['Ngày sinh', 'Date of birth'],
  credentialType: ['Loại văn bằng', 'Credential type'],
  serialNumber: ['Số hiệu', 'Serial number'],
  registerEntryNumber: ['Số vào sổ gốc cấp văn bằng', 'Register entry number'],
  issuer: ['Đơn vị cấp', 'Issued by'],
  issuedOn: ['Ngày cấp', 'Issued on'],
  signedOn: ['Ngày ký mã QR', 'QR signed on'],
  type_THCS: ['Bằng tốt nghiệp trung học cơ sở', 'Lower secondary school diploma'],
  type_THPT: ['Bằng tốt nghiệp trung học phổ thông', 'Upper secondary school diploma'],
  type_GCNHT: [
    'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông',
    'Certificate of completion of the general education programme',
  ],
  type_CC: ['Chứng chỉ', 'Certificate'],
  noSerial: ['không có (văn bằng số)', 'none (digital-only)'],

  formatOk: ['Đúng định dạng, phiên bản 1', 'Well-formed, version 1'],
  reject_encoding: ['chuỗi số mã hoá sai', 'the digits are not a valid encoding'],
  reject_version: ['phiên bản định dạng không được hỗ trợ', 'unsupported format version'],
  reject_truncated: ['dữ liệu bị cắt cụt', 'the data is truncated'],
  reject_trailing: ['có dữ liệu thừa sau chữ ký', 'extra data after the signature'],
  reject_length: ['độ dài trường không hợp lệ', 'a field has an invalid length'],
  reject_utf8: ['văn bản không phải UTF-8 hợp lệ', 'a text is not valid UTF-8'],
  reject_nfc: ['văn bản không ở dạng chuẩn NFC', 'a text is not in Unicode NFC'],
  reject_packed: ['văn bản nén không hợp lệ', 'invalid packed text'],
  reject_type: ['loại văn bằng không xác định', 'unknown credential type'],
  reject_date: ['ngày sinh sau ngày cấp', 'date of birth after the date of issue'],
  reject_field: ['giá trị trường không hợp lệ', 'a field has an invalid value'],
  reject_noncanonical: ['không phải cách mã hoá chuẩn', 'not the canonical encoding'],

  pending: ['Đang kiểm tra…', 'Checking…'],
  notChecked: ['Chưa kiểm tra', 'Not checked'],
  unsupported: [
    'Trình duyệt không hỗ trợ kiểm tra chữ ký Ed25519',
    'This browser cannot check Ed25519 signatures',
  ],
  trust_network: ['Chữ ký của danh sách hợp lệ', 'List signature verified'],
  trust_cache: ['Chữ ký của danh sách hợp lệ (bản đã lưu)', 'List signature verified (saved copy)'],
  trust_savedOn: ['Dùng danh sách tin cậy đã lưu ngày {0}', 'Using the trust list saved on {0}'],
  trust_unavailable: ['Không có: không tải được danh sách', 'Unavailable: the list could not be loaded'],
  trust_format: ['Danh sách sai định dạng', 'The list is malformed'],
  trust_rootKey: ['Khoá gốc của danh sách khác khoá gốc của trang', "The list's root key is not this page's"],
  trust_signature: ['Chữ ký của danh sách không hợp lệ', "The list's signature is invalid"],
  keyFound: ['Khoá {0} có trong danh sách tin cậy', 'Key {0} is in the trust list'],
  keyUnknown: ['Khoá {0} không có trong danh sách tin cậy', 'Key {0} is not in the trust list'],
  issuerOk: ['Khoá được phép ký cho {0}', 'The key may sign for {0}'],
  issuerUnknown: ['Đơn vị {0} không có trong danh sách tin cậy', 'Issuer {0} is not in the trust list'],
  notIssuersKey: ['Khoá này không được phép ký cho {0}', 'This key may not sign for {0}'],
  windowOk: ['Ký ngày {0}, trong thời hạn của khoá', "Signed on {0}, within the key's validity"],
  noKey: ['Không có khoá để kiểm tra', 'No key to check'],
  notYetValid: [
    'Ký ngày {0}, trước khi khoá có hiệu lực ({1})',
    'Signed on {0}, before the key was valid ({1})',
  ],
  expired: ['Ký ngày {0}, sau khi khoá hết hạn ({1})', 'Signed on {0}, after the key was retired ({1})'],
  compromised: [
    'Khoá bị lộ từ ngày {1}; chữ ký ngày {0} không được tin cậy',
    'The key is compromised from {1}; a signature dated {0} is not trusted',
  ],
  signatureOk: ['Chữ ký Ed25519 hợp lệ', 'Valid Ed25519 signature'],
  signatureBad: ['Chữ ký không khớp với nội dung', 'The signature does not match the content'],

  notAsked: ['Không hỏi máy chủ vì chữ ký chưa được xác nhận', 'Not asked: the signature is not confirmed'],
  asking: ['Đang hỏi máy chủ…', 'Asking the registry…'],
  status_valid: ['Có trong sổ gốc, còn hiệu lực', 'In the register and in force'],
  status_revoked: ['Đã bị thu hồi', 'Revoked'],
  status_replaced: ['Đã được thay bằng văn bằng cấp lại', 'Replaced by a re-issued diploma'],
  status_rateLimited: ['Quá nhiều lượt tra cứu', 'Too many lookups'],
  unreachable: ['Không liên lạc được với máy chủ', 'Could not reach the registry'],
  badAnswer: ['Máy chủ trả lời không hợp lệ (HTTP {0})', 'Unexpected answer from the registry (HTTP {0})'],
  revocation: ['Quyết định thu hồi số {0} ngày {1}', 'Revocation decision no. {0} of {1}'],
  reissue: ['Quyết định cấp lại số {0} ngày {1}', 'Re-issue decision no. {0} of {1}'],
  correction: ['Đã chỉnh sửa theo quyết định số {0} ngày {1}', 'Corrected by decision no. {0} of {1}'],
  corrected: ['Đã chỉnh sửa theo quyết định', 'Corrected by decision'],
  note: ['Ghi chú: {0}', 'Note: {0}'],
  privacy: [
    'Chữ ký được kiểm tra ngay trên trình duyệt; chỉ bước kiểm tra trạng thái gửi mã QR đến máy chủ.',
    'The signature is checked in this browser; only the status check sends the QR code to the registry.',
  ],
  scanHint: [
    'Hãy quét mã QR trên văn bằng bằng camera điện thoại.',
    'Scan the QR code on the diploma with a phone camera.',
  ],
} satisfies Record<string, readonly [string, string]>;

export type Lang = 'vi' | 'en';
export type MsgKey = keyof typeof M;

export const langOf = (value: string | undefined): Lang => (value === 'en' ? 'en' : 'vi');

/** The message in `lang` with `{i}` replaced by `args[i]`. */
export function msg(lang: Lang, key: MsgKey, ...args: string[]): string {
  return M[key][lang === 'vi' ? 0 : 1].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** YYYY-MM-DD → dd/mm/yyyy; anything else unchanged. */
export function dmy(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** An instant as dd/mm/yyyy HH:mm in the browser's time zone; the text unchanged if not a date. */
export function dmyTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
