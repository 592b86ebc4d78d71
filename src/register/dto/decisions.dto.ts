import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDate } from '../../common/validation/iso-date';
import type { DecisionView } from '../decisions.service';
import { MEDIA, STUDY_MODES } from '../entities/graduation-decision.entity';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class CreateDecisionDto {
  @ApiProperty({ example: '1234/QĐ-SGDĐT' }) @IsString() @IsNotEmpty() @MaxLength(100) decisionNo!: string;
  @ApiProperty({ example: '2026-07-20' }) @IsIsoDate() decidedOn!: string;
  @ApiProperty({ example: 'THPT' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: 'THPT-BTR-CHUYENBT' }) @Matches(ORG_CODE) schoolCode!: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(1950) @Max(2100) graduationYear!: number;
  @ApiPropertyOptional({ example: 'Kỳ thi ngày 11-12/6/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  examSession?: string;
  @ApiPropertyOptional({ example: 'Hội đồng thi Sở GDĐT Bến Tre' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  examCouncil?: string;
  @ApiProperty({ enum: STUDY_MODES }) @IsIn(STUDY_MODES) studyMode!: (typeof STUDY_MODES)[number];
  @ApiPropertyOptional({ enum: MEDIA, default: 'paper' })
  @IsOptional()
  @IsIn(MEDIA)
  medium?: (typeof MEDIA)[number];
  @ApiProperty({ example: 'Nguyễn Văn Hòa' }) @IsString() @IsNotEmpty() @MaxLength(200) signerName!: string;
  @ApiProperty({ example: 'Giám đốc' }) @IsString() @IsNotEmpty() @MaxLength(200) signerTitle!: string;
}

export class DecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A school, or an office: its schools' })
  @IsOptional()
  @Matches(ORG_CODE)
  schoolCode?: string;
}

export class ImportGraduatesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Graduate rows (see docs/IMPORT-TEMPLATE.md)',
  })
  @IsArray()
  @ArrayMaxSize(200_000)
  graduates!: unknown[];
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Validate only; write nothing' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsIn([true, false])
  dryRun?: boolean;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

export class IssueDto {
  @ApiProperty({ example: '2026-08-15' }) @IsIsoDate() issuedOn!: string;
}

export class DeadlineStatusDto {
  @ApiProperty() dueDate!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ enum: ['calendarDays', 'workingDays'] }) unit!: string;
  @ApiProperty({ enum: ['paper', 'digital'] }) medium!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) daysLeft!: number | null;
  @ApiProperty({ enum: ['onTime', 'dueSoon', 'overdue', 'issuedOnTime', 'issuedLate', 'none'] })
  status!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() rules!: string;
}

export class DecisionIssuanceDto {
  @ApiProperty() issuedOn!: string;
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() registerBookId!: string;
  @ApiProperty() firstSequence!: number;
  @ApiProperty() lastSequence!: number;
  @ApiProperty() quantity!: number;
}

export class DecisionDto {
  @ApiProperty() id!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() schoolCode!: string;
  @ApiProperty() schoolName!: string;
  @ApiProperty() graduationYear!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) examSession!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) examCouncil!: string | null;
  @ApiProperty({ enum: STUDY_MODES }) studyMode!: string;
  @ApiProperty({ enum: MEDIA }) medium!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty() signerTitle!: string;
  @ApiProperty() graduates!: number;
  @ApiProperty({ enum: ['draft', 'issuing', 'issued'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) issuingJobId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: DecisionIssuanceDto }) issuance!: DecisionIssuanceDto | null;
  @ApiPropertyOptional({ nullable: true, type: DeadlineStatusDto, description: 'ISSUE-3/4/5' })
  deadline!: DeadlineStatusDto | null;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionDto] }) items!: DecisionDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ImportWarningDto {
  @ApiProperty() row!: number;
  @ApiProperty() field!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Rows that passed validation' }) valid!: number;
  @ApiProperty({ description: 'Rows written (0 for a dry run)' }) imported!: number;
  @ApiProperty() totalGraduates!: number;
  @ApiProperty({ type: [ImportWarningDto] }) warnings!: ImportWarningDto[];
}

export function toDecisionResponse(v: DecisionView, issuerCode: string | null): DecisionDto {
  const d = v.decision;
  return {
    id: d.id,
    decisionNo: d.decisionNo,
    decidedOn: d.decidedOn,
    credentialType: d.credentialType,
    schoolCode: v.school.code,
    schoolName: v.school.nameVi,
    graduationYear: d.graduationYear,
    examSession: d.examSession,
    examCouncil: d.examCouncil,
    studyMode: d.studyMode,
    medium: d.medium,
    signerName: d.signerName,
    signerTitle: d.signerTitle,
    graduates: v.graduates,
    status: v.issuance ? 'issued' : v.issuingJobId ? 'issuing' : 'draft',
    issuingJobId: v.issuingJobId,
    issuance: v.issuance
      ? {
          issuedOn: v.issuance.issuedOn,
          issuerOrgCode: issuerCode ?? '',
          registerBookId: v.issuance.bookId,
          firstSequence: v.issuance.firstSequence,
          lastSequence: v.issuance.lastSequence,
          quantity: v.issuance.quantity,
        }
      : null,
    deadline: v.deadline
      ? {
          dueDate: v.deadline.dueDate,
          days: v.deadline.days,
          unit: v.deadline.unit,
          medium: v.deadline.medium,
          daysLeft: v.deadline.daysLeft,
          status: v.deadline.status,
          legalBasis: v.deadline.legalBasis,
          rules: v.deadline.rules,
        }
      : null,
  };
}
