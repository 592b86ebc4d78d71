import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { JobEntity } from '../entities/job.entity';

export class JobProgressDto {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
}

export class JobErrorDto {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: unknown;
}

export class JobDto {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) state!: string;
  @ApiProperty({ type: JobProgressDto }) progress!: JobProgressDto;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) result!: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ nullable: true, type: JobErrorDto }) error!: JobErrorDto | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt!: string | null;
}

export function toJobResponse(j: JobEntity): JobDto {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    progress: { done: j.progressDone, total: j.progressTotal },
    result: j.result,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
