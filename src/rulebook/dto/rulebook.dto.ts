import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate, IsPresent } from '../../common/validation/iso-date';
import type { CalendarDayEntity } from '../entities/calendar-day.entity';
import type { CredentialTypeEntity } from '../entities/credential-type.entity';
import { CREDENTIAL_KINDS } from '../entities/credential-type.entity';
import type { SettingEntity } from '../entities/setting.entity';
import type { Deadline, IssuerDecision } from '../rulebook.service';
import { RULE_SETS } from '../rulebook.types';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class CredentialTypesQueryDto {
  @ApiPropertyOptional({ description: 'Also answer for this date (YYYY-MM-DD): rule set and issuing bodies' })
  @IsOptional()
  @IsIsoDate()
  date?: string;
}

export class IssuerRuleDto {
  @ApiProperty() orgKind!: string;
  @ApiProperty() signerRole!: string;
  @ApiProperty() signerTitleVi!: string;
  @ApiProperty() signerTitleEn!: string;
}

export class RuleSetPeriodDto {
  @ApiProperty({ enum: RULE_SETS }) ruleSet!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validFrom!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validTo!: string | null;
  @ApiProperty() legalBasis!: string;
}

export class AuthorityPeriodDto {
  @ApiPropertyOptional({ nullable: true, type: String }) validFrom!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validTo!: string | null;
  @ApiProperty({ type: [IssuerRuleDto] }) issuers!: IssuerRuleDto[];
  @ApiPropertyOptional() noteVi?: string;
  @ApiPropertyOptional() noteEn?: string;
  @ApiProperty() legalBasis!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rules!: string | null;
}

export class CredentialTypeOnDateDto {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: RULE_SETS }) ruleSet!: string;
  @ApiProperty({ type: [IssuerRuleDto] }) issuers!: IssuerRuleDto[];
}

export class CredentialTypeDto {
  @ApiProperty({ example: 'THPT' }) code!: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS }) kind!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() usesBlanks!: boolean;
  @ApiProperty({ type: [RuleSetPeriodDto] }) ruleSets!: RuleSetPeriodDto[];
  @ApiProperty({ type: [AuthorityPeriodDto] }) authority!: AuthorityPeriodDto[];
  @ApiPropertyOptional({ type: CredentialTypeOnDateDto }) onDate?: CredentialTypeOnDateDto;
}

export class CredentialTypeListDto {
  @ApiProperty({ type: [CredentialTypeDto] }) items!: CredentialTypeDto[];
}

export class AuthorityQueryDto {
  @ApiProperty({ example: 'THCS' })
  @IsString()
  @Matches(/^[A-Z]{2,10}$/)
  credentialType!: string;

  @ApiPropertyOptional({
    example: 'XA-BTR-PHUTUC',
    description: 'Organisation that would issue; omit to list the issuing bodies',
  })
  @IsOptional()
  @Matches(ORG_CODE)
  orgCode?: string;

  @ApiProperty({ example: '2025-08-01' })
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional({ enum: ['paper', 'digital'], default: 'paper' })
  @IsOptional()
  @IsIn(['paper', 'digital'])
  medium?: 'paper' | 'digital';
}

export class DeadlineDto {
  @ApiProperty({ enum: ['paper', 'digital'] }) medium!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ enum: ['calendarDays', 'workingDays'] }) unit!: string;
  @ApiProperty({ enum: ['decisionDate', 'courseEnd'] }) from!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() rules!: string;
}

export class ReviewFlagDto {
  @ApiProperty() reasonVi!: string;
  @ApiProperty() reasonEn!: string;
}

export class AuthorityDecisionDto {
  @ApiProperty() credentialType!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ enum: RULE_SETS }) ruleSet!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) orgCode!: string | null;
  @ApiProperty({ description: 'Whether the organisation may issue this type on this date' })
  allowed!: boolean;
  @ApiProperty({ type: [IssuerRuleDto] }) issuers!: IssuerRuleDto[];
  @ApiPropertyOptional({ type: IssuerRuleDto, nullable: true }) signer!: IssuerRuleDto | null;
  @ApiProperty() reasonVi!: string;
  @ApiProperty() reasonEn!: string;
  @ApiPropertyOptional({ type: ReviewFlagDto, nullable: true }) reviewFlag!: ReviewFlagDto | null;
  @ApiPropertyOptional({
    type: DeadlineDto,
    nullable: true,
    description: 'Issuance deadline counted from `date`',
  })
  deadline!: DeadlineDto | null;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() rules!: string;
}

