import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ROLES, type Role } from '../../common/auth/roles';
import { IsIsoDateTime } from '../../common/validation/iso-date';
import type { ApiKeyWithOrg } from '../api-keys.repository';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CSDL quốc gia — đồng bộ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ description: "Defaults to the caller's organisation" })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/)
  orgCode?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['sync'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ description: 'ISO 8601 time after which the key stops working' })
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() orgCode!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'Shown once. Send it as the X-Api-Key header.' }) apiKey!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

export function toApiKeyResponse(k: ApiKeyWithOrg): ApiKeyDto {
  return {
    id: k.id,
    keyId: k.keyId,
    name: k.name,
    orgCode: k.orgCode,
    roles: k.roles,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    createdAt: k.createdAt.toISOString(),
  };
}
