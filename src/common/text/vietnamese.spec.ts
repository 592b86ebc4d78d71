import { isSameName, searchKey, toneKey, toNfc } from './vietnamese';

// Real full names, mixing Đ/đ, ươ, qu/gi initials, old-style tone placement and a long royal-family name.
const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bích Ngọc',
  'Lê Hoàng Phúc',
  'Phạm Minh Tuấn',
  'Hoàng Thị Thu Hương',
  'Huỳnh Tấn Phát',
  'Phan Bội Châu',
  'Võ Nguyên Giáp',
  'Đặng Thùy Trâm',
  'Bùi Xuân Phái',
  'Đỗ Mười',
  'Hồ Xuân Hương',
  'Ngô Bảo Châu',
  'Dương Quảng Hàm',
  'Lý Công Uẩn',
  'Trịnh Công Sơn',
  'Đinh Tiên Hoàng',
  'Tôn Đức Thắng',
  'Nguyễn Khoa Điềm',
  'Xuân Quỳnh',
  'Lương Thế Vinh',
  'Nguyễn Thị Minh Khai',
  'Công Tôn Nữ Thị Hoàng Phương Thảo',
];

describe('toNfc', () => {
  it('recomposes NFD input to NFC', () => {
    const nfd = 'Nguyễn Thị Hoà'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(toNfc(nfd)).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
  });

  it('trims and collapses tabs, newlines, NBSP and other Unicode spaces to one ASCII space', () => {
    expect(toNfc(' \tNguyễn\u00a0\u00a0Văn\n\r An\u202f\u3000 ')).toBe('Nguyễn Văn An');
  });

  it('keeps case and tone placement as entered', () => {
    expect(toNfc('HÒA')).toBe('HÒA');
    expect(toNfc('Hòa')).toBe('Hòa');
    expect(toNfc('Hoà')).toBe('Hoà');
    expect(toNfc('Hòa')).not.toBe(toNfc('Hoà'));
  });

  it('returns an empty string for whitespace-only input', () => {
    expect(toNfc(' \t\u00a0\n')).toBe('');
  });
});

