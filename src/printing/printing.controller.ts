import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { UuidParam } from '../common/validation/params';
import { JobDto, toJobResponse } from '../jobs/dto/job.dto';
import { DiplomaDto, toDiplomaResponse } from '../register/dto/diplomas.dto';
import { DiplomasService } from '../register/diplomas.service';
import { DiplomaPdfQueryDto, MisprintDto, PrintJobDto } from './dto/printing.dto';
import { PrintingService } from './printing.service';

@ApiTags('printing')
@ApiBearerAuth()
@Controller('api/v1')
export class PrintingController {
  constructor(
    private readonly printing: PrintingService,
    private readonly diplomas: DiplomasService,
  ) {}

  @Get('diplomas/:id/pdf')
  @RequirePermission('printing.print')
  @ApiProduces('application/pdf')
  async diplomaPdf(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Query() q: DiplomaPdfQueryDto,
  ): Promise<StreamableFile> {
    const mode = q.mode ?? 'preview';
    const { pdf, view } = await this.printing.single(actor, p.id, {
      mode,
      calibration: q.calibration,
      reprint: q.reprint === 'true',
    });
    const name = `van-bang-${view.entry.registerEntryNumber.replace(/[^A-Za-z0-9.-]+/g, '-')}-${mode}.pdf`;
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${name}"` });
  }

  @Post('diplomas/:id/misprints')
  @RequirePermission('printing.print')
  @ApiCreatedResponse({ type: DiplomaDto, description: 'BLANK-9: the diploma on its new blank' })
  async misprint(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: MisprintDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(
      await this.diplomas.replaceMisprintedBlank(actor, p.id, b.serialNumber, b.note ?? null),
    );
  }

  @Post('print-jobs')
  @HttpCode(202)
  @RequirePermission('printing.print')
  @ApiAcceptedResponse({
    type: JobDto,
    description: 'Poll GET /api/v1/jobs/:id; result.url downloads the PDF',
  })
  async createJob(@CurrentActor() actor: Actor, @Body() b: PrintJobDto): Promise<JobDto> {
    return toJobResponse(await this.printing.createJob(actor, b));
  }

  @Get('print-jobs/:id/pdf')
  @RequirePermission('printing.print')
  @ApiProduces('application/pdf')
  async jobPdf(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<StreamableFile> {
    const { stream, size } = await this.printing.jobFile(actor, p.id);
    return new StreamableFile(stream as import('node:stream').Readable, {
      type: 'application/pdf',
      length: size,
      disposition: `attachment; filename="in-van-bang-${p.id}.pdf"`,
    });
  }
}
