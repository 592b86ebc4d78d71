import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/access.decorators';
import { CurrentActor } from '../../common/auth/current-actor.decorator';
import { UuidParam } from '../../common/validation/params';
import { AppendixQueryDto, CorrectionDto, ReissueDto, RevocationDto } from '../dto/amendments.dto';
import { AppendixService } from './appendix.service';
import { CorrectionsService } from './corrections.service';
import { ReissuesService } from './reissues.service';
import { DiplomaDto, toDiplomaResponse } from '../dto/diplomas.dto';
import { RevocationsService } from './revocations.service';

@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1/register-appendix')
export class AppendixController {
  constructor(private readonly appendix: AppendixService) {}

  /** REG-9: corrections and re-issues of a custodian, type and year, as PDF. */
  @Get()
  @RequirePermission('register.read')
  @ApiProduces('application/pdf')
  async pdf(@CurrentActor() actor: Actor, @Query() q: AppendixQueryDto): Promise<StreamableFile> {
    const pdf = await this.appendix.pdf(actor, { ...q, year: Number(q.year) });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="phu-luc-so-goc-${q.credentialType}-${q.year}.pdf"`,
    });
  }
}

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
