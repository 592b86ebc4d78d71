import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { CalibrationsService } from './calibrations.service';
import {
  CalibrationDto,
  CalibrationListDto,
  CalibrationNameParam,
  CalibrationQueryDto,
  PutCalibrationDto,
  TestPageQueryDto,
  toCalibrationResponse,
} from './dto/printing.dto';

@ApiTags('printing')
@ApiBearerAuth()
@Controller('api/v1/print-calibrations')
export class CalibrationsController {
  constructor(private readonly calibrations: CalibrationsService) {}

  @Get()
  @RequirePermission('printing.print')
  @ApiOkResponse({ type: CalibrationListDto })
  async list(@CurrentActor() actor: Actor, @Query() q: CalibrationQueryDto): Promise<CalibrationListDto> {
    const { org, items } = await this.calibrations.list(actor, q.orgCode);
    return { items: items.map((c) => toCalibrationResponse(c, org.code)) };
  }

  @Get(':name')
  @RequirePermission('printing.print')
  @ApiOkResponse({ type: CalibrationDto })
  async get(
    @CurrentActor() actor: Actor,
    @Param() p: CalibrationNameParam,
    @Query() q: CalibrationQueryDto,
  ): Promise<CalibrationDto> {
    const org = await this.calibrations.officeOf(actor, q.orgCode);
    return toCalibrationResponse(await this.calibrations.get(actor, p.name, q.orgCode), org.code);
  }

  @Put(':name')
  @RequirePermission('printing.print')
  @ApiOkResponse({ type: CalibrationDto })
  async put(
    @CurrentActor() actor: Actor,
    @Param() p: CalibrationNameParam,
    @Body() b: PutCalibrationDto,
  ): Promise<CalibrationDto> {
    const org = await this.calibrations.officeOf(actor, b.orgCode);
    return toCalibrationResponse(await this.calibrations.put(actor, p.name, b, b.orgCode), org.code);
  }

  /** PRINT-6: print on plain paper, lay over a blank, read the offsets off the grid. */
  @Get(':name/test-page')
  @RequirePermission('printing.print')
  @ApiProduces('application/pdf')
  async testPage(
    @CurrentActor() actor: Actor,
    @Param() p: CalibrationNameParam,
    @Query() q: TestPageQueryDto,
  ): Promise<StreamableFile> {
    const { pdf, templateId } = await this.calibrations.testPage(
      actor,
      p.name,
      q.credentialType ?? 'THPT',
      q.orgCode,
    );
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="can-chinh-${p.name}-${templateId}.pdf"`,
    });
  }
}
