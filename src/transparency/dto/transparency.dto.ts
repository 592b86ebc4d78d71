import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const MAX_INDEX = Number.MAX_SAFE_INTEGER;

export class CheckpointDto {
  @ApiProperty({ example: 'localhost:3000/vbcc-log' }) origin!: string;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'base64' }) rootHash!: string;
  @ApiProperty({
    description: 'The signed checkpoint note (c2sp.org/tlog-checkpoint), with witness cosignatures',
  })
  note!: string;
}

export class InclusionQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) leafIndex!: number;
  @ApiPropertyOptional({ description: 'Defaults to the latest checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INDEX)
  treeSize?: number;
}

export class InclusionProofDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'base64 RFC 6962 leaf hash' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'base64 hashes, leaf to root' }) auditPath!: string[];
}

export class ConsistencyQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) from!: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) to!: number;
}

export class ConsistencyProofDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [String], description: 'base64 hashes' }) proof!: string[];
}

export class LeavesQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) start!: number;
  @ApiProperty({ description: 'Exclusive; at most start + 1000' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  end!: number;
}

export class LeavesDto {
  @ApiProperty() start!: number;
  @ApiProperty({ type: [String], description: 'base64 leaf hashes in index order' }) leafHashes!: string[];
}

export class TreeSizeParam {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) treeSize!: number;
}

export class LogKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'C2SP note verifier key: name+hash+base64(0x01||key)' }) verifierKey!: string;
  @ApiProperty() validFrom!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) retiredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) compromisedAt!: string | null;
}

export class LogKeyListDto {
  @ApiProperty({ type: [LogKeyDto] }) items!: LogKeyDto[];
}

export class CosignDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INDEX) treeSize!: number;
  @ApiProperty({ description: 'Our checkpoint note with the witness signature line(s) added' })
  @IsString()
  @MaxLength(20_000)
  note!: string;
}

export class CosignResultDto {
  @ApiProperty({ type: [String] }) accepted!: string[];
}
