import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { UuidParam } from '../common/validation/params';
import { JobDto, toJobResponse } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @RequirePermission('self.read')
  @ApiOkResponse({ type: JobDto })
  async get(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<JobDto> {
    return toJobResponse(await this.jobs.read(actor, p.id));
  }
}
