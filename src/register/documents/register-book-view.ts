/**
 * What the master register (sổ gốc cấp văn bằng, REG-3 – REG-5) shows, already formatted for print:
 * one book per custodian, credential type and year, entries grouped by graduation decision.
 * Every string is NFC Vietnamese; dates are dd/MM/yyyy.
 */
export interface RegisterRowView {
  rowNo: number; // STT, continuous through the book
  fullName: string; // NFC Vietnamese
  dateOfBirth: string; // dd/MM/yyyy
  placeOfBirth: string;
  gender: string; // "Nam" | "Nữ"
  ethnicity: string;
  examScores: string | null; // THPT only
  classification: string; // Vietnamese label ("Giỏi", "Khá", ...) or '' when none (REG-15: THCS from 2024–25 has none; the column stays, empty)
  serialNumber: string; // Số hiệu văn bằng
  registerEntryNumber: string; // Số vào sổ gốc cấp văn bằng
  remarks: string; // Ghi chú (e.g. "Đã cấp lại: ..."), may be ''
}

export interface RegisterGroupView {
  decisionNo: string;
  decidedOn: string; // dd/MM/yyyy
  graduationYear: number;
  schoolName: string;
  studyMode: string; // Vietnamese, e.g. "Chính quy", "Giáo dục thường xuyên"
  examSessionDate: string | null; // THPT: exam sitting / date
  examName: string | null; // THPT: e.g. "Kỳ thi tốt nghiệp THPT năm 2026"
  examCouncil: string | null; // THPT: exam council
  rows: RegisterRowView[];
}

export interface RegisterBookView {
  bookCode: string; // e.g. "SGD-BTR/THPT/2026"
  credentialCode: string; // THCS | THPT | GCNHT | CC
  credentialTitleVi: string; // e.g. "BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG"
  year: number;
  issuerSuperiorNameVi: string | null; // e.g. "ỦY BAN NHÂN DÂN TỈNH BẾN TRE"
  issuerNameVi: string; // e.g. "Sở Giáo dục và Đào tạo tỉnh Bến Tre"
  placeName: string; // e.g. "Bến Tre"
  signerTitle: string; // e.g. "GIÁM ĐỐC" (printed upper-case)
  signerName: string | null;
  closedAt: string | null; // dd/MM/yyyy when the year was closed (REG-7), else null
  groups: RegisterGroupView[];
  generatedAt: string; // ISO time, printed small in the footer
}
