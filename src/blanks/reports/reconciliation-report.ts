import { dayMonthYear } from '../../common/calendar/working-day-calendar';
import ExcelJS from 'exceljs';
import { renderReportPdf } from '../../documents/pdf-report';
import type { Reconciliation } from '../blank-reports.service';

const EVENT_VI = { spoiled: 'Hỏng', destroyed: 'Đã hủy', lost: 'Mất' } as const;
const fmt = (n: number) => n.toLocaleString('vi-VN');

const COLUMNS_VI = [
  'Loại phôi',
  'Tồn đầu kỳ',
  'Nhận',
  'Nhận điều chuyển',
  'Điều chuyển đi',
  'Đã sử dụng',
  'Hỏng',
  'Đã hủy',
  'Mất',
  'Tồn cuối kỳ',
];

function numbers(r: Reconciliation) {
  return r.lines.map((l) => [
    l.credentialType,
    l.opening,
    l.received,
    l.transferredIn,
    l.transferredOut,
    l.used,
    l.spoiled,
    l.destroyed,
    l.lost,
    l.closing,
  ]);
}

/** BLANK-5: the yearly reconciliation (báo cáo quyết toán phôi), readable by a person. */
export function reconciliationPdf(r: Reconciliation, typeNames: Map<string, string>): Promise<Buffer> {
  return renderReportPdf({
    metaTitle: `Quyết toán phôi ${r.org.code} ${r.year}`,
    issuer: [r.org.superiorNameVi ?? '', r.org.nameVi].filter(Boolean),
    title: 'BÁO CÁO TÌNH HÌNH SỬ DỤNG PHÔI VĂN BẰNG, CHỨNG CHỈ',
    subtitle: [
      `Năm ${r.year} (từ ${dayMonthYear(r.from)} đến ${dayMonthYear(r.to)})`,
      `Đơn vị: ${r.org.nameVi} (${r.org.code})`,
      'Blank-form reconciliation report',
    ],
    sections: [
      {
        heading: 'I. Tổng hợp / Summary',
        paragraphs: [
          'Tồn cuối kỳ = tồn đầu kỳ + nhận + nhận điều chuyển − điều chuyển đi − đã sử dụng − hỏng và mất (từ phôi chưa sử dụng).',
        ],
        table: {
          columns: COLUMNS_VI.map((h, i) => ({
            header: h,
            width: i === 0 ? 3 : 1.3,
            align: i === 0 ? 'left' : 'right',
          })),
          rows: numbers(r).map(([t, ...ns]) => [
            typeNames.get(String(t)) ?? String(t),
            ...ns.map((n) => fmt(Number(n))),
          ]),
        },
      },
      ...r.lines
        .filter((l) => l.exceptions.length)
        .map((l) => ({
          heading: `II. Phôi hỏng, đã hủy, mất — ${typeNames.get(l.credentialType) ?? l.credentialType}`,
          paragraphs: l.exceptionsTruncated
            ? [`Chỉ liệt kê ${fmt(l.exceptions.length)} số hiệu đầu tiên.`]
            : [],
          table: {
            columns: [
              { header: 'STT', width: 0.6, align: 'right' as const },
              { header: 'Số hiệu', width: 1.6 },
              { header: 'Tình trạng', width: 1 },
              { header: 'Ngày', width: 1 },
              { header: 'Lý do', width: 2.4 },
              { header: 'Văn bản', width: 2 },
            ],
            rows: l.exceptions.map((e, i) => [
              String(i + 1),
              e.serialNumber,
              EVENT_VI[e.event],
              dayMonthYear(e.on),
              e.reason ?? '',
              e.documentRef ?? '',
            ]),
          },
        })),
    ],
    signature: {
      placeAndDate: `${r.org.placeName ?? ''}, ngày ..... tháng ..... năm ${r.year}`,
      title: 'Thủ trưởng đơn vị',
    },
  });
}

export async function reconciliationXlsx(r: Reconciliation, typeNames: Map<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VBCC Registry';
  const ws = wb.addWorksheet('Tong hop');
  ws.addRow([`Báo cáo tình hình sử dụng phôi năm ${r.year} — ${r.org.nameVi} (${r.org.code})`]).font = {
    bold: true,
  };
  ws.addRow([]);
  ws.addRow(['Mã loại', ...COLUMNS_VI]).font = { bold: true };
  for (const [t, ...ns] of numbers(r)) ws.addRow([t, typeNames.get(String(t)) ?? t, ...ns]);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 16));
  const ex = wb.addWorksheet('Ngoai le');
  ex.addRow(['Loại phôi', 'Số hiệu', 'Tình trạng', 'Ngày', 'Lý do', 'Văn bản']).font = { bold: true };
  for (const l of r.lines)
    for (const e of l.exceptions)
      ex.addRow([
        l.credentialType,
        e.serialNumber,
        EVENT_VI[e.event],
        e.on,
        e.reason ?? '',
        e.documentRef ?? '',
      ]);
  ex.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