describe('searchKey', () => {
  it('lower-cases, strips tone marks and collapses spaces', () => {
    expect(searchKey('  Nguyễn   Thị Hoà ')).toBe('nguyen thi hoa');
  });

  it('PUB-5: folds Đ to D in upper-case input', () => {
    expect(searchKey('ĐẶNG VĂN ĐỨC')).toBe('dang van duc');
  });

  it('PUB-5: folds đ/Đ explicitly, since Unicode decomposition leaves it intact', () => {
    expect('Đ'.normalize('NFD')).toBe('Đ');
    expect('đ'.normalize('NFKD')).toBe('đ');
    expect(searchKey('Đỗ Mười')).toBe('do muoi');
    expect(searchKey('Trần Đức Lương')).toBe('tran duc luong');
    expect(searchKey('tôn đức thắng')).toBe('ton duc thang');
  });

  it('PUB-5: folds the look-alike Ð (eth) left by legacy encoding conversions', () => {
    expect(searchKey('\u00d0ặng Văn Ngữ')).toBe('dang van ngu');
  });

  it('strips the vowel quality marks ă â ê ô ơ ư as well as tones', () => {
    expect(searchKey('ăâêôơư ĂÂÊÔƠƯ')).toBe('aaeoou aaeoou');
    expect(searchKey('Trường Giang')).toBe('truong giang');
  });

  it('gives the same key for NFC and NFD input', () => {
    const name = 'Đặng Thùy Trâm';
    expect(searchKey(name.normalize('NFD'))).toBe('dang thuy tram');
    expect(searchKey(name.normalize('NFC'))).toBe('dang thuy tram');
  });

  it('ignores the order of combining marks', () => {
    // ệ typed as e + circumflex + dot below, and as e + dot below + circumflex.
    expect(searchKey('L\u0065\u0302\u0323')).toBe('le');
    expect(searchKey('L\u0065\u0323\u0302')).toBe('le');
  });

  it('collapses tabs, NBSP and newlines', () => {
    expect(searchKey('Nguyễn\t\tVăn\u00a0\u00a0An\n')).toBe('nguyen van an');
  });

  it('treats hyphens, apostrophes and dots as spaces', () => {
    expect(searchKey("H'Hen Niê")).toBe('h hen nie');
    expect(searchKey('Nguyễn-Văn  A.')).toBe('nguyen van a');
    expect(searchKey('...Lê---Lợi...')).toBe('le loi');
  });

  it('keeps digits', () => {
    expect(searchKey('Lớp 12A1')).toBe('lop 12a1');
  });

  it('folds full-width letters and drops invisible format characters', () => {
    expect(searchKey('\uff2eguyễn')).toBe('nguyen');
    expect(searchKey('Ngu\u200byễn V\u00adăn')).toBe('nguyen van');
  });

  it('keeps letters that have no decomposition rather than dropping them', () => {
    expect(searchKey('Søren')).toBe('søren');
  });

  it('ignores tone placement: old and new style give the same key', () => {
    expect(searchKey('Nguyễn Thị Thủy Hòa')).toBe(searchKey('Nguyễn Thị Thuỷ Hoà'));
  });

  it('returns an empty string for empty or punctuation-only input', () => {
    expect(searchKey('')).toBe('');
    expect(searchKey(' - . \t')).toBe('');
  });

  it('handles the long name Công Tôn Nữ Thị Hoàng Phương Thảo', () => {
    const name = 'Công Tôn Nữ Thị Hoàng Phương Thảo';
    expect(searchKey(name)).toBe('cong ton nu thi hoang phuong thao');
    expect(searchKey(` ${name.toUpperCase().normalize('NFD').replace(/ /g, '\u00a0\t')} `)).toBe(
      'cong ton nu thi hoang phuong thao',
    );
  });

  it('is invariant under NFD and upper-casing for real names', () => {
    for (const name of NAMES) {
      const variant = name.normalize('NFD').toUpperCase();
      expect(searchKey(variant)).toBe(searchKey(name));
      expect(searchKey(name)).toMatch(/^[a-z]+( [a-z]+)*$/);
    }
  });
});

