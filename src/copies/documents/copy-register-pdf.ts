import { renderReportPdf } from '../../documents/pdf-report';
import { registerBookColumns, type RegisterColumn } from '../../register/documents/register-book-pdf';

/** One row of the copy register (sổ cấp bản sao, COPY-6), already formatted for print (NFC, dd/MM/yyyy). */
export interface CopyRegisterRowView {
  copyEntryNumber: string;
  copiedOn: string;
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  gender: string;
  ethnicity: string;
  examScores: string | null;
  classification: string;
  serialNumber: string;
  registerEntryNumber: string;
  remarks: string;
}

export interface CopyRegisterView {
  credentialCode: string;
  credentialTitleVi: string;
  year: number;
  custodianSuperiorNameVi: string | null;
  custodianNameVi: string;
  custodianCode: string;
  placeName: string;
  signerTitle: string;
  signerName: string | null;
  rows: CopyRegisterRowView[];
}

type CopyColumnKey = RegisterColumn['key'] | 'copyEntryNumber' | 'copiedOn';
interface CopyColumn {
  key: CopyColumnKey;
  header: string;
  align: 'left' | 'center' | 'right';
}

/** Widths in mm on A4 landscape (about 269 mm between the margins): more columns than the master register. */
const WIDTH_MM: Record<CopyColumnKey, number> = {
  rowNo: 9,
  fullName: 30,
  dateOfBirth: 20,
  placeOfBirth: 21,
  gender: 10,
  ethnicity: 13,
  examScores: 18,
  classification: 14,
  serialNumber: 20,
  registerEntryNumber: 18,
  copyEntryNumber: 18,
  copiedOn: 20,
  receiverSignature: 20,
  remarks: 36,
};

/**
 * COPY-6: the REG-5 columns (same order and headers), with "Số vào sổ cấp bản sao" and the copy's date
 * after the original's numbers, and the copy receiver's signature instead of the diploma receiver's.
 */
export function copyRegisterColumns(credentialCode: string): CopyColumn[] {
  const cols: CopyColumn[] = [];
  for (const c of registerBookColumns(credentialCode)) {
    if (c.key === 'receiverSignature') {
      cols.push({ key: c.key, header: 'Chữ ký người nhận bản sao', align: c.align });
      continue;
    }
    cols.push({ key: c.key, header: c.header, align: c.align });
    if (c.key === 'registerEntryNumber')
      cols.push(
        { key: 'copyEntryNumber', header: 'Số vào sổ cấp bản sao', align: 'center' },
        { key: 'copiedOn', header: 'Ngày cấp bản sao', align: 'center' },
      );
  }
  return cols;
}

/** Fills the lines of `copyRegisterPdf` that depend on the page count (REG-8: the count on the cover). */
const pagesLine = (n: number | null) =>
  n === null ? 'Sổ này có … trang' : `Sổ này có ${n} trang, đánh số từ trang 1 đến trang ${n}`;

/**
 * The copy register of a custodian, credential type and year as PDF (COPY-6, REG-4 header, REG-8
 * page count on the cover), one row per copy in copy number order.
 */
export async function copyRegisterPdf(view: CopyRegisterView): Promise<Buffer> {
  const cols = copyRegisterColumns(view.credentialCode);
  const render = (pages: number | null) =>
    renderReportPdf({
      metaTitle: `Sổ cấp bản sao ${view.custodianCode}/${view.credentialCode}/${view.year}`,
      landscape: true,
      issuer: [view.custodianSuperiorNameVi ?? '', view.custodianNameVi].filter(Boolean),
      title: `SỔ BẢN SAO CẤP ${view.credentialTitleVi}`,
      subtitle: [
        `Năm ${view.year}`,
        `Mã sổ: ${view.custodianCode}/BS-${view.credentialCode}/${view.year}`,
        pagesLine(pages),
      ],
      sections: [
        {
          table: {
            columns: cols.map((c) => ({ header: c.header, width: WIDTH_MM[c.key], align: c.align })),
            rows: view.rows.map((r, i) =>
              cols.map((c) => (c.key === 'rowNo' ? String(i + 1) : cellOf(r, c.key))),
            ),
          },
        },
      ],
      signature: {
        placeAndDate: `${view.placeName}, ngày ..... tháng ..... năm ${view.year}`,
        title: view.signerTitle,
        name: view.signerName ?? undefined,
      },
    });
  // The page count is known only after layout; the line it goes on has the same height either way.
  const draft = await render(null);
  return render(pageCount(draft));
}

function cellOf(r: CopyRegisterRowView, key: CopyColumnKey): string {
  if (key === 'receiverSignature' || key === 'rowNo') return '';
  const v = r[key];
  return v === null ? '' : String(v).normalize('NFC');
}

/** Pages of a pdfkit document: its page objects are written as `/Type /Page`. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
