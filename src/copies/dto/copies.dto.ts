import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/iso-date';
import type { CopyRequestView } from '../copies.service';
import { COPY_RELATIONSHIPS, type CopyRelationship } from '../entities/copy-request.entity';

/** COPY-5 allows any number; one request is capped so a typo cannot fill the copy register. */
export const MAX_COPIES_PER_REQUEST = 50;
const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class CopyRequestDto {
  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  requesterName!: string;
  @ApiProperty({
    example: '083206001234',
    description: '12-digit personal ID (or a 9-digit legacy ID card number)',
  })
  @Matches(/^(\d{12}|\d{9})$/, {
    message: 'requesterPersonalIdNumber must be 12 digits (or a 9-digit legacy number)',
  })
  requesterPersonalIdNumber!: string;
  @ApiProperty({
    enum: COPY_RELATIONSHIPS,
    description:
      'COPY-2: the holder, a legal or authorised representative, or a relative of a deceased holder',
  })
  @IsIn(COPY_RELATIONSHIPS)
  relationship!: CopyRelationship;
  @ApiPropertyOptional({
    example: 'Giấy ủy quyền số 12/UQ ngày 01/09/2026, UBND xã Phú Túc chứng thực',
    description: 'COPY-2/3: proof of authorisation or relationship; required unless relationship is holder',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  evidenceRef?: string;
  @ApiProperty({ minimum: 1, maximum: MAX_COPIES_PER_REQUEST, example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_COPIES_PER_REQUEST)
  quantity!: number;
  @ApiProperty({
    example: '2026-11-25T14:00:00+07:00',
    description: 'When the complete dossier was received; the deadline (COPY-4) counts from here',
  })
  @IsIsoDateTime()
  receivedAt!: string;
  @ApiProperty({
    example: 'Lê Văn Hùng',
    description: "PRINT-7: the custodian's current head, who signs the copies",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signerName!: string;
  @ApiProperty({
    example: 'GIÁM ĐỐC',
    description: 'As held on the copy date (ORG-4), e.g. "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC"',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signerTitle!: string;
}

export class RegisterCopyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '125', description: 'Số vào sổ cấp bản sao (NUM-6)' }) copyEntryNumber!: string;
  @ApiProperty({ example: 125 }) copySequence!: number;
  @ApiProperty({ example: '2026-11-25' }) copiedOn!: string;
  @ApiProperty({ example: '/api/v1/copies/0190.../pdf' }) pdfUrl!: string;
}

export class CopyRequestResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() diplomaId!: string;
  @ApiProperty({ example: 'SGD-BTR' }) custodianOrgCode!: string;
  @ApiProperty() requesterName!: string;
  @ApiProperty({ enum: COPY_RELATIONSHIPS }) relationship!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) evidenceRef!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({
    example: '2026-11-26',
    description: 'COPY-4: same working day, or the next after the cut-off',
  })
  dueOn!: string;
  @ApiProperty({ description: 'The first copy’s number (all of them in copyEntryNumbers)' })
  copyEntryNumber!: string;
  @ApiProperty({ type: [String] }) copyEntryNumbers!: string[];
  @ApiProperty({ type: [RegisterCopyDto] }) copies!: RegisterCopyDto[];
  @ApiProperty({ description: 'The original’s serial number' }) serialNumber!: string;
  @ApiProperty({ description: 'The original’s register entry number' }) registerEntryNumber!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty() signerTitle!: string;
}

export function toCopyRequestResponse(v: CopyRequestView): CopyRequestResultDto {
  const r = v.request;
  return {
    id: r.id,
    diplomaId: r.entryId,
    custodianOrgCode: v.view.custodian.code,
    requesterName: r.requesterName,
    relationship: r.relationship,
    evidenceRef: r.evidenceRef,
    quantity: r.quantity,
    receivedAt: r.receivedAt.toISOString(),
    dueOn: r.dueOn,
    copyEntryNumber: v.copies[0].copyEntryNumber,
    copyEntryNumbers: v.copies.map((c) => c.copyEntryNumber),
    copies: v.copies.map((c) => ({
      id: c.id,
      copyEntryNumber: c.copyEntryNumber,
      copySequence: c.copySequence,
      copiedOn: c.copiedOn,
      pdfUrl: `/api/v1/copies/${c.id}/pdf`,
    })),
    serialNumber: v.copies[0].content.serialNumber ?? '',
    registerEntryNumber: v.copies[0].content.registerEntryNumber,
    signerName: r.signerName,
    signerTitle: r.signerTitle,
  };
}

export class CopyRegisterQueryDto {
  @ApiProperty({ example: 'SGD-BTR' }) @Matches(ORG_CODE) custodianOrgCode!: string;
  @ApiProperty({ example: 'THPT' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: '2026' })
  @Matches(/^(19|20)\d{2}$/, { message: 'a year from 1900 to 2099' })
  year!: string;
}
