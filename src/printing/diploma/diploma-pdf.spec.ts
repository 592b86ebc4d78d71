import { diplomaPdfBuffer, sampleDiploma } from '../../../test/fixtures/render/diploma-samples';
import { pdfText } from '../../../test/support/pdf';
import type { DiplomaPrint } from './model';
import type { FieldKey } from './template';
import { templateFor } from './templates';

// Acceptance 1: whatever form the text comes in (NFD here), an independent parser (pdf.js) reads back
// every printed value in exact NFC. The raw text is compared: nothing is normalised after extraction.

const CASES = [
  { id: 'THCS-TT21', credentialType: 'THCS', issuedOn: '2025-07-28' },
  { id: 'THPT-TT21', credentialType: 'THPT', issuedOn: '2025-07-28' },
  { id: 'THPT-TT10', credentialType: 'THPT', issuedOn: '2026-06-01' },
  { id: 'GCNHT-TT10', credentialType: 'GCNHT', issuedOn: '2026-06-01' },
  { id: 'CC-TT21', credentialType: 'CC', issuedOn: '2025-07-28' },
] as const;
const diplomas = CASES.map((c) => sampleDiploma({ credentialType: c.credentialType, issuedOn: c.issuedOn }));

/** What each field must read as, worked out here from the sample (not by the renderer's code). */
function expectedValues(d: DiplomaPrint, signerTitle: string): Record<FieldKey, string[]> {
  const nfc = (s: string | null | undefined) => (s ?? '').normalize('NFC').split('\n');
  const [y, m, day] = d.issuedOn.split('-');
  return {
    issuingAuthorityName: nfc(d.issuingAuthorityName),
    fullName: nfc(d.fullName),
    dateOfBirth: ['02/09/2007'],
    placeOfBirth: nfc(d.placeOfBirth),
    gender: ['Nữ'],
    ethnicity: nfc(d.ethnicity),
    schoolName: nfc(d.schoolName),
    programmeName: nfc(d.programmeName),
    graduationYear: [String(d.graduationYear)],
    classification: ['Giỏi'],
    studyMode: ['Chính quy'],
    examCouncil: nfc(d.examCouncil),
    examYear: [String(d.examYear)],
    issuePlaceName: nfc(d.issuePlaceName),
    issueDay: [String(+day)],
    issueMonth: [String(+m)],
    issueYear: [y],
    signerTitle: [signerTitle],
    signerName: nfc(d.signerName),
    serialNumber: nfc(d.serialNumber),
    registerEntryNumber: nfc(d.registerEntryNumber),
  };
}

const COMBINING = /[\u0300-\u036f\u1dc0-\u1dff]/;

// Each PDF is parsed or rendered by pdf.js in a child process: seconds on a busy machine.
jest.setTimeout(30_000);

describe('diploma PDF text, read back with pdf.js', () => {
  let preview: ReturnType<typeof pdfText>;
  let overlay: ReturnType<typeof pdfText>;
  beforeAll(async () => {
    expect(diplomas[0].fullName).not.toBe(diplomas[0].fullName.normalize('NFC'));
    preview = pdfText(await diplomaPdfBuffer('preview', diplomas));
    overlay = pdfText(await diplomaPdfBuffer('overlay', diplomas));
  });

  it('uses one page per diploma, on the template in force on its issue date (PRINT-9)', () => {
    expect(CASES.map((c) => templateFor(c.credentialType, c.issuedOn).id)).toEqual(CASES.map((c) => c.id));
    expect(preview.numPages).toBe(CASES.length);
    expect(overlay.numPages).toBe(CASES.length);
  });

  describe.each(CASES.map((c, i) => ({ ...c, i })))('$id', ({ credentialType, issuedOn, i }) => {
    const template = templateFor(credentialType, issuedOn);
    const expected = expectedValues(diplomas[i], template.signerTitle);

    it('prints every field in exact NFC, in preview and overlay', () => {
      for (const [doc, mode] of [
        [preview, 'preview'],
        [overlay, 'overlay'],
      ] as const) {
        const raw = doc.rawPages[i];
        expect(raw).not.toMatch(COMBINING);
        for (const f of template.fields) {
          if (mode === 'overlay' && f.preprinted) continue;
          for (const line of expected[f.key])
            expect({ mode, field: f.key, found: raw.includes(line) }).toEqual({
              mode,
              field: f.key,
              found: true,
            });
        }
      }
    });

    it('overlays only the variable fields: no header, title, label or pre-printed issuer (PRINT-6)', () => {
      const raw = overlay.rawPages[i];
      const statics = template.statics.flatMap((s) =>
        s.kind === 'text' ? [s.vi, ...(s.en ? [s.en.text] : [])] : [],
      );
      expect(statics).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      for (const s of statics) expect({ s, found: raw.includes(s.trim()) }).toEqual({ s, found: false });
      expect(raw).not.toContain('BẢN IN THỬ');
      for (const line of expected.issuingAuthorityName) expect(raw).not.toContain(line);
      // Nothing else at all: every text run belongs to a printed value.
      const printed = template.fields.filter((f) => !f.preprinted).flatMap((f) => expected[f.key]);
      for (const item of overlay.items[i])
        if (item.str.trim())
          expect({ run: item.str, ours: printed.some((v) => v.includes(item.str.trim())) }).toEqual({
            run: item.str,
            ours: true,
          });
    });

    it('shows the static text in preview, marked as a test print', () => {
      const raw = preview.rawPages[i];
      expect(raw).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(raw).toContain('Họ và tên:');
      expect(raw).toContain('BẢN IN THỬ - KHÔNG CÓ GIÁ TRỊ');
    });
  });

  it('PRINT-5: a THCS diploma without classification prints neither the value nor its label', async () => {
    const withIt = sampleDiploma({ credentialType: 'THCS', classification: 'veryGood' });
    const without = sampleDiploma({ credentialType: 'THCS', classification: null });
    const text = pdfText(await diplomaPdfBuffer('preview', [withIt, without])).rawPages;
    expect(text[0]).toContain('Xếp loại tốt nghiệp');
    expect(text[0]).toContain('Giỏi');
    expect(text[1]).not.toContain('Xếp loại');
    expect(text[1]).not.toContain('Graduation classification');
    expect(text[1]).not.toContain('Giỏi');
    expect(text[1]).toContain('Hình thức đào tạo');
  });

  it('PRINT-9: a THPT diploma issued the day before TT10 is signed by GIÁM ĐỐC, from 15/04/2026 by HIỆU TRƯỞNG', async () => {
    const before = sampleDiploma({ credentialType: 'THPT', issuedOn: '2026-04-14' });
    const from = sampleDiploma({ credentialType: 'THPT', issuedOn: '2026-04-15' });
    const text = pdfText(await diplomaPdfBuffer('overlay', [before, from])).rawPages;
    expect(text[0]).toContain('GIÁM ĐỐC');
    expect(text[0]).not.toContain('HIỆU TRƯỞNG');
    expect(text[1]).toContain('HIỆU TRƯỞNG');
    expect(text[1]).not.toContain('GIÁM ĐỐC');
  });
});
