import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, IsIsoDateTime } from '../../common/validation/iso-date';
import { REFUSAL_REASONS, type CopyRefusalEntity, type RefusalReason } from '../entities/copy-refusal.entity';

export class RequestedDiplomaDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) fullName!: string;
  @ApiProperty({ example: '2007-09-02' }) @IsIsoDate() dateOfBirth!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9./-]{1,40}$/) serialNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) registerEntryNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1950) @Max(2100) graduationYear?: number;
}

export class CopyRefusalDto {
  @ApiProperty({ enum: REFUSAL_REASONS, description: 'COPY-8' })
  @IsIn(REFUSAL_REASONS)
  reason!: RefusalReason;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for needsCorrection and notValid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  diplomaId?: string;
  @ApiProperty({ type: RequestedDiplomaDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RequestedDiplomaDto)
  requested!: RequestedDiplomaDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) requesterName!: string;
  @ApiProperty({ example: '083207001234' }) @Matches(/^\d{9}$|^\d{12}$/) requesterPersonalIdNumber!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) explanation?: string;
  @ApiProperty({ example: '2026-11-27T09:30:00+07:00' }) @IsIsoDateTime() receivedAt!: string;
  @ApiProperty({ example: 'Trần Văn Khải' }) @IsString() @IsNotEmpty() @MaxLength(200) signerName!: string;
  @ApiProperty({ example: 'Giám đốc' }) @IsString() @IsNotEmpty() @MaxLength(200) signerTitle!: string;
}

export class CopyRefusalResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REFUSAL_REASONS }) reason!: string;
  @ApiProperty() decidedOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) diplomaId!: string | null;
  @ApiProperty({ description: 'The refusal letter (PDF)' }) letterUrl!: string;
}

export function toRefusalResponse(r: CopyRefusalEntity): CopyRefusalResultDto {
  return {
    id: r.id,
    reason: r.reason,
    decidedOn: r.decidedOn,
    diplomaId: r.entryId,
    letterUrl: `/api/v1/copy-refusals/${r.id}/pdf`,
  };
}
