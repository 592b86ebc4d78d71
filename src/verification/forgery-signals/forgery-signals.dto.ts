import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDate } from '../../common/validation/iso-date';
import { SERIAL_PATTERN } from '../dto/lookup-rules';
import { FORGERY_SIGNAL_KINDS } from './forgery-signal.entity';

/** PUB-8: an official query states the case it serves and why; both go into the audit record. */
export class ForgerySignalQueryDto extends PageQueryDto {
  @ApiProperty({ example: '125/CSHS-2026', description: 'The case (vụ việc) the query serves' })
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  caseNumber!: string;

  @ApiProperty({ example: 'Xác minh văn bằng nghi giả mạo' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  purpose!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(SERIAL_PATTERN) serialNumber?: string;
  @ApiPropertyOptional({ enum: FORGERY_SIGNAL_KINDS })
  @IsOptional()
  @IsIn(FORGERY_SIGNAL_KINDS)
  kind?: string;
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @IsIsoDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @IsIsoDate() to?: string;
}

export class ForgerySignalDto {
  @ApiProperty() id!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ enum: ['lookup', 'qr'] }) channel!: string;
  @ApiProperty({ enum: FORGERY_SIGNAL_KINDS }) kind!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) serialNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) registerEntryNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Issuer or blank holder' })
  orgCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) blankState!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) presentedFullName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) presentedDateOfBirth!: string | null;
}

export class ForgerySignalPageDto {
  @ApiProperty({ type: [ForgerySignalDto] }) items!: ForgerySignalDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
