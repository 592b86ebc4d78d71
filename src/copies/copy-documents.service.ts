import { bufferSink } from '../documents/buffer-sink';
import { dayMonthYear } from '../common/calendar/working-day-calendar';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OrgsService } from '../orgs/orgs.service';
import { openDiplomaPdf } from '../printing/diploma/diploma-pdf';
import type { DiplomaPrint } from '../printing/diploma/model';
import { DiplomaPrintError } from '../printing/diploma/values';
import { templateOrRefuse } from '../printing/template-choice';
import { qrSymbol } from '../qr/qr-symbol';
import { RulebookService } from '../rulebook/rulebook.service';
import { CopiesRepository } from './copies.repository';
import { copyRegisterPdf, type CopyRegisterView } from './documents/copy-register-pdf';
import type { RegisterCopyEntity } from './entities/register-copy.entity';

const NO_CALIBRATION = { offsetXmm: 0, offsetYmm: 0, scale: 1 };
const GENDER_VI = { male: 'Nam', female: 'Nữ' } as const;
const CLASSIFICATION_VI: Record<string, string> = {
  excellent: 'Xuất sắc',
  veryGood: 'Giỏi',
  good: 'Khá',
  average: 'Trung bình',
};

/** The copy (PRINT-7) and the copy register (COPY-6) as PDFs, drawn from the recorded copies. */
@Injectable()
export class CopyDocumentsService {
  constructor(
    private readonly repo: CopiesRepository,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A copy as issued: the register's content it certified, on the template in force on its date. */
  async copyPdf(actor: Actor, id: string): Promise<{ pdf: Buffer; copy: RegisterCopyEntity }> {
    const copy = await this.repo.findCopy(id);
    if (!copy) throw new AppError('COPY_NOT_FOUND', 'No such copy');
    const custodian = await this.orgs.getById(copy.custodianOrgId);
    assertInScope(actor, custodian.path, 'This copy');
    const c = copy.content;
    const template = templateOrRefuse(c.credentialType, copy.copiedOn);
    const data: DiplomaPrint = {
      credentialType: c.credentialType,
      // The place-and-date line and the signature are the copy's (PRINT-7, PRINT-8).
      issuedOn: copy.copiedOn,
      issuePlaceName: custodian.placeName ?? custodian.nameVi,
      signerTitle: copy.signerTitle,
      signerName: copy.signerName,
      fullName: c.fullName,
      dateOfBirth: c.dateOfBirth,
      placeOfBirth: c.placeOfBirth,
      gender: c.gender,
      ethnicity: c.ethnicity,
      schoolName: c.schoolName,
      graduationYear: c.graduationYear,
      classification: (await this.rulebook.classificationShown(
        c.credentialType,
        c.graduationYear,
        custodian.path,
      ))
        ? c.classification
        : null,
      studyMode: c.studyMode,
      examCouncil: c.examCouncil,
      examYear: c.examCouncil ? c.graduationYear : null,
      programmeName: null,
      issuingAuthorityName: c.issuingAuthorityName,
      serialNumber: c.serialNumber ?? '',
      registerEntryNumber: c.registerEntryNumber,
      qr: qrSymbol(this.config.publicBaseUrl, copy.qrPayload),
      copy: {
        copyEntryNumber: copy.copyEntryNumber,
        originalIssuedOn: c.issuedOn,
        corrections: c.corrections ?? [],
      },
    };
    const sink = bufferSink();
    const pdf = openDiplomaPdf(sink.out, {
      mode: 'copy',
      calibration: NO_CALIBRATION,
      title: `Bản sao văn bằng ${copy.copyEntryNumber}`,
    });
    try {
      await pdf.add(data, template);
    } catch (e) {
      if (e instanceof DiplomaPrintError)
        throw new AppError(
          'PRINT_NOT_POSSIBLE',
          `${copy.copyEntryNumber}: ${e.message}`,
          undefined,
          undefined,
          {
            cause: e,
          },
        );
      throw e;
    }
    await pdf.end();
    return { pdf: sink.bytes(), copy };
  }

  /** COPY-6: the copy register of a custodian the actor may see, for a credential type and year. */
  async copyRegisterPdf(
    actor: Actor,
    custodianOrgCode: string,
    credentialType: string,
    year: number,
  ): Promise<Buffer> {
    const custodian = await this.orgs.readInScope(actor, custodianOrgCode);
    const type = await this.rulebook.credentialType(credentialType);
    const copies = await this.repo.copiesOfBook(custodian.id, type.code, year);
    const requests = new Map(
      (await this.repo.requestsByIds([...new Set(copies.map((c) => c.requestId))])).map((r) => [r.id, r]),
    );
    const last = copies.at(-1);
    const view: CopyRegisterView = {
      credentialCode: type.code,
      credentialTitleVi: type.nameVi.normalize('NFC').toUpperCase(),
      year,
      custodianSuperiorNameVi: custodian.superiorNameVi,
      custodianNameVi: custodian.nameVi,
      custodianCode: custodian.code,
      placeName: custodian.placeName ?? custodian.nameVi,
      signerTitle: last?.signerTitle ?? '',
      signerName: last?.signerName ?? null,
      rows: copies.map((copy) => {
        const c = copy.content;
        const req = requests.get(copy.requestId);
        const remarks = [`QĐ công nhận TN số ${c.decisionNo} ngày ${dayMonthYear(c.decidedOn)}`];
        if (req)
          remarks.push(
            `Người yêu cầu: ${req.requesterName}${req.relationship === 'holder' ? '' : ` (${RELATIONSHIP_VI[req.relationship]})`}`,
          );
        return {
          copyEntryNumber: copy.copyEntryNumber,
          copiedOn: dayMonthYear(copy.copiedOn),
          fullName: c.fullName,
          dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth)
            ? dayMonthYear(c.dateOfBirth)
            : c.dateOfBirth,
          placeOfBirth: c.placeOfBirth,
          gender: GENDER_VI[c.gender],
          ethnicity: c.ethnicity,
          examScores: c.examScores,
          classification: c.classification ? (CLASSIFICATION_VI[c.classification] ?? '') : '',
          serialNumber: c.serialNumber ?? '',
          registerEntryNumber: c.registerEntryNumber,
          remarks: remarks.join('\n'),
        };
      }),
    };
    return copyRegisterPdf(view);
  }
}

const RELATIONSHIP_VI = {
  holder: 'người được cấp',
  representative: 'người đại diện',
  relative: 'thân nhân',
} as const;
