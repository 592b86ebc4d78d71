import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDate } from '../../common/validation/iso-date';
import type { DiplomaView } from '../diplomas.service';

export class DiplomaQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9./-]{1,40}$/) serialNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) registerEntryNumber?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-f-]{36}$/) decisionId?: string;
}

export class HandoverDto {
  @ApiProperty({ example: '2026-09-05' }) @IsIsoDate() receivedOn!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString() @IsNotEmpty() @MaxLength(200) receiverName!: string;
  @ApiProperty({
    example: '083206001234',
    description: '12-digit personal ID (or a 9-digit legacy ID card number)',
  })
  @Matches(/^(\d{12}|\d{9})$/, {
    message: 'receiverPersonalIdNumber must be 12 digits (or a 9-digit legacy number)',
  })
  receiverPersonalIdNumber!: string;
  @ApiProperty({ enum: ['self', 'proxy'] }) @IsIn(['self', 'proxy']) relationship!: 'self' | 'proxy';
  @ApiPropertyOptional({ example: 'Giấy ủy quyền ngày 01/09/2026, UBND xã Phú Túc chứng thực' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  authorisationRef?: string;
  @ApiPropertyOptional({ default: true, description: 'HAND-1: the receiver checked the data before signing' })
  @IsOptional()
  @IsBoolean()
  dataChecked?: boolean;
}

export class UnclaimedQueryDto {
  @ApiProperty() @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/) schoolCode!: string;
  @ApiProperty({ description: 'Graduation year' }) @Matches(/^\d{4}$/) year!: string;
}

export class HolderDto {
  @ApiProperty() fullName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() placeOfBirth!: string;
  @ApiProperty({ enum: ['male', 'female'] }) gender!: string;
  @ApiProperty() ethnicity!: string;
  @ApiProperty() nationality!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) personalIdNumber!: string | null;
}

export class HandoverViewDto {
  @ApiProperty() receivedOn!: string;
  @ApiProperty() receiverName!: string;
  @ApiProperty({ enum: ['self', 'proxy'] }) relationship!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) authorisationRef!: string | null;
  @ApiProperty() dataChecked!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number }) leafIndex!: number | null;
}

export class DiplomaVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['original', 'correction', 'reissue', 'revocation'] }) kind!: string;
  @ApiProperty() on!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionNo!: string | null;
  @ApiProperty({ description: 'The diploma of this step (the new one for a re-issue)' }) diplomaId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) serialNumber!: string | null;
  @ApiProperty() registerEntryNumber!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Transparency-log leaf of the fact' })
  leafIndex!: number | null;
}

export class SerialReplacementDto {
  @ApiProperty() serialNumber!: string;
  @ApiProperty() previousSerialNumber!: string;
  @ApiProperty({ enum: ['misprinted'] }) reason!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class StatusDetailDto {
  @ApiProperty({ enum: ['revocation', 'reissue'] }) kind!: string;
  @ApiProperty({ description: 'REVOKE-1 ground code (issuerError for a re-issue)' }) ground!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) publicNote!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'REVOKE-5: the holder returns the diploma by this day',
  })
  returnDueOn!: string | null;
  @ApiPropertyOptional({ description: 'REISSUE-8: the diploma that replaces this one' })
  replacedById?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) replacedBySerialNumber?: string | null;
  @ApiPropertyOptional() replacedByRegisterEntryNumber?: string;
}

export class FieldChangeDto {
  @ApiProperty() field!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) from!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) to!: string | null;
}

export class CorrectionViewDto {
  @ApiProperty({ description: 'CORR-1 ground' }) ground!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty() evidenceRef!: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes!: FieldChangeDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) receivedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'CORR-5: due day of the decision' })
  dueOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'decided by the due day' }) onTime!:
    boolean | null;
}

