import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { pageRequest } from '../common/pagination/pagination';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto, toAuditEventResponse } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.list(
      actor,
      {
        action: q.action,
        actorName: q.actorName,
        outcome: q.outcome,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      pageRequest(q),
    );
    return { items: page.items.map(toAuditEventResponse), nextCursor: page.nextCursor };
  }
}
