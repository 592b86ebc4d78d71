// Vietnamese name handling: a storage form (as entered, only Unicode-normalised) and two matching keys.
// Vietnamese letters carry up to two marks: a quality mark that makes a different vowel (ă â ê ô ơ ư)
// and one of five tone marks. In NFD both are combining characters after the base letter.

const TONE_MARKS = new Set([
  '\u0300', // grave: huyền
  '\u0301', // acute: sắc
  '\u0303', // tilde: ngã
  '\u0309', // hook above: hỏi
  '\u0323', // dot below: nặng
]);

const QUALITY_MARKS = new Set([
  '\u0302', // circumflex: â ê ô
  '\u0306', // breve: ă
  '\u031B', // horn: ơ ư
]);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

// Nuclei where kiểu mới puts the tone on the second vowel even without a final consonant (hoà, khoẻ, thuỷ).
const SECOND_VOWEL_NUCLEI = new Set(['oa', 'oe', 'uy']);

const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;

/**
 * Storage form of Vietnamese text: Unicode NFC, trimmed, every run of whitespace (tabs, newlines, NBSP,
 * other Unicode spaces) collapsed to one ASCII space. Case and tone placement are kept as entered.
 */
export function toNfc(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Loose matching key for names (public verification, duplicate detection): lower-case, without any
 * diacritics, đ folded to d (PUB-5), punctuation treated as a space, whitespace collapsed. Independent of
 * Unicode form and tone placement. Vietnamese text yields plain ASCII; letters with no decomposition
 * (ø, ß) are kept rather than dropped so distinct foreign names stay distinct.
 */
export function searchKey(s: string): string {
  return (
    prepare(s)
      .replace(/\p{M}/gu, '')
      // đ (U+0111) has no decomposition, so stripping marks leaves it; ð is the Icelandic eth whose
      // capital Ð is a look-alike of Đ that legacy-encoding conversions sometimes produce.
      .replace(/[đð]/gu, 'd')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * Strict matching key: lower-case NFC with all diacritics kept, but each syllable's tone mark moved to
 * the kiểu mới position (see {@link canonicalTonePosition}), so "Hòa"/"Hoà", "Thủy"/"Thuỷ" and
 * "khỏe"/"khoẻ" agree while "Hòa"/"Hóa" and "Lê"/"Lệ" do not.
 */
export function toneKey(s: string): string {
  const clusters = toClusters(prepare(s));
  let syllable: Cluster[] = [];
  const flush = (): void => {
    retone(syllable);
    syllable = [];
  };
  for (const c of clusters) {
    if (LETTER.test(c.base)) syllable.push(c);
    else flush();
  }
  flush();
  return clusters
    .map((c) => c.base + c.marks.join('') + c.tones.join(''))
    .join('')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Public verification rule (PUB-5): two names match when their {@link searchKey}s are equal, i.e. ignoring
 * case, diacritics, tone placement and Unicode form, but not a different spelling ("An" vs "Anh").
 */
export function isSameName(a: string, b: string): boolean {
  return searchKey(a) === searchKey(b);
}

// Shared first steps of both keys. NFKD rather than NFD so full-width letters from some input methods
// fold too; lower-casing after decomposing so any marks it introduces are decomposed alike.
function prepare(s: string): string {
  return (
    s
      .normalize('NFKD')
      .toLowerCase()
      // Invisible format characters (zero-width space, soft hyphen) would otherwise split a word.
      .replace(/\p{Cf}/gu, '')
  );
}

interface Cluster {
  base: string;
  marks: string[]; // every combining mark except tone marks, in NFD order
  tones: string[];
}

// Splits decomposed text into base characters with their combining marks. Tone marks are kept apart so
// they can be re-attached last: that makes "a + acute + circumflex" and "a + circumflex + acute" (both
// ccc 230, which NFD does not reorder) come out the same.
function toClusters(nfd: string): Cluster[] {
  const out: Cluster[] = [];
  for (const ch of nfd) {
    const last = out[out.length - 1];
    if (MARK.test(ch) && last !== undefined) {
      if (TONE_MARKS.has(ch)) last.tones.push(ch);
      else last.marks.push(ch);
    } else {
      out.push({ base: ch, marks: [], tones: [] });
    }
  }
  return out;
}

// Moves a syllable's single tone mark to its canonical vowel. Syllables with no tone, several tones or
// a shape that is not Vietnamese (e.g. "María") are left exactly as entered.
function retone(syllable: Cluster[]): void {
  const toned = syllable.filter((c) => c.tones.length > 0);
  if (toned.length !== 1 || toned[0].tones.length !== 1) return;
  const target = canonicalTonePosition(syllable);
  if (target === null) return;
  const tones = toned[0].tones;
  toned[0].tones = [];
  syllable[target].tones = tones;
}

/**
 * Index of the letter that carries the tone in kiểu mới spelling, or null when the syllable does not
 * have the shape initial consonants + one vowel group + final consonants. Rules, in order:
 * 1. "qu" and "gi" followed by another vowel are initial consonants (quả, già, giữa; but gì, gìn).
 * 2. A vowel with a quality mark (ă â ê ô ơ ư) takes the tone; in ươ the later one (ơ: trường).
 * 3. A final consonant puts the tone on the last vowel (toán, hoàng, quỳnh).
 * 4. One vowel takes it; of three, the middle one (ngoái, khuỷu).
 * 5. Of two: the second for oa, oe, uy (hoà, khoẻ, thuỷ: the new style), otherwise the first (mùa, tài, kìa).
 */
function canonicalTonePosition(syllable: Cluster[]): number | null {
  const bases = syllable.map((c) => c.base);
  const isVowel = (i: number): boolean => i < bases.length && VOWELS.has(bases[i]);
  let start = 0;
  while (start < bases.length && !isVowel(start)) start++;
  if (start === 1 && ((bases[0] === 'q' && bases[1] === 'u') || (bases[0] === 'g' && bases[1] === 'i'))) {
    if (isVowel(2)) start = 2;
  }
  let end = start;
  while (isVowel(end)) end++;
  const length = end - start;
  if (length === 0 || length > 3) return null;
  for (let i = end; i < bases.length; i++) if (isVowel(i)) return null;

  for (let i = end - 1; i >= start; i--) {
    if (syllable[i].marks.some((m) => QUALITY_MARKS.has(m))) return i;
  }
  if (end < bases.length) return end - 1;
  if (length === 1) return start;
  if (length === 3) return start + 1;
  return SECOND_VOWEL_NUCLEI.has(bases[start] + bases[start + 1]) ? start + 1 : start;
}
