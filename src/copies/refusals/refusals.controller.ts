import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/access.decorators';
import { CurrentActor } from '../../common/auth/current-actor.decorator';
import { UuidParam } from '../../common/validation/params';
import { CopyRefusalDto, CopyRefusalResultDto, toRefusalResponse } from './refusals.dto';
import { RefusalsService } from './refusals.service';

@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1/copy-refusals')
export class RefusalsController {
  constructor(private readonly refusals: RefusalsService) {}

  @Post()
  @RequirePermission('register.manage')
  @ApiCreatedResponse({ type: CopyRefusalResultDto, description: 'COPY-8: a written refusal and its letter' })
  async refuse(@CurrentActor() actor: Actor, @Body() b: CopyRefusalDto): Promise<CopyRefusalResultDto> {
    return toRefusalResponse(await this.refusals.refuse(actor, b));
  }

  @Get(':id/pdf')
  @RequirePermission('register.read')
  @ApiProduces('application/pdf')
  async letter(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<StreamableFile> {
    return new StreamableFile(await this.refusals.letter(actor, p.id), {
      type: 'application/pdf',
      disposition: `inline; filename="tu-choi-cap-ban-sao-${p.id}.pdf"`,
    });
  }
}