describe('toneKey', () => {
  it.each([
    ['hòa', 'hoà'],
    ['thủy', 'thuỷ'],
    ['khỏe', 'khoẻ'],
    ['Thúy', 'Thuý'],
    ['Thụy', 'Thuỵ'],
    ['Hòa Bình', 'Hoà Bình'],
  ])('unifies old-style %s and new-style %s on the second vowel of oa/oe/uy', (oldStyle, newStyle) => {
    expect(toneKey(oldStyle)).toBe(toneKey(newStyle));
    expect(toneKey(oldStyle)).toBe(newStyle.toLowerCase());
  });

  it('keeps qu as an initial: the tone stays on the vowel after it', () => {
    expect(toneKey('quý')).toBe('quý');
    expect(toneKey('Quỳnh')).toBe('quỳnh');
    expect(toneKey('quả')).toBe('quả');
    // Misplaced on the u of qu, which is part of the consonant.
    expect(toneKey('qủa')).toBe('quả');
  });

  it('keeps gi as an initial before another vowel, but not in gì / gìn', () => {
    expect(toneKey('già')).toBe('già');
    expect(toneKey('giá')).toBe('giá');
    expect(toneKey('già')).not.toBe(toneKey('giá'));
    expect(toneKey('gìa')).toBe('già');
    expect(toneKey('giữa')).toBe('giữa');
    expect(toneKey('gì')).toBe('gì');
    expect(toneKey('gìn')).toBe('gìn');
  });

  it('puts the tone on the vowel with a quality mark, the later one in ươ', () => {
    expect(toneKey('Trừơng')).toBe('trường');
    expect(toneKey('Nguyễn')).toBe('nguyễn');
    expect(toneKey('thuở')).toBe('thuở');
    expect(toneKey('muốn')).toBe('muốn');
  });

  it('puts the tone on the last vowel before a final consonant and on the middle of three vowels', () => {
    expect(toneKey('hòang')).toBe('hoàng');
    expect(toneKey('khuỷu')).toBe('khuỷu');
    expect(toneKey('ngóai')).toBe('ngoái');
  });

  it('keeps the first vowel in other two-vowel nuclei', () => {
    expect(toneKey('mùa')).toBe('mùa');
    expect(toneKey('Tài')).toBe('tài');
    expect(toneKey('kìa')).toBe('kìa');
  });

  it('gives the same key for NFD input', () => {
    expect(toneKey('Hoà'.normalize('NFD'))).toBe('hoà');
    expect(toneKey('Hòa'.normalize('NFD'))).toBe('hoà');
  });

  it('gives the same key for upper-case input', () => {
    expect(toneKey('HÒA')).toBe(toneKey('hoà'));
    expect(toneKey('ĐẶNG THÙY TRÂM')).toBe('đặng thuỳ trâm');
  });

  it('gives the same key whatever the order of same-class combining marks', () => {
    // ấ as a + circumflex + acute (canonical) and a + acute + circumflex (both class 230, NFD keeps order).
    expect(toneKey('Tu\u0061\u0302\u0301n')).toBe('tuấn');
    expect(toneKey('Tu\u0061\u0301\u0302n')).toBe('tuấn');
  });

  it('collapses whitespace and returns NFC', () => {
    const key = toneKey('  Nguyễn\t Thị\u00a0Hòa ');
    expect(key).toBe('nguyễn thị hoà');
    expect(key).toBe(key.normalize('NFC'));
  });

  it('tells genuinely different names apart while searchKey does not', () => {
    expect(toneKey('Lê')).not.toBe(toneKey('Lệ'));
    expect(toneKey('Hòa')).not.toBe(toneKey('Hóa'));
    expect(toneKey('Hoà')).not.toBe(toneKey('Hoá'));
    expect(searchKey('Lê')).toBe(searchKey('Lệ'));
    expect(searchKey('Hòa')).toBe(searchKey('Hóa'));
  });

  it('keeps diacritics that searchKey drops, including đ', () => {
    expect(toneKey('Đỗ Mười')).toBe('đỗ mười');
    expect(toneKey('Đỗ Mười')).not.toBe(toneKey('Do Muoi'));
  });

  it('leaves the tone alone in syllables that are not Vietnamese-shaped', () => {
    expect(toneKey('María José')).toBe('maría josé');
  });

  it('is invariant under NFD and upper-casing, and under old/new tone placement, for real names', () => {
    for (const name of NAMES) {
      const key = toneKey(name);
      expect(toneKey(name.normalize('NFD').toUpperCase())).toBe(key);
      // Already kiểu mới apart from Thùy, so the key is just the lower-cased name.
      expect(key).toBe(toNfc(name).toLowerCase().replace(/ùy/g, 'uỳ'));
    }
  });
});

describe('isSameName', () => {
  it('PUB-5: matches across case, diacritics, tone placement, Unicode form and spacing', () => {
    expect(isSameName('Nguyễn Thị Hòa', 'NGUYEN  THI HOA')).toBe(true);
    expect(isSameName('Đặng Thùy Trâm', 'đặng thuỳ trâm'.normalize('NFD'))).toBe(true);
    expect(isSameName('Lê Thị Lệ', 'Le Thi Le')).toBe(true);
  });

  it('PUB-5: does not match a different name', () => {
    expect(isSameName('Nguyễn Văn An', 'Nguyễn Văn Anh')).toBe(false);
    expect(isSameName('Nguyễn Văn An', 'Nguyễn An Văn')).toBe(false);
    expect(isSameName('Trần Thị Mai', 'Trần Thị Mai Anh')).toBe(false);
  });
});
