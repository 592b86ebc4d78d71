import { localDateTime, dayMonthYear } from '../../common/calendar/working-day-calendar';
import { renderReportPdf } from '../../documents/pdf-report';
import type { OrganisationEntity } from '../../orgs/entities/organisation.entity';
import type { CopyRefusalEntity, RefusalReason } from '../entities/copy-refusal.entity';

/** COPY-8: the reason as written to the requester, with its legal basis. */
const REASON_TEXT: Record<RefusalReason, string> = {
  noRegister:
    'Sổ gốc do cơ quan quản lý không còn hoặc không có thông tin về văn bằng nêu trên (khoản 2 Điều 17 Nghị định số 23/2015/NĐ-CP).',
  notEligible:
    'Người yêu cầu không thuộc đối tượng được cấp bản sao hoặc chưa xuất trình giấy tờ chứng minh (Điều 16 Nghị định số 23/2015/NĐ-CP).',
  incompleteDossier: 'Hồ sơ yêu cầu chưa đầy đủ giấy tờ theo quy định (Điều 17 Nghị định số 23/2015/NĐ-CP).',
  needsCorrection:
    'Nội dung văn bằng cần được chỉnh sửa hoặc thu hồi trước khi cấp bản sao; đề nghị thực hiện thủ tục tương ứng.',
  notValid: 'Văn bằng đã bị thu hồi, hủy bỏ hoặc đã được cấp lại.',
};

/** The refusal letter (công văn trả lời), signed by the custodian's head. */
export function refusalLetterPdf(
  r: CopyRefusalEntity,
  custodian: OrganisationEntity,
  decisionRef: string | null,
): Promise<Buffer> {
  const q = r.requested;
  const about = [
    `Họ và tên người có văn bằng: ${q.fullName}`,
    `Ngày sinh: ${dayMonthYear(q.dateOfBirth)}`,
    ...(q.serialNumber ? [`Số hiệu văn bằng: ${q.serialNumber}`] : []),
    ...(q.registerEntryNumber ? [`Số vào sổ gốc cấp văn bằng: ${q.registerEntryNumber}`] : []),
    ...(q.graduationYear ? [`Năm tốt nghiệp: ${q.graduationYear}`] : []),
  ];
  const received = localDateTime(r.receivedAt).date;
  return renderReportPdf({
    issuer: [custodian.superiorNameVi ?? '', custodian.nameVi].filter(Boolean).map((s) => s.toUpperCase()),
    title: 'V/v trả lời yêu cầu cấp bản sao văn bằng từ sổ gốc',
    subtitle: ['Reply to a request for a copy from the register'],
    metaTitle: `Từ chối cấp bản sao ${r.id}`,
    sections: [
      {
        paragraphs: [
          `Kính gửi: ${r.requesterName} (số định danh ${r.requesterPersonalIdNumber}).`,
          `${custodian.nameVi} nhận được yêu cầu cấp bản sao văn bằng từ sổ gốc ngày ${dayMonthYear(received)} đối với văn bằng:`,
          ...about.map((l) => `– ${l}`),
          `${custodian.nameVi} không cấp bản sao với lý do: ${REASON_TEXT[r.reason]}`,
          ...(decisionRef ? [decisionRef] : []),
          ...(r.explanation ? [`Ghi chú: ${r.explanation}`] : []),
          `${custodian.nameVi} trả lời để Ông/Bà được biết.`,
        ],
      },
    ],
    signature: {
      placeAndDate: `${custodian.placeName ?? ''}, ngày ${dayMonthYear(r.decidedOn)}`,
      title: r.signerTitle.toUpperCase(),
      name: r.signerName,
    },
  });
}
