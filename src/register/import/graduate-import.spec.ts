import ExcelJS from 'exceljs';
import {
  CLASSIFICATIONS,
  ETHNIC_GROUPS,
  graduateTemplateCsv,
  graduateTemplateXlsx,
  importFromCsv,
  importFromJson,
  importFromXlsx,
  MAX_ERRORS,
  parseCsv,
  parseDate,
  TEMPLATE_COLUMNS,
  type ImportOptions,
  type ImportResult,
} from './graduate-import';

const THPT: ImportOptions = {
  credentialKind: 'upperSecondaryDiploma',
  graduationYear: 2025,
  classificationAllowed: true,
};
const THCS_2025: ImportOptions = {
  credentialKind: 'lowerSecondaryDiploma',
  graduationYear: 2025,
  classificationAllowed: false,
};

const BASE = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '15/03/2007',
  placeOfBirth: 'Hà Nội',
  gender: 'Nam',
  ethnicity: 'Kinh',
};

const HEADER = 'STT,Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Quốc tịch,Số định danh cá nhân';

function one(fields: Record<string, unknown>, opts: ImportOptions = THPT): ImportResult {
  return importFromJson([{ ...BASE, ...fields }], opts);
}

/** "row:field:code" of each error (or warning), for compact assertions. */
function codes(list: { row: number; field: string; code: string }[]): string[] {
  return list.map((e) => `${e.row}:${e.field}:${e.code}`);
}

function csv(text: string, opts: ImportOptions = THPT): ImportResult {
  return importFromCsv(Buffer.from(text, 'utf8'), opts);
}

async function xlsx(
  rows: ExcelJS.CellValue[][],
  build?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void,
  sheetName = 'Danh sach',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  build?.(wb, ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('exports', () => {
  it('lists the template columns in order with the required ones', () => {
    expect(TEMPLATE_COLUMNS.map((c) => c.header)).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Nơi sinh',
      'Giới tính',
      'Dân tộc',
      'Quốc tịch',
      'Số định danh cá nhân',
      'Mã học sinh',
      'Xếp loại tốt nghiệp',
      'Lớp',
      'Điểm thi',
    ]);
    expect(TEMPLATE_COLUMNS.filter((c) => c.required).map((c) => c.field)).toEqual([
      'fullName',
      'dateOfBirth',
      'placeOfBirth',
      'gender',
      'ethnicity',
    ]);
    expect(CLASSIFICATIONS).toEqual(['excellent', 'veryGood', 'good', 'average']);
  });

  it('names the 54 recognised ethnic groups once each, in NFC', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54);
    expect(new Set(ETHNIC_GROUPS).size).toBe(54);
    for (const g of ETHNIC_GROUPS) expect(g).toBe(g.normalize('NFC'));
  });
});

describe('a valid graduate (JSON)', () => {
  it('is normalised: NFC, whitespace collapsed, ISO date, codes, defaults', () => {
    const r = importFromJson(
      [
        {
          fullName: '  Trần   Thị\tBích Ngọc ',
          dateOfBirth: '5/9/2007',
          placeOfBirth: 'Thành phố  Hồ Chí Minh',
          gender: 'nữ',
          ethnicity: 'Kinh',
          personalIdNumber: '079 307 012 345',
          learnerCode: 'HS-0001',
          classification: 'Giỏi',
          className: '12A1',
          examScores: 'Toán 8.25; Ngữ văn 7.5',
        },
      ],
      THPT,
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.rowCount).toBe(1);
    expect(r.graduates).toEqual([
      {
        fullName: 'Trần Thị Bích Ngọc',
        dateOfBirth: '2007-09-05',
        placeOfBirth: 'Thành phố Hồ Chí Minh',
        gender: 'female',
        ethnicity: 'Kinh',
        nationality: 'Việt Nam',
        personalIdNumber: '079307012345',
        learnerCode: 'HS-0001',
        classification: 'veryGood',
        className: '12A1',
        examScores: 'Toán 8.25; Ngữ văn 7.5',
      },
    ]);
  });

  it('stores NFD input (e.g. from macOS) as NFC, keeping the case as written', () => {
    const nfd = 'NGUYỄN thị Hoà'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const r = one({
      fullName: nfd,
      placeOfBirth: 'Đà Nẵng'.normalize('NFD'),
      ethnicity: 'Tày'.normalize('NFD'),
    });
    expect(r.errors).toEqual([]);
    expect(r.graduates[0].fullName).toBe('NGUYỄN thị Hoà'.normalize('NFC'));
    expect(r.graduates[0].placeOfBirth).toBe('Đà Nẵng'.normalize('NFC'));
    expect(r.graduates[0].ethnicity).toBe('Tày'.normalize('NFC'));
    expect(r.warnings).toEqual([]);
  });

  it('leaves optional fields null when empty or absent and defaults the nationality', () => {
    const r = one({ nationality: ' ', personalIdNumber: '', learnerCode: null, classification: undefined });
    expect(r.graduates[0]).toMatchObject({
      nationality: 'Việt Nam',
      personalIdNumber: null,
      learnerCode: null,
      classification: null,
      className: null,
      examScores: null,
    });
  });

  it('keeps a nationality given', () => {
    expect(one({ nationality: 'Lào' }).graduates[0].nationality).toBe('Lào');
  });

  it('accepts rowNo in JSON and ignores it', () => {
    const r = one({ rowNo: 7 });
    expect(r.errors).toEqual([]);
    expect(r.graduates[0]).not.toHaveProperty('rowNo');
  });
});

