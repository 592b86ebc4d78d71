import ExcelJS from 'exceljs';
import { pdfText } from '../../../test/support/pdf';
import { registerBookPdf } from './register-book-pdf';
import type { RegisterBookView, RegisterGroupView, RegisterRowView } from './register-book-view';
import { registerBookXlsx } from './register-book-xlsx';

// Every Vietnamese vowel with every tone mark, đ/Đ, upper and lower case, spread over the names.
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Ưng',
  'Ông',
];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Ngọc', 'Thế', 'Quỳnh', 'Mỹ', 'Đức', 'Ánh', 'Ẩn', 'Ỷ', 'Ơn'];
const GIVEN = [
  'Tuyết',
  'Phước',
  'Hương',
  'Thắng',
  'Duyên',
  'Ước',
  'Hiển',
  'Trâm',
  'Ngữ',
  'Lụa',
  'Khoa',
  'Ẩm',
  'Ỳ',
  'Ợi',
  'Ỡ',
  'Ửng',
  'Ằng',
  'Ẵn',
  'Ặc',
  'Ấn',
  'Ầu',
  'Ẫn',
  'Ậu',
  'Ếch',
  'Ềnh',
  'Ễ',
  'Ệ',
  'Ểnh',
  'Ỉ',
  'Ĩ',
  'Ị',
  'Ọ',
  'Ỏ',
  'Õ',
  'Ố',
  'Ồ',
  'Ổ',
  'Ỗ',
  'Ộ',
  'Ớ',
  'Ờ',
  'Ở',
  'Ụ',
  'Ủ',
  'Ũ',
  'Ứ',
  'Ừ',
  'Ữ',
  'Ự',
  'Ý',
  'Ỵ',
  'Ỹ',
  'Ắc',
  'Ẳng',
  'Ỡi',
  'Ởi',
  'Ỗi',
  'Ửa',
];
/** A name written with combining marks (NFD), as it might come from a scanner or an old system. */
const NFD_NAME = 'Nguyễn Thị Ỷ Lệ Ường'.normalize('NFD');

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function rows(credential: string, count: number, firstNo: number, year: number): RegisterRowView[] {
  return Array.from({ length: count }, (_, i) => {
    const no = firstNo + i;
    const thpt = credential === 'THPT';
    return {
      rowNo: no,
      fullName: `${FAMILY[no % FAMILY.length]} ${MIDDLE[(no * 7) % MIDDLE.length]} ${GIVEN[no % GIVEN.length]}`,
      dateOfBirth: `${pad((no % 28) + 1, 2)}/${pad((no % 12) + 1, 2)}/${thpt ? year - 18 : year - 15}`,
      placeOfBirth: no % 5 === 0 ? 'Xã Phú Túc, huyện Châu Thành, tỉnh Bến Tre' : 'Bến Tre',
      gender: no % 2 ? 'Nữ' : 'Nam',
      ethnicity: no % 9 === 0 ? 'Khmer' : 'Kinh',
      examScores: thpt ? `Toán ${(no % 10) + 0.25}; Văn ${(no % 7) + 3}; Anh ${(no % 5) + 5}` : null,
      // REG-15: a THCS book from 2024–25 on has no classification; the THPT one has.
      classification: thpt ? ['Giỏi', 'Khá', 'Trung bình'][no % 3] : '',
      // Leading zeros matter: the serial is an identifier, not a number.
      serialNumber: `${credential === 'THCS' ? '00' : 'B 00'}${pad(no, 5)}`,
      registerEntryNumber: `${no}/${credential}/${year}`, // NUM-4 format {seq}/{typeCode}/{yyyy}
      remarks: no % 17 === 0 ? `Đã cấp lại: quyết định số ${no}/QĐ-SGDĐT` : '',
    };
  });
}

function group(credential: string, decisionNo: string, count: number, firstNo: number): RegisterGroupView {
  const thpt = credential === 'THPT';
  return {
    decisionNo,
    decidedOn: '15/06/2026',
    graduationYear: 2026,
    schoolName: thpt ? 'Trường THPT chuyên Bến Tre' : 'Trường THCS Phú Túc',
    studyMode: 'Chính quy',
    examSessionDate: thpt ? '26/06/2026 – 28/06/2026' : null,
    examName: thpt ? 'Kỳ thi tốt nghiệp THPT năm 2026' : null,
    examCouncil: thpt ? 'Hội đồng thi Sở Giáo dục và Đào tạo tỉnh Bến Tre' : null,
    rows: rows(credential, count, firstNo, 2026),
  };
}

