import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/access.decorators';
import { CurrentActor } from '../../common/auth/current-actor.decorator';
import { pageRequest } from '../../common/pagination/pagination';
import { ForgerySignalPageDto, ForgerySignalQueryDto } from './forgery-signals.dto';
import { ForgerySignalsService } from './forgery-signals.service';

@ApiTags('forgery-signals')
@ApiBearerAuth()
@Controller('api/v1/forgery-signals')
export class ForgerySignalsController {
  constructor(private readonly signals: ForgerySignalsService) {}

  /** PUB-6/PUB-8: what public lookups did not match, for agencies, audited per query. */
  @Get()
  @RequirePermission('forgerySignals.read')
  @ApiOkResponse({ type: ForgerySignalPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: ForgerySignalQueryDto): Promise<ForgerySignalPageDto> {
    return this.signals.list(actor, q, pageRequest(q));
  }
}
