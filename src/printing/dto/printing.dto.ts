import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { PrintCalibrationEntity } from '../entities/print-calibration.entity';
import { MAX_PRINT_JOB_DIPLOMAS } from '../print-checks';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
const PROFILE = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MODES = ['overlay', 'preview'] as const;

export class DiplomaPdfQueryDto {
  @ApiPropertyOptional({
    enum: MODES,
    default: 'preview',
    description: 'overlay: onto the pre-printed blank (recorded as printed)',
  })
  @IsOptional()
  @IsIn(MODES)
  mode?: 'overlay' | 'preview';
  @ApiPropertyOptional({
    description: "Profile of the caller's office (PUT /api/v1/print-calibrations/:name)",
  })
  @IsOptional()
  @Matches(PROFILE)
  calibration?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Overlay again onto the same blank' })
  @IsOptional()
  @IsIn(['true', 'false'])
  reprint?: 'true' | 'false';
}

export class PrintJobDto {
  @ApiPropertyOptional({
    type: [String],
    description: `Up to ${MAX_PRINT_JOB_DIPLOMAS} diploma ids, printed in this order`,
  })
  @ValidateIf((o: PrintJobDto) => o.decisionId === undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRINT_JOB_DIPLOMAS)
  @Matches(UUID, { each: true })
  diplomaIds?: string[];
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A graduation decision: its diplomas in register order',
  })
  @ValidateIf((o: PrintJobDto) => o.diplomaIds === undefined)
  @Matches(UUID)
  decisionId?: string;
  @ApiProperty({ enum: MODES }) @IsIn(MODES) mode!: 'overlay' | 'preview';
  @ApiPropertyOptional() @IsOptional() @Matches(PROFILE) calibration?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() reprint?: boolean;
}

export class MisprintDto {
  @ApiProperty({
    example: 'IN0000003',
    description: 'The blank that was spoiled: the one the diploma is on now',
  })
  @Matches(/^[A-Za-z0-9./-]{1,40}$/)
  serialNumber!: string;
  @ApiPropertyOptional({ example: 'Kẹt giấy, lệch dòng họ tên' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CalibrationNameParam {
  @ApiProperty({ example: 'may-in-1' })
  @Matches(PROFILE, { message: 'lower-case letters, digits, . _ -' })
  name!: string;
}

export class CalibrationQueryDto {
  @ApiPropertyOptional({ description: "Office; default: the caller's" })
  @IsOptional()
  @Matches(ORG_CODE)
  orgCode?: string;
}

export class TestPageQueryDto extends CalibrationQueryDto {
  @ApiPropertyOptional({ example: 'THPT', default: 'THPT' })
  @IsOptional()
  @Matches(/^[A-Z]{2,10}$/)
  credentialType?: string;
}

export class PutCalibrationDto {
  @ApiProperty({ example: 1.5, description: 'mm; positive moves the print right' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(-30)
  @Max(30)
  offsetXmm!: number;
  @ApiProperty({ example: -0.5, description: 'mm; positive moves the print down' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(-30)
  @Max(30)
  offsetYmm!: number;
  @ApiProperty({ example: 1, description: 'scale about the top-left corner' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.9)
  @Max(1.1)
  scale!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) description?: string;
  @ApiPropertyOptional({ description: "Office; default: the caller's" })
  @IsOptional()
  @Matches(ORG_CODE)
  orgCode?: string;
}

export class CalibrationDto {
  @ApiProperty() name!: string;
  @ApiProperty() orgCode!: string;
  @ApiProperty() offsetXmm!: number;
  @ApiProperty() offsetYmm!: number;
  @ApiProperty() scale!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class CalibrationListDto {
  @ApiProperty({ type: [CalibrationDto] }) items!: CalibrationDto[];
}

export function toCalibrationResponse(c: PrintCalibrationEntity, orgCode: string): CalibrationDto {
  return {
    name: c.name,
    orgCode,
    offsetXmm: Number(c.offsetXMm),
    offsetYmm: Number(c.offsetYMm),
    scale: Number(c.scale),
    description: c.description,
    updatedAt: c.updatedAt.toISOString(),
  };
}
