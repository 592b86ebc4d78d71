import { Body, Controller, Get, Headers, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { BlankReportsService } from './blank-reports.service';
import { BlanksService } from './blanks.service';
import {
  BlankDto,
  CreateDestructionDto,
  CreateLossDto,
  CreateReceiptDto,
  CreateSpoilageDto,
  CreateTransferDto,
  MovementResultDto,
  ReceiptDto,
  ReconciliationDto,
  ReconciliationQueryDto,
  SerialParam,
  StockDto,
  StockQueryDto,
} from './dto/blanks.dto';
import {
  toBlankResponse,
  toMovementResult,
  toReceiptResponse,
  toReconciliationResponse,
  toStockResponse,
} from './dto/blanks.mappers';
import { ReconciliationExport } from './reports/reconciliation-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('blanks')
@ApiBearerAuth()
@Controller('api/v1/blanks')
export class BlanksController {
  constructor(
    private readonly blanks: BlanksService,
    private readonly reports: BlankReportsService,
    private readonly exporter: ReconciliationExport,
  ) {}

  @Post('receipts')
  @RequirePermission('blanks.manage')
  @ApiCreatedResponse({ type: ReceiptDto })
  async receive(@CurrentActor() actor: Actor, @Body() dto: CreateReceiptDto): Promise<ReceiptDto> {
    const r = await this.blanks.receive(actor, dto);
    return toReceiptResponse(r, dto.orgCode ?? actor.orgCode);
  }

  @Post('transfers')
  @RequirePermission('blanks.manage')
  @ApiCreatedResponse({ type: MovementResultDto })
  async transfer(@CurrentActor() actor: Actor, @Body() dto: CreateTransferDto): Promise<MovementResultDto> {
    return toMovementResult(await this.blanks.transfer(actor, dto));
  }

  @Post('spoilages')
  @RequirePermission('blanks.manage')
  @ApiCreatedResponse({ type: MovementResultDto })
  async spoil(@CurrentActor() actor: Actor, @Body() dto: CreateSpoilageDto): Promise<MovementResultDto> {
    return toMovementResult(await this.blanks.spoil(actor, dto));
  }

  @Post('destructions')
  @RequirePermission('blanks.manage')
  @ApiCreatedResponse({ type: MovementResultDto })
  async destroy(@CurrentActor() actor: Actor, @Body() dto: CreateDestructionDto): Promise<MovementResultDto> {
    return toMovementResult(await this.blanks.destroy(actor, dto));
  }

  @Post('losses')
  @RequirePermission('blanks.manage')
  @ApiCreatedResponse({ type: MovementResultDto })
  async lose(@CurrentActor() actor: Actor, @Body() dto: CreateLossDto): Promise<MovementResultDto> {
    return toMovementResult(await this.blanks.lose(actor, dto));
  }

  @Get('stock')
  @RequirePermission('blanks.read')
  @ApiOkResponse({ type: StockDto })
  async stock(@CurrentActor() actor: Actor, @Query() q: StockQueryDto): Promise<StockDto> {
    const { org, lines } = await this.reports.stock(actor, q.orgCode, q.credentialType);
    return toStockResponse(org.code, lines);
  }

  /** JSON by default; PDF or XLSX by `Accept` or `?format=`. */
  @Get('reconciliation')
  @RequirePermission('blanks.read')
  @ApiOkResponse({ type: ReconciliationDto })
  @ApiProduces('application/json', 'application/pdf', XLSX)
  async reconciliation(
    @CurrentActor() actor: Actor,
    @Query() q: ReconciliationQueryDto,
    @Headers('accept') accept: string | undefined,
  ): Promise<ReconciliationDto | StreamableFile> {
    const r = await this.reports.reconciliation(actor, q.orgCode, q.year, q.credentialType);
    const format =
      q.format ?? (accept?.includes('application/pdf') ? 'pdf' : accept?.includes(XLSX) ? 'xlsx' : 'json');
    if (format === 'json') return toReconciliationResponse(r);
    return new StreamableFile(await this.exporter.render(r, format), {
      type: format === 'pdf' ? 'application/pdf' : XLSX,
      disposition: `attachment; filename="quyet-toan-phoi-${r.org.code}-${r.year}.${format}"`,
    });
  }

  @Get(':serialNumber')
  @RequirePermission('blanks.read')
  @ApiOkResponse({ type: BlankDto })
  async blank(@CurrentActor() actor: Actor, @Param() p: SerialParam): Promise<BlankDto> {
    const v = await this.reports.blank(actor, p.serialNumber);
    return toBlankResponse(v, new Map([[v.holder.id, v.holder.code]]));
  }
}
