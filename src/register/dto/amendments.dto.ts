import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
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