export class SettingQueryDto {
  @ApiProperty({ example: 'copy.cutoffTime' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9.]{1,99}$/)
  key!: string;

  @ApiProperty({ example: '2026-05-01' })
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional({ description: 'Scope: the most specific value for this organisation' })
  @IsOptional()
  @Matches(ORG_CODE)
  orgCode?: string;
}

export class SettingRowDto {
  @ApiProperty() key!: string;
  @ApiPropertyOptional({ nullable: true }) value!: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) scopeOrgId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validFrom!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validTo!: string | null;
  @ApiProperty() legalBasis!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) rules!: string | null;
}

export class SettingAnswerDto {
  @ApiProperty() key!: string;
  @ApiProperty() date!: string;
  @ApiPropertyOptional({ nullable: true }) value!: unknown;
  @ApiPropertyOptional({ type: SettingRowDto, nullable: true }) applied!: SettingRowDto | null;
  @ApiProperty({ type: [SettingRowDto] }) history!: SettingRowDto[];
}

export class CreateSettingDto {
  @ApiProperty({ example: 'registerNumberFormat.original' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9.]{1,99}$/)
  key!: string;

  @ApiProperty({ description: 'Any JSON value; null means "none"' })
  @IsPresent()
  value!: unknown;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsIsoDate()
  validFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDate()
  validTo?: string;

  @ApiProperty({ example: 'Quyết định 123/QĐ-SGDĐT' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  legalBasis!: string;

  @ApiPropertyOptional({ example: 'NUM-4' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  rules?: string;

  @ApiPropertyOptional({
    description: 'Organisation the row applies to (and its subtree); omit for national',
  })
  @IsOptional()
  @Matches(ORG_CODE)
  scopeOrgCode?: string;
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ example: '2026' })
  @IsOptional()
  @Matches(/^\d{4}$/)
  year?: string;
}

export class CreateCalendarDayDto {
  @ApiProperty({ example: '2027-02-08' })
  @IsIsoDate()
  day!: string;

  @ApiProperty({ enum: ['holiday', 'workingDay'] })
  @IsIn(['holiday', 'workingDay'])
  kind!: 'holiday' | 'workingDay';

  @ApiProperty({ example: 'Tết Nguyên đán' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameVi!: string;

  @ApiProperty({ example: 'Lunar New Year' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalBasis?: string;
}

export class CalendarDayDto {
  @ApiProperty() day!: string;
  @ApiProperty({ enum: ['holiday', 'workingDay'] }) kind!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) legalBasis!: string | null;
}

export class CalendarDayListDto {
  @ApiProperty({ type: [CalendarDayDto] }) items!: CalendarDayDto[];
}

export function toSettingRow(s: SettingEntity): SettingRowDto {
  return {
    key: s.key,
    value: s.value,
    scopeOrgId: s.scopeOrgId,
    validFrom: s.validFrom,
    validTo: s.validTo,
    legalBasis: s.legalBasis,
    rules: s.rules,
  };
}

export function toCalendarDay(d: CalendarDayEntity): CalendarDayDto {
  return { day: d.day, kind: d.kind, nameVi: d.nameVi, nameEn: d.nameEn, legalBasis: d.legalBasis };
}

export function toCredentialTypeResponse(
  t: CredentialTypeEntity,
  ruleSets: SettingEntity[],
  authority: SettingEntity[],
  onDate?: CredentialTypeOnDateDto,
): CredentialTypeDto {
  return {
    code: t.code,
    kind: t.kind,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    usesBlanks: t.usesBlanks,
    ruleSets: ruleSets
      .filter((r) => r.scopeOrgId === null)
      .map((r) => ({
        ruleSet: r.value as string,
        validFrom: r.validFrom,
        validTo: r.validTo,
        legalBasis: r.legalBasis,
      })),
    authority: authority
      .filter((r) => r.scopeOrgId === null)
      .map((r) => {
        const v = r.value as { issuers: IssuerRuleDto[]; noteVi?: string; noteEn?: string };
        return {
          validFrom: r.validFrom,
          validTo: r.validTo,
          issuers: v.issuers,
          noteVi: v.noteVi,
          noteEn: v.noteEn,
          legalBasis: r.legalBasis,
          rules: r.rules,
        };
      }),
    ...(onDate ? { onDate } : {}),
  };
}

export function toAuthorityDecision(
  d: IssuerDecision,
  orgCode: string | null,
  deadline: Deadline | null,
): AuthorityDecisionDto {
  return { ...d, orgCode, deadline };
}
