import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import { PageQueryDto } from '../../common/pagination/pagination';
import type { OrganisationEntity } from '../entities/organisation.entity';
import { ORGANISATION_KINDS, type OrganisationKind } from '../org-kinds';

export const ORG_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class CreateOrganisationDto {
  @ApiProperty({ example: 'THPT-BTR-CHITHANH', description: 'Upper-case letters, digits, . _ -' })
  @IsString()
  @Matches(ORG_CODE_PATTERN, { message: 'code must be 2-40 upper-case letters, digits, ".", "_" or "-"' })
  code!: string;

  @ApiProperty({ example: 'Trường THPT Chê-ghê-va-ra', description: 'Official Vietnamese name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ example: 'Che Guevara Upper Secondary School' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameEn?: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'SGD-BTR' })
  @IsString()
  @Matches(ORG_CODE_PATTERN)
  parentCode!: string;

  @ApiPropertyOptional({ example: '83' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  superiorNameVi?: string;

  @ApiPropertyOptional({ example: 'Bến Tre' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  placeName?: string;

  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @IsIsoDate()
  validFrom?: string;
}

export class DissolveOrganisationDto {
  @ApiProperty({ example: '2025-07-01', description: 'First day the organisation no longer exists' })
  @IsIsoDate()
  effectiveOn!: string;

  @ApiProperty({ example: 'SGD-BTR' })
  @Matches(ORG_CODE_PATTERN)
  successorCode!: string;

  @ApiProperty({ enum: ['merger', 'split', 'dissolution', 'reorganisation'] })
  @IsIn(['merger', 'split', 'dissolution', 'reorganisation'])
  kind!: 'merger' | 'split' | 'dissolution' | 'reorganisation';

  @ApiPropertyOptional({ example: 'Thông tư 13/2025/TT-BGDĐT' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalBasis?: string;
}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORG_CODE_PATTERN)
  parentCode?: string;
}

export class OrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Vietnamese name (same as nameVi)' }) name!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiPropertyOptional({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty() depth!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) provinceCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) superiorNameVi!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) placeName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validFrom!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) validTo!: string | null;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toOrganisationResponse(o: OrganisationEntity, parentCode: string | null): OrganisationDto {
  return {
    id: o.id,
    code: o.code,
    name: o.nameVi,
    nameVi: o.nameVi,
    nameEn: o.nameEn,
    kind: o.kind,
    parentCode,
    depth: o.depth,
    provinceCode: o.provinceCode,
    superiorNameVi: o.superiorNameVi,
    placeName: o.placeName,
    validFrom: o.validFrom,
    validTo: o.validTo,
  };
}