describe('field rules', () => {
  it.each(['fullName', 'dateOfBirth', 'placeOfBirth', 'gender', 'ethnicity'])('REQUIRED: %s', (field) => {
    for (const empty of ['', '   ', null, undefined]) {
      const r = one({ [field]: empty });
      expect(codes(r.errors)).toEqual([`1:${field}:REQUIRED`]);
      expect(r.graduates).toEqual([]);
    }
  });

  describe('fullName', () => {
    it.each([
      "H'Hen Niê",
      'Lò Văn Páo',
      'Nguyễn-Trần Minh Khôi',
      'Nguyễn T. Hà',
      'Công Tôn Nữ Thị Hoàng Phương Thảo',
      'Ngô Bảo Châu',
      'Marie-Hélène O’Brien',
      'Тимур Ким',
    ])('accepts %s', (name) => {
      const r = one({ fullName: name });
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
    });

    it.each(['A', 'Nguyễn Văn 2', 'Nguyễn_An', 'Lê@An', '-Lê An', "'Lê", 'x'.repeat(101)])(
      'INVALID_NAME: %s',
      (name) => {
        expect(codes(one({ fullName: name }).errors)).toEqual(['1:fullName:INVALID_NAME']);
      },
    );

    it('accepts 2 and 100 characters', () => {
      expect(one({ fullName: 'Yă' }).errors).toEqual([]);
      expect(one({ fullName: 'a'.repeat(50) + ' ' + 'b'.repeat(49) }).errors).toEqual([]);
    });

    it('allows a one-word name with the warning SINGLE_WORD_NAME', () => {
      const r = one({ fullName: 'Kpă' });
      expect(r.errors).toEqual([]);
      expect(codes(r.warnings)).toEqual(['1:fullName:SINGLE_WORD_NAME']);
      expect(r.graduates).toHaveLength(1);
    });
  });

  describe('dateOfBirth', () => {
    it.each([
      ['15/03/2007', '2007-03-15'],
      ['5/3/2007', '2007-03-05'],
      ['05/3/2007', '2007-03-05'],
      ['15-03-2007', '2007-03-15'],
      ['15.03.2007', '2007-03-15'],
      ['2007-03-15', '2007-03-15'],
      ['29/02/2008', '2008-02-29'],
      [' 15/03/2007 ', '2007-03-15'],
    ])('reads %s as %s', (input, iso) => {
      const r = one({ dateOfBirth: input });
      expect(r.errors).toEqual([]);
      expect(r.graduates[0].dateOfBirth).toBe(iso);
    });

    it.each([
      '31/02/2007',
      '29/02/2007',
      '03/15/2007',
      '15/03/07',
      '15/03-2007',
      '2007/03/15',
      '2007-3-15',
      '2007-03-15T00:00:00.000Z',
      '15 tháng 3 năm 2007',
      '39156',
      '00/03/2007',
    ])('INVALID_DATE: %s', (input) => {
      expect(codes(one({ dateOfBirth: input }).errors)).toEqual(['1:dateOfBirth:INVALID_DATE']);
    });

    it('IMPLAUSIBLE_DATE: younger than 10 or older than 100 in the graduation year', () => {
      expect(one({ dateOfBirth: '01/01/2015' }).errors).toEqual([]); // 10 in 2025
      expect(one({ dateOfBirth: '31/12/1925' }).errors).toEqual([]); // 100 in 2025
      expect(codes(one({ dateOfBirth: '01/01/2016' }).errors)).toEqual(['1:dateOfBirth:IMPLAUSIBLE_DATE']);
      expect(codes(one({ dateOfBirth: '31/12/1924' }).errors)).toEqual(['1:dateOfBirth:IMPLAUSIBLE_DATE']);
      expect(codes(one({ dateOfBirth: '15/03/2007' }, { ...THPT, graduationYear: 2110 }).errors)).toEqual([
        '1:dateOfBirth:IMPLAUSIBLE_DATE',
      ]);
    });

    it('parseDate rejects non-dates and keeps real ones', () => {
      expect(parseDate('1/1/2000')).toBe('2000-01-01');
      expect(parseDate('31/04/2000')).toBeNull();
      expect(parseDate('')).toBeNull();
    });
  });

  describe('gender', () => {
    it.each([
      ['Nam', 'male'],
      ['NAM', 'male'],
      ['nam', 'male'],
      ['male', 'male'],
      ['Male', 'male'],
      ['M', 'male'],
      ['m', 'male'],
      ['Nữ', 'female'],
      ['NỮ', 'female'],
      ['Nu', 'female'],
      ['nu', 'female'],
      ['Nữ'.normalize('NFD'), 'female'],
      ['female', 'female'],
      ['F', 'female'],
    ])('%s → %s', (input, gender) => {
      const r = one({ gender: input });
      expect(r.errors).toEqual([]);
      expect(r.graduates[0].gender).toBe(gender);
    });

    it.each(['Trai', 'x', 'Nam/Nữ', '1'])('INVALID_GENDER: %s', (input) => {
      expect(codes(one({ gender: input }).errors)).toEqual(['1:gender:INVALID_GENDER']);
    });
  });

  describe('ethnicity', () => {
    it.each([
      'Kinh',
      'Tày',
      'Khmer',
      'Khơ-me',
      'Chăm',
      'Ê-đê',
      'Ê Đê',
      'Êđê',
      'Mông',
      "H'Mông",
      'Bru-Vân Kiều',
      'Rơ-măm',
    ])('knows %s', (e) => {
      const r = one({ ethnicity: e });
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.graduates[0].ethnicity).toBe(e);
    });

    it('knows all 54 groups by their listed names', () => {
      const r = importFromJson(
        ETHNIC_GROUPS.map((ethnicity, i) => ({
          ...BASE,
          fullName: `Học Sinh ${'a'.repeat(i + 1)}`,
          ethnicity,
        })),
        THPT,
      );
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
    });

    it('warns UNKNOWN_ETHNICITY for a name outside the list but keeps it', () => {
      const r = one({ ethnicity: 'Việt Nam' });
      expect(r.errors).toEqual([]);
      expect(codes(r.warnings)).toEqual(['1:ethnicity:UNKNOWN_ETHNICITY']);
      expect(r.graduates[0].ethnicity).toBe('Việt Nam');
    });

    it('INVALID_ETHNICITY: over 50 characters or no letter', () => {
      expect(codes(one({ ethnicity: 'K'.repeat(51) }).errors)).toEqual(['1:ethnicity:INVALID_ETHNICITY']);
      expect(codes(one({ ethnicity: '123' }).errors)).toEqual(['1:ethnicity:INVALID_ETHNICITY']);
    });
  });

  describe('personalIdNumber (SYNC-3)', () => {
    it('strips spaces and dots', () => {
      expect(one({ personalIdNumber: '001.207.012.345' }).graduates[0].personalIdNumber).toBe('001207012345');
      expect(one({ personalIdNumber: ' 001 207 012 345 ' }).graduates[0].personalIdNumber).toBe(
        '001207012345',
      );
    });

    it.each(['00120701234', '0012070123456', '00120701234A', '001-207-012-345', '１２３４５６７８９０１２'])(
      'INVALID_PERSONAL_ID: %s',
      (id) => {
        expect(codes(one({ personalIdNumber: id }).errors)).toEqual([
          '1:personalIdNumber:INVALID_PERSONAL_ID',
        ]);
      },
    );

    it('hints at lost leading zeros', () => {
      expect(one({ personalIdNumber: '1207012345' }).errors[0].message).toMatch(/leading zeros/);
    });

    it.each([
      ['male, 2007', 'Nam', '15/03/2007', '001207012345'],
      ['female, 2007', 'Nữ', '15/03/2007', '001307012345'],
      ['male, 1990', 'Nam', '15/03/1990', '001090012345'],
      ['female, 1990', 'Nữ', '15/03/1990', '001190012345'],
    ])('no warning when digits 4–6 agree (%s)', (_case, gender, dateOfBirth, personalIdNumber) => {
      const r = one({ gender, dateOfBirth, personalIdNumber });
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
    });

    it.each([
      ['the gender digit', 'Nữ', '15/03/2007', '001207012345', /digit 4 is 2, expected 3/],
      ['the century digit', 'Nam', '15/03/2007', '001007012345', /digit 4 is 0, expected 2/],
      ['the year digits', 'Nam', '15/03/2007', '001208012345', /digits 5–6 are 08, expected 07/],
    ])(
      'warns PERSONAL_ID_MISMATCH on %s, without blocking',
      (_case, gender, dateOfBirth, personalIdNumber, msg) => {
        const r = one({ gender, dateOfBirth, personalIdNumber });
        expect(r.errors).toEqual([]);
        expect(codes(r.warnings)).toEqual(['1:personalIdNumber:PERSONAL_ID_MISMATCH']);
        expect(r.warnings[0].message).toMatch(msg);
        expect(r.graduates).toHaveLength(1);
      },
    );
  });

  describe('learnerCode', () => {
    it.each(['A', 'HS2025-0001', '0123456789', 'x'.repeat(20)])('accepts %s', (code) => {
      expect(one({ learnerCode: code }).errors).toEqual([]);
    });
    it.each(['x'.repeat(21), 'HS 01', 'HSĐ01', 'HS_01'])('INVALID_LEARNER_CODE: %s', (code) => {
      expect(codes(one({ learnerCode: code }).errors)).toEqual(['1:learnerCode:INVALID_LEARNER_CODE']);
    });
  });

  describe('classification (PRINT-5, REG-15)', () => {
    it.each([
      ['Xuất sắc', 'excellent'],
      ['XUẤT SẮC', 'excellent'],
      ['xuat sac', 'excellent'],
      ['Giỏi', 'veryGood'],
      ['gioi', 'veryGood'],
      ['Khá', 'good'],
      ['KHA', 'good'],
      ['Trung bình', 'average'],
      ['trung binh', 'average'],
      ['excellent', 'excellent'],
      ['veryGood', 'veryGood'],
      ['good', 'good'],
      ['average', 'average'],
    ])('%s → %s', (input, c) => {
      expect(one({ classification: input }).graduates[0].classification).toBe(c);
    });

    it.each(['Tốt', 'Yếu', 'A'])('INVALID_CLASSIFICATION: %s', (input) => {
      expect(codes(one({ classification: input }).errors)).toEqual([
        '1:classification:INVALID_CLASSIFICATION',
      ]);
    });

    it('CLASSIFICATION_NOT_ALLOWED for THCS from the 2024–25 cohort; an empty one is fine', () => {
      expect(codes(one({ classification: 'Khá' }, THCS_2025).errors)).toEqual([
        '1:classification:CLASSIFICATION_NOT_ALLOWED',
      ]);
      const r = one({ classification: '' }, THCS_2025);
      expect(r.errors).toEqual([]);
      expect(r.graduates[0].classification).toBeNull();
    });

    it('accepts a classification for an older THCS cohort', () => {
      const r = one(
        { classification: 'Trung bình', dateOfBirth: '01/01/2005' },
        { credentialKind: 'lowerSecondaryDiploma', graduationYear: 2020, classificationAllowed: true },
      );
      expect(r.graduates[0].classification).toBe('average');
    });
  });

  describe('className and examScores', () => {
    it('TOO_LONG beyond 20 and 500 characters', () => {
      expect(one({ className: 'x'.repeat(20), examScores: 'y'.repeat(500) }).errors).toEqual([]);
      expect(codes(one({ className: 'x'.repeat(21), examScores: 'y'.repeat(501) }).errors)).toEqual([
        '1:className:TOO_LONG',
        '1:examScores:TOO_LONG',
      ]);
    });

    it.each(['lowerSecondaryDiploma', 'generalEducationCompletion', 'certificate'] as const)(
      'EXAM_SCORES_NOT_ALLOWED for %s',
      (credentialKind) => {
        const r = one({ examScores: 'Toán 8' }, { ...THPT, credentialKind });
        expect(codes(r.errors)).toEqual(['1:examScores:EXAM_SCORES_NOT_ALLOWED']);
        expect(one({ examScores: '' }, { ...THPT, credentialKind }).errors).toEqual([]);
      },
    );
  });

  describe('INVALID_CHARACTERS', () => {
    it.each([
      ['fullName', 'Nguyễn\u0000 An'],
      ['placeOfBirth', 'Hà\u0007 Nội'],
      ['ethnicity', 'Kinh\u001b'],
      ['className', '12A1\u000b'],
      ['examScores', 'Toán\u0085 8'],
      ['nationality', 'Vi\uFFFDt Nam'],
      ['learnerCode', 'HS\u007f1'],
    ])('%s', (field, value) => {
      expect(codes(one({ [field]: value }).errors)).toEqual([`1:${field}:INVALID_CHARACTERS`]);
    });

    it('allows tabs and line breaks, collapsed to one space', () => {
      const r = one({ placeOfBirth: 'Xã A,\r\nhuyện B,\ttỉnh C' });
      expect(r.errors).toEqual([]);
      expect(r.graduates[0].placeOfBirth).toBe('Xã A, huyện B, tỉnh C');
    });
  });

  describe('duplicates inside the input', () => {
    it('DUPLICATE_IN_FILE: same name (ignoring case and diacritics) and date of birth as an earlier row', () => {
      const r = importFromJson(
        [
          BASE,
          { ...BASE, fullName: 'Nguyễn Văn Bình' },
          { ...BASE, dateOfBirth: '16/03/2007' },
          { ...BASE, fullName: 'NGUYEN VAN AN', dateOfBirth: '2007-03-15' },
        ],
        THPT,
      );
      expect(codes(r.errors)).toEqual(['4:fullName:DUPLICATE_IN_FILE']);
      expect(r.errors[0].message).toMatch(/row 1\b/);
    });

    it('DUPLICATE_PERSONAL_ID: the same ID number twice, however written', () => {
      const r = importFromJson(
        [
          { ...BASE, personalIdNumber: '001207012345' },
          { ...BASE, fullName: 'Lê Văn Cường', personalIdNumber: '001 207 012 345' },
        ],
        THPT,
      );
      expect(codes(r.errors)).toEqual(['2:personalIdNumber:DUPLICATE_PERSONAL_ID']);
      expect(r.errors[0].message).toMatch(/row 1\b/);
    });
  });
});

