import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { encodeCursor, pageRequest } from '../common/pagination/pagination';
import { UuidParam } from '../common/validation/params';
import { DiplomasService } from './diplomas.service';
import {
  DiplomaDto,
  DiplomaPageDto,
  DiplomaQueryDto,
  HandoverDto,
  toDiplomaResponse,
} from './dto/diplomas.dto';

@ApiTags('diplomas')
@ApiBearerAuth()
@Controller('api/v1/diplomas')
export class DiplomasController {
  constructor(private readonly diplomas: DiplomasService) {}

  @Get()
  @RequirePermission('register.read')
  @ApiOkResponse({ type: DiplomaPageDto })
  async find(@CurrentActor() actor: Actor, @Query() q: DiplomaQueryDto): Promise<DiplomaPageDto> {
    const page = pageRequest(q);
    const r = await this.diplomas.find(actor, q, page.after, page.limit);
    return {
      items: r.items.map(toDiplomaResponse),
      total: r.total,
      nextCursor: r.nextId ? encodeCursor(r.nextId) : null,
    };
  }

  @Get(':id')
  @RequirePermission('register.read')
  @ApiOkResponse({ type: DiplomaDto })
  async get(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.diplomas.read(actor, p.id));
  }

  /** HAND-1/2: handover to the holder or a proxy (ký nhận). */
  @Post(':id/handover')
  @HttpCode(200)
  @RequirePermission('register.manage')
  @ApiOkResponse({ type: DiplomaDto })
  async handover(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() dto: HandoverDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.diplomas.handOver(actor, p.id, dto));
  }
}
