import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import type { BookView } from '../register-books.service';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

export class BookQueryDto {
  @ApiPropertyOptional({ description: "Current custodian; default: books held within the caller's subtree" })
  @IsOptional()
  @Matches(ORG_CODE)
  custodianOrgCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{2,10}$/) credentialType?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}$/) year?: string;
}

export class CloseBookDto {
  @ApiProperty({ example: 'Trần Văn Khải' }) @IsString() @IsNotEmpty() @MaxLength(200) signerName!: string;
  @ApiProperty({ example: 'Giám đốc' }) @IsString() @IsNotEmpty() @MaxLength(200) signerTitle!: string;
}

export class CustodyTransferDto {
  @ApiProperty({ example: 'XA-BTR-PHUTUC' }) @Matches(ORG_CODE) issuerOrgCode!: string;
  @ApiProperty({ example: 'THCS' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: 'SGD-BTR' }) @Matches(ORG_CODE) toOrgCode!: string;
  @ApiProperty({ example: '2026-05-31' }) @IsIsoDate() effectiveOn!: string;
  @ApiProperty({ example: '15/BB-BGSG' }) @IsString() @IsNotEmpty() @MaxLength(100) handoverRecordNo!: string;
  @ApiProperty({ example: '2026-05-30' }) @IsIsoDate() handoverRecordDate!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RegisterBookDto {
  @ApiProperty() id!: string;
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() custodianOrgCode!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() year!: number;
  @ApiProperty() entries!: number;
  @ApiProperty() lastSequence!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
}

export class RegisterBookListDto {
  @ApiProperty({ type: [RegisterBookDto] }) items!: RegisterBookDto[];
}

export class CustodyTransferResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() fromOrgCode!: string;
  @ApiProperty() toOrgCode!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() handoverRecordNo!: string;
  @ApiProperty() books!: number;
  @ApiProperty() entries!: number;
  @ApiProperty({ description: 'HAND-5: diplomas not yet handed over, which move with the register' })
  undelivered!: number;
}

export function toBookResponse(v: BookView): RegisterBookDto {
  return {
    id: v.book.id,
    issuerOrgCode: v.issuer.code,
    custodianOrgCode: v.custodian.code,
    credentialType: v.book.credentialType,
    year: v.book.year,
    entries: v.entries,
    lastSequence: v.book.lastSequence,
    closedAt: v.book.closedAt?.toISOString() ?? null,
  };
}