function thcsBook(): RegisterBookView {
  const g1 = group('THCS', '123/QĐ-UBND', 3, 1);
  const g2 = group('THCS', '456/QĐ-UBND', 40, 4);
  g1.rows[1].fullName = NFD_NAME.normalize('NFC'); // the caller hands the renderer NFC text
  return {
    bookCode: 'SGD-BTR/THCS/2026',
    credentialCode: 'THCS',
    credentialTitleVi: 'BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ',
    year: 2026,
    issuerSuperiorNameVi: 'Ủy ban nhân dân xã Phú Túc',
    issuerNameVi: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre',
    placeName: 'Bến Tre',
    signerTitle: 'Giám đốc',
    signerName: 'Nguyễn Văn Đông',
    closedAt: null,
    groups: [g1, g2],
    generatedAt: '2026-07-01T03:04:05.000Z',
  };
}

function thptBook(count = 250): RegisterBookView {
  const first = Math.floor(count / 3);
  return {
    bookCode: 'SGD-BTR/THPT/2026',
    credentialCode: 'THPT',
    credentialTitleVi: 'BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
    year: 2026,
    issuerSuperiorNameVi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
    issuerNameVi: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre',
    placeName: 'Bến Tre',
    signerTitle: 'GIÁM ĐỐC',
    signerName: 'Trần Thị Ánh Nguyệt',
    closedAt: '31/12/2026',
    groups: [
      group('THPT', '789/QĐ-SGDĐT', first, 1),
      group('THPT', '790/QĐ-SGDĐT', count - first, first + 1),
    ],
    generatedAt: '2026-12-31T09:00:00.000Z',
  };
}

const allRows = (v: RegisterBookView) => v.groups.flatMap((g) => g.rows);
const TRANG = /Trang (\d+) \/ (\d+)/;
const HAS_TABLE = 'Họ và tên';
const SIGNATURE_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';

/** Checks shared by both books: cover, footers, pages, rows (REG-4, REG-5, REG-8, REG-11, PRINT-8). */
function expectBook(view: RegisterBookView, pdf: Buffer) {
  const t = pdfText(pdf);
  const n = t.numPages;
  const text = t.pages.join('\n');
  expect(t.title).toBe(`Sổ gốc ${view.bookCode}`);

  // Cover: issuer under its superior, national motto, title, year, page count (REG-8).
  const cover = t.pages[0];
  expect(cover).toContain(view.issuerNameVi.toUpperCase());
  if (view.issuerSuperiorNameVi) {
    expect(cover).toContain(view.issuerSuperiorNameVi.toUpperCase());
    expect(cover.indexOf(view.issuerSuperiorNameVi.toUpperCase())).toBeLessThan(
      cover.indexOf(view.issuerNameVi.toUpperCase()),
    );
  }
  expect(cover).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(cover).toContain('Độc lập - Tự do - Hạnh phúc');
  expect(cover).toContain(`SỔ GỐC CẤP ${view.credentialTitleVi}`);
  expect(cover).toContain(`Năm ${view.year}`);
  expect(cover).toContain(`Sổ này có ${n} trang, đánh số từ trang 1 đến trang ${n}`);
  if (view.closedAt) expect(cover).toContain(`Khóa sổ ngày ${view.closedAt}`);
  else expect(text).not.toContain('Khóa sổ ngày');

  // Footer on every page: continuous numbering with the right total, and the book code.
  t.pages.forEach((page, i) => {
    const m = TRANG.exec(page);
    expect(m && [Number(m[1]), Number(m[2])]).toEqual([i + 1, n]);
    expect(page).toContain(`Sổ gốc ${view.bookCode} — in lúc ${view.generatedAt}`);
    // REG-8: no blank page: every page carries the table or the signature block.
    expect(page.includes(HAS_TABLE) || page.includes(SIGNATURE_HINT)).toBe(true);
  });

  // Group headers (REG-4), each once; continuation pages name the decision instead.
  const thpt = view.credentialCode === 'THPT';
  for (const g of view.groups) {
    const lines = [
      `Quyết định công nhận tốt nghiệp số ${g.decisionNo} ngày ${g.decidedOn}`,
      `Năm tốt nghiệp: ${g.graduationYear}`,
      `Trường: ${g.schoolName}`,
      `Hình thức học: ${g.studyMode}`,
    ];
    if (thpt)
      lines.push(
        `Kỳ thi: ${g.examName}`,
        `Khóa thi/ngày thi: ${g.examSessionDate}`,
        `Hội đồng thi: ${g.examCouncil}`,
      );
    for (const l of lines) expect(text).toContain(l);
    expect(text.split(lines[0]).length - 1).toBe(1);
  }
  if (!thpt) expect(text).not.toMatch(/Kỳ thi:|Hội đồng thi:/);
  for (const page of t.pages.slice(1))
    if (page.includes(HAS_TABLE) && !page.includes('Quyết định công nhận tốt nghiệp số'))
      expect(page).toMatch(/^\(tiếp theo\) Quyết định số \S+ ngày \d\d\/\d\d\/\d{4}/);

  // REG-5 column headers in order on every page with a table; "Điểm thi" only for THPT.
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const headers = [
    'STT',
    'Họ và tên',
    'Ngày tháng năm sinh',
    'Nơi sinh',
    'Giới tính',
    'Dân tộc',
    ...(thpt ? ['Điểm thi'] : []),
    'Xếp loại tốt nghiệp',
    'Số hiệu văn bằng',
    'Số vào sổ gốc cấp văn bằng',
    'Chữ ký người nhận bằng',
    'Ghi chú',
  ];
  for (const page of t.pages.filter((p) => p.includes(HAS_TABLE))) {
    const p = flat(page);
    let at = -1;
    for (const h of headers) {
      const i = p.indexOf(h, at + 1);
      expect(i).toBeGreaterThan(at);
      at = i;
    }
    expect(p.includes('Điểm thi')).toBe(thpt);
  }

  // Every row, exact NFC, in book order: name, serial and register number on the same page.
  const rowsList = allRows(view);
  expect(rowsList.map((r) => r.rowNo)).toEqual(rowsList.map((_, i) => i + 1));
  let page = 0;
  for (const r of rowsList) {
    while (page < n && !t.pages[page].includes(r.serialNumber)) page++;
    expect(page).toBeLessThan(n);
    expect(t.pages[page]).toContain(r.fullName);
    expect(t.pages[page]).toContain(r.registerEntryNumber);
    expect(t.pages[page]).toContain(`${r.rowNo} ${r.fullName} ${r.dateOfBirth}`);
  }

  // Signature block (PRINT-8) after the last row, on the last page, with table rows above it.
  const last = t.pages[n - 1];
  const sig = [
    `${view.placeName}, ngày ..... tháng ..... năm ${view.year}`,
    view.signerTitle.toUpperCase(),
    SIGNATURE_HINT,
    ...(view.signerName ? [view.signerName] : []),
  ];
  let at = last.indexOf(rowsList[rowsList.length - 1].serialNumber);
  expect(at).toBeGreaterThan(-1);
  for (const s of sig) {
    const i = last.indexOf(s, at);
    expect(i).toBeGreaterThan(at);
    at = i;
  }
  for (const p of t.pages.slice(0, -1)) expect(p).not.toContain(SIGNATURE_HINT);
  return t;
}