describe('JSON input', () => {
  it('INVALID_TYPE for an element that is not an object', () => {
    const r = importFromJson([BASE, null, 'Nguyễn Văn An', [1], { ...BASE, fullName: 'Lê Thị Hoa' }], THPT);
    expect(codes(r.errors)).toEqual(['2:row:INVALID_TYPE', '3:row:INVALID_TYPE', '4:row:INVALID_TYPE']);
    expect(r.rowCount).toBe(5);
  });

  it('UNKNOWN_FIELD for each unknown field', () => {
    const r = one({ graduationClassification: 'Khá', serialNumber: 'X1' });
    expect(codes(r.errors)).toEqual([
      '1:graduationClassification:UNKNOWN_FIELD',
      '1:serialNumber:UNKNOWN_FIELD',
    ]);
  });

  it('INVALID_TYPE for wrong JSON types', () => {
    const r = one({
      fullName: 42,
      dateOfBirth: 39156,
      personalIdNumber: 1207012345,
      gender: true,
      className: ['12A'],
    });
    expect(codes(r.errors)).toEqual([
      '1:fullName:INVALID_TYPE',
      '1:dateOfBirth:INVALID_TYPE',
      '1:gender:INVALID_TYPE',
      '1:personalIdNumber:INVALID_TYPE',
      '1:className:INVALID_TYPE',
    ]);
  });

  it('EMPTY_FILE for no graduates; INVALID_TYPE when not an array', () => {
    expect(codes(importFromJson([], THPT).errors)).toEqual(['0:file:EMPTY_FILE']);
    expect(codes(importFromJson({} as unknown as unknown[], THPT).errors)).toEqual([
      '0:graduates:INVALID_TYPE',
    ]);
  });
});

