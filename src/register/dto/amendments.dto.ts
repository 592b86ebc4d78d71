import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import { CORRECTION_GROUNDS, type CorrectionGround } from '../entities/correction.entity';
import { REVOCATION_GROUNDS } from '../entities/revocation.entity';

const GROUNDS = [...REVOCATION_GROUNDS, 'issuerError'] as const;

export class RevocationDto {
  @ApiProperty({ enum: GROUNDS, description: 'REVOKE-1 (a–đ); issuerError (e) is refused: use a re-issue' })
  @IsIn(GROUNDS)
  ground!: (typeof GROUNDS)[number];
  @ApiProperty({ example: '152/QĐ-SGDĐT' }) @IsString() @IsNotEmpty() @MaxLength(100) decisionNo!: string;
  @ApiProperty({ example: '2026-03-02' }) @IsIsoDate() decidedOn!: string;
  @ApiPropertyOptional({ description: 'Shown with the status to whoever verifies the diploma' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  publicNote?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) signerName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) signerTitle?: string;
  @ApiPropertyOptional({ description: 'REVOKE-3: the body that detected the violation' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  detectingBody?: string;
}

/** `null` only where a value may be removed (the ID number); a name, date or gender is never erased. */
const sent = (_: object, v: unknown) => v !== undefined;

export class CorrectionChangesDto {
  @ApiPropertyOptional() @ValidateIf(sent) @IsString() @IsNotEmpty() @MaxLength(100) fullName?: string;
  @ApiPropertyOptional({ example: '2007-09-02' }) @ValidateIf(sent) @IsIsoDate() dateOfBirth?: string;
  @ApiPropertyOptional() @ValidateIf(sent) @IsString() @IsNotEmpty() @MaxLength(200) placeOfBirth?: string;
  @ApiPropertyOptional({ enum: ['male', 'female'] })
  @ValidateIf(sent)
  @IsIn(['male', 'female'])
  gender?: string;
  @ApiPropertyOptional() @ValidateIf(sent) @IsString() @IsNotEmpty() @MaxLength(50) ethnicity?: string;
  @ApiPropertyOptional({ example: '083207001234', nullable: true, description: 'null removes it' })
  @IsOptional()
  @Matches(/^\d{9}$|^\d{12}$/, { message: 'a 9- or 12-digit ID number' })
  personalIdNumber?: string | null;
}

export class CorrectionDto {
  // Checked by the service, so that a ground outside the closed list has its own code (CORR-1).
  @ApiProperty({
    enum: CORRECTION_GROUNDS,
    description: 'CORR-1: the closed list (else CORRECTION_GROUND_INVALID)',
  })
  @IsString()
  @MaxLength(60)
  ground!: CorrectionGround;
  @ApiProperty({ example: '201/QĐ-SGDĐT' }) @IsString() @IsNotEmpty() @MaxLength(100) decisionNo!: string;
  @ApiProperty({ example: '2026-03-10' }) @IsIsoDate() decidedOn!: string;
  @ApiProperty({ description: 'CORR-4: the civil-status extract or decision, or the birth certificate' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  evidenceRef!: string;
  @ApiPropertyOptional({ description: 'CORR-5: the complete dossier arrived on' })
  @IsOptional()
  @IsIsoDate()
  receivedOn?: string;
  @ApiProperty({ type: CorrectionChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesDto)
  changes!: CorrectionChangesDto;
}

export class ReissueDto {
  @ApiProperty({ example: '77/QĐ-SGDĐT' }) @IsString() @IsNotEmpty() @MaxLength(100) decisionNo!: string;
  @ApiProperty({ example: '2026-03-20' }) @IsIsoDate() decidedOn!: string;
  @ApiProperty({ example: 'Ghi sai ngày sinh do lỗi của cơ quan cấp' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() receivedOn?: string;
  @ApiPropertyOptional({ type: CorrectionChangesDto, description: "The issuer's error, corrected" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesDto)
  changes?: CorrectionChangesDto;
  @ApiPropertyOptional({
    description: "The custodian's head signing the new diploma (default: the original's signer)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signerName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) signerTitle?: string;
}

export class AppendixQueryDto {
  @ApiPropertyOptional({ description: "Custodian; default: the caller's organisation" })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/)
  custodianOrgCode?: string;
  @ApiProperty({ example: 'THPT' }) @Matches(/^[A-Z]{2,10}$/) credentialType!: string;
  @ApiProperty({ example: '2026' })
  @Matches(/^(19|20)\d{2}$/, { message: 'a year from 1900 to 2099' })
  year!: string;
}
