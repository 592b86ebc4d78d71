import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { UuidParam } from '../common/validation/params';
import { CopiesService } from './copies.service';
import { CopyDocumentsService } from './copy-documents.service';
import {
  CopyRegisterQueryDto,
  CopyRequestDto,
  CopyRequestResultDto,
  toCopyRequestResponse,
} from './dto/copies.dto';

const fileName = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-');

@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1')
export class CopiesController {
  constructor(
    private readonly copies: CopiesService,
    private readonly documents: CopyDocumentsService,
  ) {}

  @Post('diplomas/:id/copies')
  @RequirePermission('register.manage')
  @ApiCreatedResponse({
    type: CopyRequestResultDto,
    description: 'COPY-1..7: the request and its copies, numbered in the custodian’s copy register',
  })
  async request(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: CopyRequestDto,
  ): Promise<CopyRequestResultDto> {
    return toCopyRequestResponse(await this.copies.request(actor, p.id, b));
  }

  @Get('copies/:id/pdf')
  @RequirePermission('register.read')
  @ApiProduces('application/pdf')
  async copyPdf(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<StreamableFile> {
    const { pdf, copy } = await this.documents.copyPdf(actor, p.id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="ban-sao-${fileName(copy.copyEntryNumber)}.pdf"`,
    });
  }

  @Get('copy-registers')
  @RequirePermission('register.read')
  @ApiProduces('application/pdf')
  async copyRegister(
    @CurrentActor() actor: Actor,
    @Query() q: CopyRegisterQueryDto,
  ): Promise<StreamableFile> {
    const pdf = await this.documents.copyRegisterPdf(
      actor,
      q.custodianOrgCode,
      q.credentialType,
      Number(q.year),
    );
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="so-cap-ban-sao-${fileName(q.custodianOrgCode)}-${q.credentialType}-${q.year}.pdf"`,
    });
  }
}
