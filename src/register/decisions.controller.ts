import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { AppError } from '../common/errors/app-error';
import { encodeCursor, pageRequest } from '../common/pagination/pagination';
import { UuidParam } from '../common/validation/params';
import { JobDto, toJobResponse } from '../jobs/dto/job.dto';
import { OrgsService } from '../orgs/orgs.service';
import { DecisionsService, type ImportSource } from './decisions.service';
import {
  CreateDecisionDto,
  DecisionDto,
  DecisionPageDto,
  DecisionQueryDto,
  ImportGraduatesDto,
  ImportQueryDto,
  ImportResultDto,
  IssueDto,
  TemplateQueryDto,
  toDecisionResponse,
} from './dto/decisions.dto';
import { graduateTemplateCsv, graduateTemplateXlsx } from './import/graduate-import';
import { IssuanceService } from './issuance.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('graduation-decisions')
@ApiBearerAuth()
@Controller('api/v1/graduation-decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly issuance: IssuanceService,
    private readonly orgs: OrgsService,
  ) {}

  @Post()
  @RequirePermission('register.manage')
  @ApiCreatedResponse({ type: DecisionDto })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateDecisionDto): Promise<DecisionDto> {
    return toDecisionResponse(await this.decisions.create(actor, dto), null);
  }

  @Get()
  @RequirePermission('register.read')
  @ApiOkResponse({ type: DecisionPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: DecisionQueryDto): Promise<DecisionPageDto> {
    const page = pageRequest(q);
    const { items, nextId } = await this.decisions.list(actor, q.schoolCode, page.after, page.limit);
    const issuers = await this.orgs.codesById(items.map((v) => v.issuance?.issuerOrgId ?? null));
    return {
      items: items.map((v) =>
        toDecisionResponse(v, v.issuance ? (issuers.get(v.issuance.issuerOrgId) ?? null) : null),
      ),
      nextCursor: nextId ? encodeCursor(nextId) : null,
    };
  }

  /** The graduate list template (Vietnamese headers; docs/IMPORT-TEMPLATE.md). */
  @Get('import-template')
  @RequirePermission('register.read')
  @ApiProduces(XLSX, 'text/csv')
  async template(@Query() q: TemplateQueryDto): Promise<StreamableFile> {
    if (q.format === 'csv') {
      return new StreamableFile(Buffer.from(graduateTemplateCsv(), 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="danh-sach-tot-nghiep.csv"',
      });
    }
    return new StreamableFile(await graduateTemplateXlsx(), {
      type: XLSX,
      disposition: 'attachment; filename="danh-sach-tot-nghiep.xlsx"',
    });
  }

  @Get(':id')
  @RequirePermission('register.read')
  @ApiOkResponse({ type: DecisionDto })
  async get(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<DecisionDto> {
    const v = await this.decisions.read(actor, p.id);
    const issuer = v.issuance ? (await this.orgs.getById(v.issuance.issuerOrgId)).code : null;
    return toDecisionResponse(v, issuer);
  }

  /** JSON `{ graduates: [...] }` or a multipart `file` (.xlsx or .csv in the template). All rows or none. */
  @Post(':id/graduates')
  @HttpCode(200)
  @RequirePermission('register.manage')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: ImportGraduatesDto })
  @ApiOkResponse({ type: ImportResultDto })
  async importGraduates(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Query() q: ImportQueryDto,
    @Req() req: Request,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<ImportResultDto> {
    return this.decisions.importGraduates(actor, p.id, importSource(req, file), q.dryRun ?? false);
  }

  /** Starts the issuance job (GET /api/v1/jobs/:id for progress). */
  @Post(':id/issue')
  @HttpCode(202)
  @RequirePermission('register.issue')
  @ApiAcceptedResponse({ type: JobDto })
  async issue(@CurrentActor() actor: Actor, @Param() p: UuidParam, @Body() dto: IssueDto): Promise<JobDto> {
    return toJobResponse(await this.issuance.issue(actor, p.id, dto.issuedOn));
  }
}

function importSource(req: Request, file?: Express.Multer.File): ImportSource {
  if (file) {
    const name = file.originalname.toLowerCase();
    if (name.endsWith('.csv') || file.mimetype.startsWith('text/csv'))
      return { kind: 'csv', file: file.buffer };
    if (name.endsWith('.xlsx') || file.mimetype === XLSX) return { kind: 'xlsx', file: file.buffer };
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the graduate list as .xlsx or .csv', {
      errors: [
        {
          field: 'file',
          code: 'UNSUPPORTED_FILE',
          message: `${file.originalname} is neither .xlsx nor .csv`,
        },
      ],
    });
  }
  const body = req.body as { graduates?: unknown } | undefined;
  const extra = body ? Object.keys(body).filter((k) => k !== 'graduates') : [];
  if (!body || !Array.isArray(body.graduates) || extra.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Send { graduates: [...] } as JSON, or a file as multipart/form-data',
      {
        errors: [
          ...(Array.isArray(body?.graduates)
            ? []
            : [{ field: 'graduates', code: 'REQUIRED', message: 'an array of graduate rows' }]),
          ...extra.map((k) => ({
            field: k,
            code: 'UNKNOWN_FIELD',
            message: `property ${k} should not exist`,
          })),
        ],
      },
    );
  }
  if (body.graduates.length > 200_000) {
    throw new AppError('VALIDATION_FAILED', 'At most 200,000 graduates per import', {
      errors: [{ field: 'graduates', code: 'TOO_MANY_ITEMS', message: 'at most 200000 rows' }],
    });
  }
  return { kind: 'json', rows: body.graduates };
}