describe('master register book PDF (REG-3 – REG-8, REG-11, REG-15, PRINT-8)', () => {
  it('REG-4/REG-5/REG-15: a THCS book with two decisions, no exam column, empty classification', async () => {
    const view = thcsBook();
    expect(view.groups[0].rows[1].fullName).toBe('Nguyễn Thị Ỷ Lệ Ường');
    expect(NFD_NAME).not.toBe(view.groups[0].rows[1].fullName);
    const t = expectBook(view, await registerBookPdf(view));
    expect(t.numPages).toBeGreaterThan(1);
    expect(t.pages.join('\n')).not.toContain(NFD_NAME);
    // REG-15: no classification printed in a 2026 THCS book, the column header stays.
    for (const label of ['Giỏi', 'Khá', 'Trung bình']) expect(t.pages.join('\n')).not.toContain(label);
  });

  it('REG-4/REG-8: a THPT book of 250 rows over several pages, exam header lines, closing date', async () => {
    const view = thptBook();
    const t = expectBook(view, await registerBookPdf(view));
    expect(t.numPages).toBeGreaterThanOrEqual(5);
    expect(t.pages.join('\n')).toContain('Toán 1.25; Văn 4;');
  });

  it('REG-8: rendering is deterministic (same view, same bytes), and the dates come from generatedAt', async () => {
    const [a, b] = await Promise.all([registerBookPdf(thptBook()), registerBookPdf(thptBook())]);
    expect(a.equals(b)).toBe(true);
    const other = await registerBookPdf({ ...thptBook(), generatedAt: '2027-01-02T00:00:00.000Z' });
    expect(other.equals(a)).toBe(false);
    expect(a.toString('latin1')).toContain('(D:20261231090000Z)');
  });

  it('REG-8: a book with one row per page break and a signer without name still has no blank page', async () => {
    const view: RegisterBookView = { ...thcsBook(), signerName: null, closedAt: '31/12/2026' };
    // Try lengths around a page break, so the last row and the signature meet the bottom edge.
    for (const count of [14, 15, 16, 17, 18, 19, 20]) {
      const g = group('THCS', '9/QĐ-UBND', count, 1);
      const v = { ...view, groups: [g] };
      const t = expectBook(v, await registerBookPdf(v));
      expect(t.pages[t.numPages - 1]).toContain(HAS_TABLE);
    }
  });

  it('renders an empty book (no decisions yet) as one page with the signature block', async () => {
    const view: RegisterBookView = { ...thcsBook(), groups: [] };
    const t = pdfText(await registerBookPdf(view));
    expect(t.numPages).toBe(1);
    expect(t.pages[0]).toContain('Sổ này có 1 trang');
    expect(t.pages[0]).toContain(SIGNATURE_HINT);
    expect(t.pages[0]).toContain('Trang 1 / 1');
  });

  it('renders 10,000 rows in well under 15 s', async () => {
    const view = thptBook(10_000);
    const started = performance.now();
    const pdf = await registerBookPdf(view);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(15_000);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(300);
  }, 60_000);
});

