import { dayMonthYear } from '../../common/calendar/working-day-calendar';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { renderReportPdf } from '../../documents/pdf-report';
import { OrgsService } from '../../orgs/orgs.service';
import { RulebookService } from '../../rulebook/rulebook.service';
import { DiplomasService } from '../diplomas.service';
import { RegisterRepository } from '../register.repository';

const FIELD_VI: Record<string, string> = {
  fullName: 'Họ và tên',
  dateOfBirth: 'Ngày sinh',
  placeOfBirth: 'Nơi sinh',
  gender: 'Giới tính',
  ethnicity: 'Dân tộc',
  personalIdNumber: 'Số định danh',
};
const shown = (f: string, v: string | null) =>
  v === null
    ? '—'
    : f === 'dateOfBirth'
      ? dayMonthYear(v)
      : f === 'gender'
        ? v === 'male'
          ? 'Nam'
          : 'Nữ'
        : v;

/**
 * REG-9: the register appendix (phụ lục sổ gốc) of a custodian, a credential type and a year: every
 * correction and re-issue it decided, with old and new serials and numbers and what was corrected.
 */
@Injectable()
export class AppendixService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly diplomas: DiplomasService,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
  ) {}

  async pdf(
    actor: Actor,
    f: { custodianOrgCode?: string; credentialType: string; year: number },
  ): Promise<Buffer> {
    const custodian = await this.orgs.readInScope(actor, f.custodianOrgCode ?? actor.orgCode);
    const type = await this.rulebook.credentialType(f.credentialType);
    const acts = await this.repo.appendixActs(custodian.id, type.code, f.year);
    const views = new Map(
      (
        await this.diplomas.views(await this.repo.entriesByIds([...new Set(acts.map((a) => a.entry_id))]))
      ).map((v) => [v.entry.id, v]),
    );
    const rows = acts.map((a, i) => {
      const v = views.get(a.entry_id)!;
      const correction = a.kind === 'correction' ? v.corrections.find((c) => c.id === a.id) : undefined;
      const reissue = a.kind === 'reissue' ? v.replacedBy : null;
      return [
        String(i + 1),
        v.content.fullName,
        v.content.personalIdNumber ?? '',
        dayMonthYear(v.content.dateOfBirth),
        v.serialNumber ?? '',
        reissue?.serialNumber ?? '',
        reissue?.entry.registerEntryNumber ?? '',
        correction
          ? correction.changes
              .map((ch) => `${FIELD_VI[ch.field]}: ${shown(ch.field, ch.from)} → ${shown(ch.field, ch.to)}`)
              .join('; ')
          : '',
        '',
        reissue
          ? `Cấp lại theo QĐ ${reissue.reissue.decisionNo} ngày ${dayMonthYear(reissue.reissue.decidedOn)} — ${reissue.reissue.reason}`
          : `Chỉnh sửa theo QĐ ${correction!.decisionNo} ngày ${dayMonthYear(correction!.decidedOn)}`,
      ];
    });
    return renderReportPdf({
      issuer: [custodian.superiorNameVi ?? '', custodian.nameVi].filter(Boolean).map((s) => s.toUpperCase()),
      title: `PHỤ LỤC SỔ GỐC CẤP ${type.nameVi.toUpperCase()}`,
      subtitle: [`Năm ${f.year}`, 'Register appendix: corrections and re-issues'],
      landscape: true,
      metaTitle: `Phụ lục sổ gốc ${custodian.code} ${type.code} ${f.year}`,
      sections: [
        {
          table: {
            columns: [
              { header: 'STT', width: 4, align: 'center' },
              { header: 'Họ và tên', width: 14 },
              { header: 'Số định danh cá nhân', width: 10 },
              { header: 'Ngày sinh', width: 8, align: 'center' },
              { header: 'Số hiệu văn bằng đã được cấp', width: 10, align: 'center' },
              { header: 'Số hiệu văn bằng được cấp lại', width: 10, align: 'center' },
              { header: 'Số vào sổ gốc cấp bằng mới', width: 9, align: 'center' },
              { header: 'Nội dung chỉnh sửa', width: 20 },
              { header: 'Chữ ký người nhận', width: 9 },
              { header: 'Ghi chú', width: 16 },
            ],
            rows,
          },
        },
      ],
      signature: {
        placeAndDate: `${custodian.placeName ?? ''}, ngày ..... tháng ..... năm ${f.year}`,
        title: 'THỦ TRƯỞNG CƠ QUAN QUẢN LÝ SỔ GỐC',
      },
    });
  }
}