export class DiplomaDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The blank the diploma is printed on now (after any misprint replacement)',
  })
  serialNumber!: string | null;
  @ApiProperty({
    type: [SerialReplacementDto],
    description: 'BLANK-9: blanks replaced after misprints, oldest first',
  })
  serialReplacements!: SerialReplacementDto[];
  @ApiProperty() registerEntryNumber!: string;
  @ApiProperty() registerSequence!: number;
  @ApiProperty() credentialType!: string;
  @ApiProperty({ type: HolderDto }) holder!: HolderDto;
  @ApiPropertyOptional({ nullable: true, type: String }) classification!: string | null;
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() custodianOrgCode!: string;
  @ApiProperty() schoolCode!: string;
  @ApiProperty() graduationYear!: number;
  @ApiProperty() decisionId!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() ruleSet!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty() signerTitle!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'REISSUE-8: the diploma this re-issue replaces',
  })
  replacesId!: string | null;
  @ApiProperty({ enum: ['valid', 'replaced', 'revoked', 'suspended'] }) status!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: () => StatusDetailDto,
    description: 'The decision behind a status other than valid',
  })
  statusDetail!: StatusDetailDto | null;
  @ApiProperty() hasCorrections!: boolean;
  @ApiProperty({
    type: [CorrectionViewDto],
    description: 'CORR-7: each correction with its old and new values',
  })
  corrections!: CorrectionViewDto[];
  @ApiPropertyOptional({ nullable: true, type: HandoverViewDto }) handover!: HandoverViewDto | null;
  @ApiProperty({ type: [DiplomaVersionDto] }) versions!: DiplomaVersionDto[];
}

export class DiplomaPageDto {
  @ApiProperty({ type: [DiplomaDto] }) items!: DiplomaDto[];
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export class UnclaimedDto {
  @ApiProperty() schoolCode!: string;
  @ApiProperty() graduationYear!: number;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [DiplomaDto] }) items!: DiplomaDto[];
}

export function toDiplomaResponse(v: DiplomaView): DiplomaDto {
  const e = v.entry;
  return {
    id: e.id,
    serialNumber: v.serialNumber,
    serialReplacements: v.serialHistory.map((r) => ({
      serialNumber: r.serialNumber,
      previousSerialNumber: r.previousSerialNumber,
      reason: r.reason,
      note: r.note,
      recordedAt: r.createdAt.toISOString(),
    })),
    registerEntryNumber: e.registerEntryNumber,
    registerSequence: e.registerSequence,
    credentialType: e.credentialType,
    // CORR-9: the holder as corrected; the entry itself keeps what was first registered.
    holder: { ...v.content, nationality: e.nationality },
    classification: e.classification,
    issuerOrgCode: v.issuer.code,
    custodianOrgCode: v.custodian.code,
    schoolCode: v.school.code,
    graduationYear: e.graduationYear,
    decisionId: e.decisionId,
    decisionNo: v.decisionNo,
    issuedOn: e.issuedOn,
    ruleSet: e.ruleSet,
    signerName: e.signerName,
    signerTitle: e.signerTitle,
    replacesId: e.replacesEntryId,
    status: v.status,
    statusDetail: statusDetailOf(v),
    hasCorrections: v.corrections.length > 0,
    corrections: v.corrections.map((c) => ({
      ground: c.ground,
      decisionNo: c.decisionNo,
      decidedOn: c.decidedOn,
      evidenceRef: c.evidenceRef,
      changes: c.changes,
      receivedOn: c.receivedOn,
      dueOn: c.dueOn,
      onTime: c.dueOn ? c.decidedOn <= c.dueOn : null,
    })),
    handover: v.handover
      ? {
          receivedOn: v.handover.receivedOn,
          receiverName: v.handover.receiverName,
          relationship: v.handover.relationship,
          authorisationRef: v.handover.authorisationRef,
          dataChecked: v.handover.dataChecked,
          leafIndex: v.handoverLeafIndex,
        }
      : null,
    versions: v.versions.map((x) => ({
      version: x.version,
      kind: x.kind,
      on: x.on,
      // the original's decision is the graduation decision, shared by every diploma of the lineage
      decisionNo: x.kind === 'original' ? v.decisionNo : x.decisionNo,
      diplomaId: x.entryId,
      serialNumber: x.serialNumber,
      registerEntryNumber: x.registerEntryNumber,
      leafIndex: x.leafIndex,
    })),
  };
}

function statusDetailOf(v: DiplomaView): StatusDetailDto | null {
  if (v.revocation)
    return {
      kind: 'revocation',
      ground: v.revocation.ground,
      decisionNo: v.revocation.decisionNo,
      decidedOn: v.revocation.decidedOn,
      publicNote: v.revocation.publicNote,
      returnDueOn: v.revocation.returnDueOn,
    };
  if (v.replacedBy)
    return {
      kind: 'reissue',
      ground: 'issuerError', // REVOKE-1 e, REISSUE-6
      decisionNo: v.replacedBy.reissue.decisionNo,
      decidedOn: v.replacedBy.reissue.decidedOn,
      publicNote: null,
      returnDueOn: null,
      replacedById: v.replacedBy.entry.id,
      replacedBySerialNumber: v.replacedBy.serialNumber,
      replacedByRegisterEntryNumber: v.replacedBy.entry.registerEntryNumber,
    };
  return null;
}