describe('master register book XLSX', () => {
  it('has the REG-5 table per decision with identifiers as text, and the book metadata', async () => {
    const view = thcsBook();
    view.groups[1].rows[0].serialNumber = '0000123';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerBookXlsx(view)) as unknown as ArrayBuffer);

    const ws = wb.getWorksheet('So goc')!;
    expect(ws).toBeDefined();
    const values = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    const rowsOf: ExcelJS.Row[] = [];
    ws.eachRow((r) => rowsOf.push(r));
    expect(String(values(rowsOf.find((r) => r.getCell(1).text.startsWith('SỔ GỐC CẤP'))!)[0])).toBe(
      'SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ — NĂM 2026',
    );
    const headerRows = rowsOf.filter((r) => r.getCell(1).value === 'STT');
    expect(headerRows).toHaveLength(2);
    expect(values(headerRows[0])).toEqual([
      'STT',
      'Họ và tên',
      'Ngày tháng năm sinh',
      'Nơi sinh',
      'Giới tính',
      'Dân tộc',
      'Xếp loại tốt nghiệp',
      'Số hiệu văn bằng',
      'Số vào sổ gốc cấp văn bằng',
      'Chữ ký người nhận bằng',
      'Ghi chú',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRows[0].number });
    for (const g of view.groups)
      expect(
        rowsOf.some(
          (r) =>
            r.getCell(1).value === `Quyết định công nhận tốt nghiệp số ${g.decisionNo} ngày ${g.decidedOn}`,
        ),
      ).toBe(true);

    const data = rowsOf.filter((r) => typeof r.getCell(1).value === 'number');
    expect(data).toHaveLength(43);
    const zeroRow = data.find((r) => r.getCell(2).value === view.groups[1].rows[0].fullName)!;
    expect(zeroRow.getCell(8).value).toBe('0000123');
    expect(zeroRow.getCell(8).type).toBe(ExcelJS.ValueType.String);
    expect(data[1].getCell(2).value).toBe('Nguyễn Thị Ỷ Lệ Ường');
    expect(data.map((r) => r.getCell(9).value)).toEqual(allRows(view).map((r) => r.registerEntryNumber));

    const info = wb.getWorksheet('Thong tin')!;
    const meta = new Map<string, unknown>();
    info.eachRow((r) => meta.set(r.getCell(1).text, r.getCell(2).value));
    expect(meta.get('Mã sổ (bookCode)')).toBe(view.bookCode);
    expect(meta.get('Năm (year)')).toBe(2026);
    expect(meta.get('Đơn vị cấp (issuer)')).toBe(view.issuerNameVi);
    expect(meta.get('Khóa sổ ngày (closedAt)')).toBe('');
    expect(meta.get('Thời điểm tạo (generatedAt)')).toBe(view.generatedAt);
    expect(meta.get('Số dòng (row count)')).toBe(43);
  });

  it('THPT: has the exam column and exam header lines', async () => {
    const view = thptBook(20);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerBookXlsx(view)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('So goc')!;
    const cells: unknown[] = [];
    ws.eachRow((r) => cells.push(r.getCell(1).value));
    expect(cells).toContain('Kỳ thi: Kỳ thi tốt nghiệp THPT năm 2026');
    expect(cells).toContain('Hội đồng thi: Hội đồng thi Sở Giáo dục và Đào tạo tỉnh Bến Tre');
    let header: ExcelJS.Row | undefined;
    ws.eachRow((r) => (header ??= r.getCell(1).value === 'STT' ? r : undefined));
    expect(header!.getCell(7).value).toBe('Điểm thi');
    expect(header!.getCell(11).value).toBe('Chữ ký người nhận bằng');
  });
});
