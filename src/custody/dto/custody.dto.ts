import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import type { CustodyAnswer } from '../custody.service';
import type { CustodyAssignmentEntity } from '../entities/custody-assignment.entity';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class CreateCustodyAssignmentDto {
  @ApiProperty({ example: 'PGD-BTR-CHAUTHANH' }) @Matches(ORG_CODE) issuerOrgCode!: string;
  @ApiProperty({ example: 'THCS' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: 'SGD-BTR' }) @Matches(ORG_CODE) custodianOrgCode!: string;
  @ApiProperty({ example: '2025-07-01' }) @IsIsoDate() effectiveFrom!: string;
  @ApiPropertyOptional({ example: 'Biên bản bàn giao số 12/BB-SGDĐT ngày 30/06/2025' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  transferRecordRef?: string;
}

export class CustodyQueryDto {
  @ApiProperty({ example: 'PGD-BTR-CHAUTHANH' }) @Matches(ORG_CODE) issuerOrgCode!: string;
  @ApiProperty({ example: 'THCS' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: '2025-08-01' }) @IsIsoDate() date!: string;
}

export class CustodyAssignmentDto {
  @ApiProperty() id!: string;
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() custodianOrgCode!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) transferRecordRef!: string | null;
}

export class CustodyAnswerDto {
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() custodianOrgCode!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ enum: ['assignment', 'rule', 'successor', 'issuer'] }) basis!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) since!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) legalBasis!: string | null;
}

export function toCustodyAssignmentResponse(
  a: CustodyAssignmentEntity,
  issuerOrgCode: string,
  custodianOrgCode: string,
): CustodyAssignmentDto {
  return {
    id: a.id,
    issuerOrgCode,
    credentialType: a.credentialType,
    custodianOrgCode,
    effectiveFrom: a.effectiveFrom,
    transferRecordRef: a.transferRecordRef,
  };
}

export function toCustodyAnswer(a: CustodyAnswer, credentialType: string, date: string): CustodyAnswerDto {
  return {
    issuerOrgCode: a.issuer.code,
    custodianOrgCode: a.custodian.code,
    credentialType,
    date,
    basis: a.basis,
    since: a.since,
    legalBasis: a.legalBasis,
  };
}