describe('error reporting', () => {
  it('reports every error of every row, and imports nothing if any row is wrong', () => {
    const r = importFromJson(
      [
        BASE,
        { ...BASE, fullName: 'Lê 3', dateOfBirth: '31/02/2007', gender: 'x', ethnicity: '' },
        { ...BASE, fullName: 'Phạm Thị Lan', personalIdNumber: '12' },
      ],
      THPT,
    );
    expect(codes(r.errors)).toEqual([
      '2:fullName:INVALID_NAME',
      '2:dateOfBirth:INVALID_DATE',
      '2:gender:INVALID_GENDER',
      '2:ethnicity:REQUIRED',
      '3:personalIdNumber:INVALID_PERSONAL_ID',
    ]);
    expect(r.graduates).toEqual([]);
    expect(r.rowCount).toBe(3);
    for (const e of r.errors) expect(e.message).not.toBe('');
  });

  it('stops after 1000 errors and adds TOO_MANY_ERRORS', () => {
    const rows = Array.from({ length: 800 }, () => ({ ...BASE, fullName: '1', gender: '?' }));
    const r = importFromJson(rows, THPT);
    expect(r.errors).toHaveLength(MAX_ERRORS + 1);
    expect(r.errors.slice(0, MAX_ERRORS).every((e) => e.row > 0)).toBe(true);
    expect(r.errors[MAX_ERRORS]).toMatchObject({ row: 0, field: 'file', code: 'TOO_MANY_ERRORS' });
    expect(r.errors[MAX_ERRORS - 1].row).toBe(500);
    expect(r.rowCount).toBe(800);
    expect(r.graduates).toEqual([]);
  });

  it('exactly 1000 errors are all listed without the cap marker', () => {
    const rows = Array.from({ length: 500 }, () => ({ ...BASE, fullName: '1', gender: '?' }));
    const r = importFromJson(rows, THPT);
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors.some((e) => e.code === 'TOO_MANY_ERRORS')).toBe(false);
  });

  it('caps warnings at 1000 with TOO_MANY_WARNINGS; the rows still import', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      ...BASE,
      fullName: `Kpă${'a'.repeat(i % 90)}`,
      dateOfBirth: `${(i % 28) + 1}/${(Math.floor(i / 28) % 12) + 1}/${2000 + Math.floor(i / 336)}`,
    }));
    const r = importFromJson(rows, THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates).toHaveLength(1200);
    expect(r.warnings).toHaveLength(1001);
    expect(r.warnings[1000]).toMatchObject({ row: 0, field: 'file', code: 'TOO_MANY_WARNINGS' });
  });

  it('TOO_MANY_ROWS beyond maxRows, as the only error', () => {
    const rows = Array.from({ length: 4 }, () => ({ fullName: 1 }));
    const r = importFromJson(rows, { ...THPT, maxRows: 3 });
    expect(codes(r.errors)).toEqual(['0:file:TOO_MANY_ROWS']);
    expect(r.rowCount).toBe(4);
    expect(importFromJson(rows.slice(0, 3), { ...THPT, maxRows: 3 }).errors[0].code).not.toBe(
      'TOO_MANY_ROWS',
    );
  });

  it('rejects invalid options as a programming error', () => {
    expect(() => importFromJson([BASE], { ...THPT, credentialKind: 'bachelor' as 'certificate' })).toThrow(
      RangeError,
    );
    expect(() => importFromJson([BASE], { ...THPT, graduationYear: 2025.5 })).toThrow(RangeError);
  });
});

