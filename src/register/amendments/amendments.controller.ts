import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/access.decorators';
import { CurrentActor } from '../../common/auth/current-actor.decorator';
import { UuidParam } from '../../common/validation/params';
import { CorrectionDto, ReissueDto, RevocationDto } from '../dto/amendments.dto';
import { CorrectionsService } from './corrections.service';
import { ReissuesService } from './reissues.service';
import { DiplomaDto, toDiplomaResponse } from '../dto/diplomas.dto';
import { RevocationsService } from './revocations.service';

@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1/diplomas')
export class AmendmentsController {
  constructor(
    private readonly revocations: RevocationsService,
    private readonly corrections: CorrectionsService,
    private readonly reissues: ReissuesService,
  ) {}

  @Post(':id/corrections')
  @RequirePermission('register.manage')
  @ApiCreatedResponse({ type: DiplomaDto, description: 'CORR-*: the diploma with its new version' })
  async correct(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: CorrectionDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.corrections.correct(actor, p.id, b));
  }

  @Post(':id/reissues')
  @RequirePermission('register.manage')
  @ApiCreatedResponse({
    type: DiplomaDto,
    description: 'REISSUE-*: the new diploma (the old one is now replaced)',
  })
  async reissue(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: ReissueDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.reissues.reissue(actor, p.id, b));
  }

  @Post(':id/revocations')
  @RequirePermission('register.manage')
  @ApiCreatedResponse({ type: DiplomaDto, description: 'REVOKE-*: the diploma with status revoked' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: RevocationDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.revocations.revoke(actor, p.id, b));
  }
}
