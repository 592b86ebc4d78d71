import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import { SPOIL_REASONS } from '../blank-states';

const ORG_CODE = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
const TYPE_CODE = /^[A-Z]{2,10}$/;
export const SERIAL_PATTERN = /^[A-Za-z0-9./-]{1,40}$/;

export class SerialRangeDto {
  @ApiProperty({ example: 'BT0000101' }) @Matches(SERIAL_PATTERN) from!: string;
  @ApiProperty({ example: 'BT0000200' }) @Matches(SERIAL_PATTERN) to!: string;
}

/** Serials given one by one, or as ranges whose ends are serials (API.md). */
export class SerialsDto {
  @ApiPropertyOptional({ type: [String], example: ['BT0000001', 'BT0000002'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @Matches(SERIAL_PATTERN, { each: true })
  serials?: string[];

  @ApiPropertyOptional({ type: [SerialRangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SerialRangeDto)
  ranges?: SerialRangeDto[];
}

export class CreateReceiptDto {
  @ApiPropertyOptional({ description: "Receiving organisation; the caller's by default" })
  @IsOptional()
  @Matches(ORG_CODE)
  orgCode?: string;

  @ApiProperty({ example: 'THPT' }) @Matches(TYPE_CODE) credentialType!: string;

  @ApiProperty({ example: 'BT', description: 'Letters or digits printed before the number (may be empty)' })
  @IsString()
  @Matches(/^[A-Z0-9]{0,12}$/, { message: 'serialPrefix must be up to 12 upper-case letters or digits' })
  serialPrefix!: string;

  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(999_999_999_999) from!: number;
  @ApiProperty({ example: 1000 }) @IsInt() @Min(0) @Max(999_999_999_999) to!: number;

  @ApiPropertyOptional({ example: 7, default: 7 }) @IsOptional() @IsInt() @Min(1) @Max(12) digits?: number;

  @ApiProperty({ example: 'Trung tâm Công nhận văn bằng (VN-NARIC)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  receivedFrom!: string;

  @ApiProperty({ example: 'Phiếu xuất kho số 125/PX-CNVB ngày 10/03/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  documentRef!: string;

  @ApiProperty({ example: '2026-03-12' }) @IsIsoDate() receivedOn!: string;
}

export class CreateTransferDto extends SerialsDto {
  @ApiPropertyOptional({ description: "Holder handing the blanks on; the caller's organisation by default" })
  @IsOptional()
  @Matches(ORG_CODE)
  fromOrgCode?: string;

  @ApiProperty({ example: 'XA-BTR-PHUTUC' }) @Matches(ORG_CODE) toOrgCode!: string;
  @ApiProperty({ example: 'THCS' }) @Matches(TYPE_CODE) credentialType!: string;

  @ApiPropertyOptional({ example: 'Biên bản giao nhận phôi số 12/BB' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  documentRef?: string;
}

export class CreateSpoilageDto extends SerialsDto {
  @ApiProperty({ enum: SPOIL_REASONS }) @IsIn(SPOIL_REASONS) reason!: string;
  @ApiPropertyOptional({ example: 'Kẹt giấy khi in' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CouncilMemberDto {
  @ApiProperty({ example: 'Nguyễn Văn Bình' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Phó Giám đốc Sở' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ example: 'Chủ tịch Hội đồng' }) @IsString() @IsNotEmpty() @MaxLength(200) role!: string;
}

export class CreateDestructionDto extends SerialsDto {
  @ApiProperty({ example: '05/BB-HĐHP' }) @IsString() @IsNotEmpty() @MaxLength(100) recordNo!: string;

  @ApiProperty({
    type: [CouncilMemberDto],
    description: 'The destruction council appointed by the head (BLANK-6)',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  councilMembers!: CouncilMemberDto[];

  @ApiProperty({ example: 'Cắt hủy bằng máy hủy giấy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  method!: string;
  @ApiProperty({ example: '2026-11-20' }) @IsIsoDate() destroyedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class CreateLossDto extends SerialsDto {
  @ApiProperty({ example: 'Công văn 45/CAT-PC06 ngày 03/11/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  policeReportRef!: string;

  @ApiProperty({ example: '2026-11-03' }) @IsIsoDate() reportedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class StockQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ORG_CODE) orgCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TYPE_CODE) credentialType?: string;
}

export class ReconciliationQueryDto extends StockQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({
    enum: ['json', 'pdf', 'xlsx'],
    description: 'Or send Accept: application/pdf / the XLSX type',
  })
  @IsOptional()
  @IsIn(['json', 'pdf', 'xlsx'])
  format?: 'json' | 'pdf' | 'xlsx';
}

export class SerialParam {
  @ApiProperty({ example: 'BT0000123' })
  @Matches(SERIAL_PATTERN, { message: 'not a serial number' })
  serialNumber!: string;
}

// ---- responses

export class ReceiptDto {
  @ApiProperty() id!: string;
  @ApiProperty() orgCode!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() serialPrefix!: string;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty() digits!: number;
  @ApiProperty() firstSerial!: string;
  @ApiProperty() lastSerial!: string;
  @ApiProperty() count!: number;
  @ApiProperty() receivedFrom!: string;
  @ApiProperty() documentRef!: string;
  @ApiProperty() receivedOn!: string;
}

export class MovementDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['transfer', 'return', 'use', 'issue', 'spoil', 'destroy', 'lose'] }) kind!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty({ type: [SerialRangeDto] }) ranges!: SerialRangeDto[];
  @ApiProperty() quantity!: number;
  @ApiProperty() fromOrgCode!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) toOrgCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) documentRef!: string | null;
  @ApiProperty() occurredOn!: string;
}

export class MovementResultDto {
  @ApiProperty() quantity!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Destruction record or loss report id' })
  recordId!: string | null;
  @ApiProperty({ type: [MovementDto] }) movements!: MovementDto[];
}

export class StockLineDto {
  @ApiProperty() credentialType!: string;
  @ApiProperty({ description: 'inStock + allocated' }) usable!: number;
  @ApiProperty() inStock!: number;
  @ApiProperty() allocated!: number;
  @ApiProperty() printed!: number;
  @ApiProperty() issued!: number;
  @ApiProperty() spoiled!: number;
  @ApiProperty() destroyed!: number;
  @ApiProperty() lost!: number;
}

export class StockDto {
  @ApiProperty() orgCode!: string;
  @ApiProperty({ type: [StockLineDto] }) items!: StockLineDto[];
}

export class ReconciliationExceptionDto {
  @ApiProperty() serialNumber!: string;
  @ApiProperty({ enum: ['spoiled', 'destroyed', 'lost'] }) event!: string;
  @ApiProperty() on!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) documentRef!: string | null;
}

export class ReconciliationLineDto {
  @ApiProperty() credentialType!: string;
  @ApiProperty() opening!: number;
  @ApiProperty() received!: number;
  @ApiProperty() transferredIn!: number;
  @ApiProperty() transferredOut!: number;
  @ApiProperty() used!: number;
  @ApiProperty() spoiled!: number;
  @ApiProperty() spoiledFromStock!: number;
  @ApiProperty() destroyed!: number;
  @ApiProperty() lost!: number;
  @ApiProperty() lostFromStock!: number;
  @ApiProperty() closing!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) usableNow!: number | null;
  @ApiProperty({ type: [ReconciliationExceptionDto] }) exceptions!: ReconciliationExceptionDto[];
  @ApiProperty() exceptionsTruncated!: boolean;
}

export class ReconciliationDto {
  @ApiProperty() orgCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [ReconciliationLineDto] }) items!: ReconciliationLineDto[];
}

export class BlankHistoryEventDto {
  @ApiProperty({ enum: ['receipt', 'transfer', 'return', 'use', 'issue', 'spoil', 'destroy', 'lose'] })
  event!: string;
  @ApiProperty() on!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromOrgCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) toOrgCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) documentRef!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Transparency-log leaf of the fact (null until integrated)',
  })
  leafIndex!: number | null;
}

export class BlankDto {
  @ApiProperty() serialNumber!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty({ enum: ['inStock', 'allocated', 'printed', 'issued', 'spoiled', 'destroyed', 'lost'] })
  state!: string;
  @ApiProperty() holderOrgCode!: string;
  @ApiProperty({ type: [BlankHistoryEventDto] }) history!: BlankHistoryEventDto[];
}