describe('CSV', () => {
  it('reads a comma-separated UTF-8 file with BOM and CRLF', () => {
    const r = csv(
      '\uFEFF' +
        HEADER +
        '\r\n' +
        '1,Nguyễn Văn An,15/03/2007,Hà Nội,Nam,Kinh,,001207012345\r\n' +
        '2,Lê Thị Hoa,01/12/2007,Huế,Nữ,Kinh,Việt Nam,\r\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.rowCount).toBe(2);
    expect(r.graduates.map((g) => [g.fullName, g.dateOfBirth, g.gender, g.personalIdNumber])).toEqual([
      ['Nguyễn Văn An', '2007-03-15', 'male', '001207012345'],
      ['Lê Thị Hoa', '2007-12-01', 'female', null],
    ]);
  });

  it('detects a semicolon delimiter from the header line (Vietnamese Excel), even with a comma in a header', () => {
    const r = csv(
      'STT;Họ, chữ đệm và tên;Ngày, tháng, năm sinh;Nơi sinh;Giới tính;Dân tộc;Điểm thi\n' +
        '1;Nguyễn Văn An;15/03/2007;Hà Nội;Nam;Kinh;"Toán 8,25; Văn 7,5"\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.graduates[0]).toMatchObject({ fullName: 'Nguyễn Văn An', examScores: 'Toán 8,25; Văn 7,5' });
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const r = csv(
      'Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Điểm thi\n' +
        '"Nguyễn Văn An","15/03/2007","Xã A, huyện B","Nam","Kinh","Toán ""8.25"",\nVăn 7"\n' +
        'Lê Thị Hoa,1/2/2007,"Huế\r\n(Thừa Thiên)",Nữ,Kinh,\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.graduates.map((g) => [g.placeOfBirth, g.examScores])).toEqual([
      ['Xã A, huyện B', 'Toán "8.25", Văn 7'],
      ['Huế (Thừa Thiên)', null],
    ]);
  });

  it('skips blank lines, which do not count as rows; messages give the file line', () => {
    const r = csv(
      '\n' +
        HEADER +
        '\n\n' +
        '1,Nguyễn Văn An,15/03/2007,Hà Nội,Nam,Kinh,,\n' +
        ' , ,,,,,,\n' +
        '\n' +
        '2,Lê Thị Hoa,31/02/2007,Huế,Nữ,Kinh,,\n\n',
    );
    expect(r.rowCount).toBe(2);
    expect(codes(r.errors)).toEqual(['2:dateOfBirth:INVALID_DATE']);
    expect(r.errors[0].message).toMatch(/\(line 7\)$/);
  });

  it('accepts LF-only and CR-only line ends', () => {
    const lines = [
      HEADER,
      '1,Nguyễn Văn An,15/03/2007,Hà Nội,Nam,Kinh,,',
      '2,Lê Thị Hoa,01/12/2007,Huế,Nữ,Kinh,,',
    ];
    expect(csv(lines.join('\n')).graduates).toHaveLength(2);
    expect(csv(lines.join('\r')).graduates).toHaveLength(2);
  });

  it('reads UTF-16 text with BOM (Excel "Unicode text") with tab delimiters', () => {
    const text =
      '\uFEFF' +
      HEADER.replace(/,/g, '\t') +
      '\r\n' +
      '1\tNguyễn Văn An\t15/03/2007\tHà Nội\tNam\tKinh\t\t\r\n';
    const r = importFromCsv(Buffer.from(text, 'utf16le'), THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates[0].fullName).toBe('Nguyễn Văn An');
  });

  it('matches headers loosely and by alias; warns UNKNOWN_COLUMN for the rest', () => {
    const r = csv(
      'HỌ VÀ TÊN ,ngay sinh,Nơi sinh (tỉnh),GIOI TINH,dân tộc,Mã người học,Xếp loại,Kết quả thi các môn,Số hiệu bằng,personalIdNumber\n' +
        'Nguyễn Văn An,15/03/2007,Hà Nội,Nam,Kinh,HS1,Khá,Toán 8,B001,001207012345\n',
    );
    expect(r.errors).toEqual([]);
    expect(codes(r.warnings)).toEqual(['0:file:UNKNOWN_COLUMN']);
    expect(r.warnings[0].message).toMatch(/Số hiệu bằng/);
    expect(r.graduates[0]).toMatchObject({
      learnerCode: 'HS1',
      classification: 'good',
      examScores: 'Toán 8',
      personalIdNumber: '001207012345',
    });
  });

  it('accepts the English field names as headers', () => {
    const r = csv(
      'fullName,dateOfBirth,placeOfBirth,gender,ethnicity,className\nNguyễn Văn An,2007-03-15,Hà Nội,male,Kinh,12A1\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.graduates[0].className).toBe('12A1');
  });

  it('finds the header below title lines (SYNC-4 sheets)', () => {
    const r = csv(
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO,,,,,\nDANH SÁCH HỌC SINH,,,,,\n' +
        'STT,Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc\n1,Nguyễn Văn An,15/03/2007,Hà Nội,Nam,Kinh\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.rowCount).toBe(1);
  });

  it('MISSING_COLUMN names each missing required Vietnamese header; rows are not validated', () => {
    const r = csv('Họ và tên,Ngày sinh,Giới tính\nNguyễn Văn An,15/03/2007,Nam\n');
    expect(codes(r.errors)).toEqual(['0:file:MISSING_COLUMN', '0:file:MISSING_COLUMN']);
    expect(r.errors[0].message).toContain('"Nơi sinh"');
    expect(r.errors[1].message).toContain('"Dân tộc"');
    expect(r.rowCount).toBe(1);
  });

  it('DUPLICATE_COLUMN when two columns hold the same field', () => {
    const r = csv(
      'Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Điểm thi,Điểm các môn thi\nA B,15/03/2007,Huế,Nam,Kinh,1,2\n',
    );
    expect(codes(r.errors)).toEqual(['0:file:DUPLICATE_COLUMN']);
  });

  it('EMPTY_FILE for an empty file or a header without rows', () => {
    expect(codes(csv('').errors)).toEqual(['0:file:EMPTY_FILE']);
    expect(codes(csv('\uFEFF\r\n\r\n').errors)).toEqual(['0:file:EMPTY_FILE']);
    const r = csv(HEADER + '\r\n,,,\r\n');
    expect(codes(r.errors)).toEqual(['0:file:EMPTY_FILE']);
    expect(r.rowCount).toBe(0);
  });

  it('UNREADABLE_FILE for an unclosed quote, non-UTF-8 bytes or an XLSX file', async () => {
    expect(codes(csv(HEADER + '\n1,"Nguyễn Văn An,15/03/2007\n').errors)).toEqual(['0:file:UNREADABLE_FILE']);
    const windows1258 = Buffer.concat([
      Buffer.from(HEADER + '\n1,L'),
      Buffer.from([0xea]),
      Buffer.from(' An,1/1/2007,Hu,Nam,Kinh\n'),
    ]);
    expect(codes(importFromCsv(windows1258, THPT).errors)).toEqual(['0:file:UNREADABLE_FILE']);
    expect(codes(importFromCsv(await graduateTemplateXlsx(), THPT).errors)).toEqual([
      '0:file:UNREADABLE_FILE',
    ]);
  });

  it('TOO_MANY_ROWS', () => {
    const r = csv(HEADER + '\n' + '1,A B,1/1/2007,Huế,Nam,Kinh\n'.repeat(3), { ...THPT, maxRows: 2 });
    expect(codes(r.errors)).toEqual(['0:file:TOO_MANY_ROWS']);
    expect(r.rowCount).toBe(3);
  });

  it('parseCsv keeps empty fields and trailing delimiters', () => {
    expect(parseCsv('a,,b,\n"",x')).toEqual({
      rows: [
        { line: 1, cells: ['a', '', 'b', ''] },
        { line: 2, cells: ['', 'x'] },
      ],
    });
  });
});

describe('XLSX', () => {
  const header = [
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Nơi sinh',
    'Giới tính',
    'Dân tộc',
    'Số định danh cá nhân',
  ];

  it('reads real date cells (UTC), text dates, serial numbers and numeric IDs', async () => {
    const file = await xlsx([
      header,
      [1, 'Nguyễn Văn An', new Date(Date.UTC(2007, 2, 15)), 'Hà Nội', 'Nam', 'Kinh', '001207012345'],
      [2, 'Lê Thị Hoa', '01/12/2007', 'Huế', 'Nữ', 'Kinh', 79307012345], // leading zero lost by Excel
      [3, 'Trần Văn Bảo', 39156, 'Huế', 'Nam', 'Kinh', null], // serial of 2007-03-15
      [4, 'Phạm Thị Lan', new Date(Date.UTC(2007, 11, 31)), 'Huế', 'Nữ', 'Kinh', 1307012345],
    ]);
    const r = await importFromXlsx(file, THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates.map((g) => [g.dateOfBirth, g.personalIdNumber])).toEqual([
      ['2007-03-15', '001207012345'],
      ['2007-12-01', '079307012345'],
      ['2007-03-15', null],
      ['2007-12-31', '001307012345'],
    ]);
  });

  it('reads date cells with a date format the way Excel shows them', async () => {
    const file = await xlsx(
      [header, [1, 'Nguyễn Văn An', new Date(Date.UTC(2007, 0, 1)), 'Huế', 'Nam', 'Kinh']],
      (_wb, ws) => {
        ws.getCell('C2').numFmt = 'dd/mm/yyyy';
      },
    );
    expect((await importFromXlsx(file, THPT)).graduates[0].dateOfBirth).toBe('2007-01-01');
  });

  it('honours the 1904 date system for serial numbers', async () => {
    const file = await xlsx([header, [1, 'Nguyễn Văn An', 37694, 'Huế', 'Nam', 'Kinh']], (wb) => {
      wb.properties.date1904 = true;
    });
    const r = await importFromXlsx(file, THPT);
    expect(r.graduates[0].dateOfBirth).toBe('2007-03-15');
  });

  it('rejects numeric IDs that cannot be a 12-digit number with lost zeros', async () => {
    const file = await xlsx([
      header,
      [1, 'Nguyễn Văn An', '15/03/2007', 'Huế', 'Nam', 'Kinh', 123456789], // 9-digit CMND
      [2, 'Lê Văn Bình', '15/03/2007', 'Huế', 'Nam', 'Kinh', 1207012345.5],
    ]);
    const r = await importFromXlsx(file, THPT);
    expect(codes(r.errors)).toEqual([
      '1:personalIdNumber:INVALID_PERSONAL_ID',
      '2:personalIdNumber:INVALID_PERSONAL_ID',
    ]);
  });

  it('reads rich text, formula results and hyperlinks; skips empty rows; messages give the sheet row', async () => {
    const file = await xlsx(
      [
        ['Danh sách tốt nghiệp năm 2025'],
        [],
        header,
        [
          1,
          { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: 'Văn An' }] },
          '15/03/2007',
          'Huế',
          'Nam',
          'Kinh',
        ],
        [],
        [null, '  ', null],
        [
          2,
          'Lê Thị Hoa',
          '15/03/2007',
          { formula: '"Đà"&" Nẵng"', result: 'Đà Nẵng' },
          'Nữ',
          { text: 'Kinh', hyperlink: 'https://example.org' },
        ],
        [3, 'Lê Văn Cường', '32/01/2007', 'Huế', 'Nam', 'Kinh'],
      ],
      (_wb, ws) => {
        ws.getCell('C10').value = null; // a styled but empty row
        ws.getRow(10).font = { bold: true };
      },
    );
    const r = await importFromXlsx(file, THPT);
    expect(r.rowCount).toBe(3);
    expect(codes(r.errors)).toEqual(['3:dateOfBirth:INVALID_DATE']);
    expect(r.errors[0].message).toMatch(/\(sheet row 8\)$/);
  });

  it('imports the same rows cleanly when valid', async () => {
    const file = await xlsx([
      header,
      [1, { richText: [{ text: 'Nguyễn ' }, { text: 'Văn An' }] }, '15/03/2007', 'Huế', 'Nam', 'Kinh'],
      [2, 'Lê Thị Hoa', '15/03/2007', { formula: '"Đà"&" Nẵng"', result: 'Đà Nẵng' }, 'Nữ', 'Kinh'],
    ]);
    const r = await importFromXlsx(file, THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates.map((g) => [g.fullName, g.placeOfBirth])).toEqual([
      ['Nguyễn Văn An', 'Huế'],
      ['Lê Thị Hoa', 'Đà Nẵng'],
    ]);
  });

  it('prefers the sheet "Danh sach", then "Data" (SYNC-4), over the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Huong dan').addRow(['Hướng dẫn']);
    const data = wb.addWorksheet('Data');
    data.addRow(['STT', 'Họ, chữ đệm và tên', 'Ngày, tháng, năm sinh', 'Giới tính', 'Dân tộc', 'Nơi sinh']);
    data.addRow([1, 'Nguyễn Văn An', '15/03/2007', 'Nam', 'Kinh', 'Huế']);
    const r = await importFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates).toHaveLength(1);
  });

  it('reports file problems: MISSING_COLUMN, EMPTY_FILE, UNREADABLE_FILE', async () => {
    const missing = await importFromXlsx(
      await xlsx([['Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Giới tính'], ['A B']]),
      THPT,
    );
    expect(codes(missing.errors)).toEqual(['0:file:MISSING_COLUMN']);
    expect(missing.errors[0].message).toContain('"Dân tộc"');
    expect(codes((await importFromXlsx(await xlsx([header]), THPT)).errors)).toEqual(['0:file:EMPTY_FILE']);
    expect(codes((await importFromXlsx(await xlsx([]), THPT)).errors)).toEqual(['0:file:EMPTY_FILE']);
    expect(codes((await importFromXlsx(Buffer.from(HEADER), THPT)).errors)).toEqual([
      '0:file:UNREADABLE_FILE',
    ]);
    expect(codes((await importFromXlsx(Buffer.from('PK\u0003\u0004garbage'), THPT)).errors)).toEqual([
      '0:file:UNREADABLE_FILE',
    ]);
  });

  it('prefers "Danh sach" wherever it is, then "Data", to the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang tinh').addRow(['Ghi chú']);
    wb.addWorksheet('Data').addRow(['Họ và tên']);
    const list = wb.addWorksheet('Danh sach');
    list.addRow(header);
    list.addRow([1, 'Nguyễn Văn An', '15/03/2007', 'Huế', 'Nam', 'Kinh']);
    const r = await importFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), THPT);
    expect(r.errors).toEqual([]);
    expect(r.graduates.map((g) => g.fullName)).toEqual(['Nguyễn Văn An']);
  });

  it('reads real date cells in the 1904 date system', async () => {
    const file = await xlsx(
      [header, [1, 'Nguyễn Văn An', new Date(Date.UTC(2007, 2, 15)), 'Huế', 'Nam', 'Kinh']],
      (wb, ws) => {
        wb.properties.date1904 = true;
        ws.getCell('C2').numFmt = 'dd/mm/yyyy';
      },
    );
    expect((await importFromXlsx(file, THPT)).graduates[0].dateOfBirth).toBe('2007-03-15');
  });

  it('keeps Vietnamese text whole across the chunks the sheet is read in', async () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng'];
    const middle = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Thành', 'Quốc', 'Minh', 'Xuân', 'Thùy'];
    const given = ['Ánh', 'Bảo', 'Cường', 'Dũng', 'Giang', 'Hằng', 'Khánh', 'Lộc', 'Mỹ', 'Nguyệt'];
    const names = family.flatMap((f) => middle.flatMap((m) => given.map((g) => `${f} ${m} ${g}`)));
    const rows = names.flatMap((n, i) => [
      [2 * i + 1, n, '15/03/2007', 'Thừa Thiên Huế', 'Nữ', 'Kinh'],
      [2 * i + 2, `${n} Trưởng`, '16/03/2007', 'Đắk Lắk', 'Nữ', 'Ê Đê'],
    ]);
    const r = await importFromXlsx(await xlsx([header, ...rows]), THPT);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.graduates.map((g) => g.fullName)).toEqual(rows.map((row) => row[1]));
  });

  it('stops reading past maxRows: TOO_MANY_ROWS, and the rows after are never looked at', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [
      i + 1,
      'Nguyễn Văn An',
      '15/03/2007',
      'Huế',
      'Nam',
      'Kinh',
    ]);
    const file = await xlsx([header, ...rows], (_wb, ws) => {
      ws.getCell(30, 201).value = 'x'; // refused as too wide, if it were read
    });
    const r = await importFromXlsx(file, { ...THPT, maxRows: 3 });
    expect(codes(r.errors)).toEqual(['0:file:TOO_MANY_ROWS']);
    expect(r.errors[0].message).toBe('More than 3 rows; at most 3 per import');
    expect(r.rowCount).toBeGreaterThan(3);
    const all = await importFromXlsx(file, { ...THPT, maxRows: 100 });
    expect(codes(all.errors)).toEqual(['0:file:UNREADABLE_FILE']);
    expect(all.errors[0].message).toBe('Row 30 has a value in column 201; at most 200 columns are read');
  });

  it('reads a wide sheet by the template columns, wherever they are', async () => {
    const file = await xlsx([header, [1, 'Nguyễn Văn An', '15/03/2007', 'Huế', 'Nam', 'Kinh']], (_wb, ws) => {
      ws.getCell(1, 150).value = 'Ghi chú';
      ws.getCell(2, 150).value = 'Chuyển trường';
      ws.spliceColumns(3, 0, ...Array.from({ length: 50 }, () => []));
    });
    const r = await importFromXlsx(file, THPT);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(['Column GR "Ghi chú" is not in the template; ignored']);
    expect(r.graduates[0]).toMatchObject({
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2007-03-15',
      ethnicity: 'Kinh',
    });
  });

  it('reads NFD text cells as NFC', async () => {
    const file = await xlsx([
      header,
      [1, 'Đặng Thùy Trâm'.normalize('NFD'), '26/11/1942', 'Huế', 'Nữ', 'Kinh'],
    ]);
    const r = await importFromXlsx(file, { ...THPT, graduationYear: 1960 });
    expect(r.graduates[0].fullName).toBe('Đặng Thùy Trâm'.normalize('NFC'));
  });
});

