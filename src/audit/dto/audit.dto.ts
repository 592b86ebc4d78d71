import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/iso-date';
import { PageQueryDto } from '../../common/pagination/pagination';
import type { AuditEventEntity } from '../entities/audit-event.entity';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'auth.login' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorName?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: 'success' | 'failure';

  @ApiPropertyOptional({ description: 'ISO 8601 time, inclusive' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time, exclusive' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ enum: ['user', 'apiKey', 'system', 'anonymous'] }) actorKind!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrgId!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) targetType!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) targetId!: string | null;
  @ApiProperty({ enum: ['success', 'failure'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) clientIp!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toAuditEventResponse(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorKind: e.actorKind,
    actorId: e.actorId,
    actorName: e.actorName,
    actorOrgId: e.actorOrgId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    requestId: e.requestId,
    clientIp: e.clientIp,
    details: e.details,
  };
}