describe('the downloadable template', () => {
  it('XLSX: sheet "Danh sach" with the header row, widths and one example; sheet "Huong dan" in vi and en', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await graduateTemplateXlsx()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sach', 'Huong dan']);
    const ws = wb.getWorksheet('Danh sach')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    expect(ws.rowCount).toBe(2);
    for (let c = 1; c <= TEMPLATE_COLUMNS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThan(4);
    const guide = wb.getWorksheet('Huong dan')!;
    const text: string[] = [];
    guide.eachRow((row) =>
      text.push((row.values as unknown[]).filter((v) => typeof v === 'string').join(' ')),
    );
    const all = text.join('\n');
    expect(all).toContain('Bắt buộc');
    expect(all).toContain('dd/MM/yyyy');
    expect(all).toContain('Leave empty for THCS diplomas from the 2024–25 cohort');
    expect(all).toContain('Bỏ trống với bằng THCS từ khóa 2024–2025');
  });

  it('XLSX: the example row imports cleanly', async () => {
    const r = await importFromXlsx(await graduateTemplateXlsx(), THPT);
    expect(r).toEqual({
      graduates: [
        {
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '2007-03-15',
          placeOfBirth: 'Hà Nội',
          gender: 'male',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          personalIdNumber: '000207012345',
          learnerCode: 'HS2025-0001',
          classification: 'good',
          className: '12A1',
          examScores: 'Toán 8.25; Ngữ văn 7.5; Tiếng Anh 8.0; Vật lí 7.75',
        },
      ],
      errors: [],
      warnings: [],
      rowCount: 1,
    });
  });

  it('CSV: UTF-8 with BOM, comma-separated, header + example; imports cleanly', () => {
    const text = graduateTemplateCsv();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(TEMPLATE_COLUMNS.map((c) => c.header).join(','));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const fromCsv = importFromCsv(Buffer.from(text, 'utf8'), THPT);
    expect(fromCsv.errors).toEqual([]);
    expect(fromCsv.warnings).toEqual([]);
    expect(fromCsv.rowCount).toBe(1);
    expect(fromCsv.graduates[0].fullName).toBe('Nguyễn Văn An');
  });

  it('both templates give the same graduate', async () => {
    const a = importFromCsv(Buffer.from(graduateTemplateCsv(), 'utf8'), THPT).graduates;
    const b = (await importFromXlsx(await graduateTemplateXlsx(), THPT)).graduates;
    expect(a).toEqual(b);
  });
});

describe('performance', () => {
  it('validates 100,000 JSON rows in well under the limit', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      fullName: `Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}${i}`.replace(
        /\d/g,
        (d) => 'abcdefghij'[Number(d)],
      ),
      dateOfBirth: `${(i % 28) + 1}/${(i % 12) + 1}/2007`,
      placeOfBirth: 'Hà Nội',
      gender: i % 2 === 0 ? 'Nam' : 'Nữ',
      ethnicity: i % 5 === 0 ? 'Tày' : 'Kinh',
      personalIdNumber: `001${i % 2 === 0 ? 2 : 3}07${String(i).padStart(6, '0')}`,
      classification: 'Khá',
      className: '12A1',
    }));
    const started = performance.now();
    const r = importFromJson(rows, THPT);
    const ms = performance.now() - started;
    expect(r.errors).toEqual([]);
    expect(r.graduates).toHaveLength(100_000);
    // A guard against a pathological slowdown, not a benchmark (figures: docs/BENCHMARKS.md): ~1.5 s alone,
    // twice that on a loaded 2-core CI machine.
    expect(ms).toBeLessThan(15_000);
  });
});
