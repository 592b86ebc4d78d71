import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { UuidParam } from '../common/validation/params';
import { DiplomasService } from './diplomas.service';
import { registerBookPdf } from './documents/register-book-pdf';
import { registerBookXlsx } from './documents/register-book-xlsx';
import { toDiplomaResponse, UnclaimedDto, UnclaimedQueryDto } from './dto/diplomas.dto';
import {
  BookQueryDto,
  CloseBookDto,
  CustodyTransferDto,
  CustodyTransferResultDto,
  RegisterBookDto,
  RegisterBookListDto,
  toBookResponse,
} from './dto/register-books.dto';
import { RegisterBooksService } from './register-books.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('register-books')
@ApiBearerAuth()
@Controller('api/v1/register-books')
export class RegisterBooksController {
  constructor(
    private readonly books: RegisterBooksService,
    private readonly diplomas: DiplomasService,
  ) {}

  @Get()
  @RequirePermission('register.read')
  @ApiOkResponse({ type: RegisterBookListDto })
  async list(@CurrentActor() actor: Actor, @Query() q: BookQueryDto): Promise<RegisterBookListDto> {
    const views = await this.books.list(actor, {
      custodianOrgCode: q.custodianOrgCode,
      credentialType: q.credentialType,
      year: q.year ? Number(q.year) : undefined,
    });
    return { items: views.map(toBookResponse) };
  }

  /** HAND-4: diplomas of a school and graduation year still waiting for their holders (bằng tồn). */
  @Get('unclaimed')
  @RequirePermission('register.read')
  @ApiOkResponse({ type: UnclaimedDto })
  async unclaimed(@CurrentActor() actor: Actor, @Query() q: UnclaimedQueryDto): Promise<UnclaimedDto> {
    const r = await this.diplomas.unclaimed(actor, q.schoolCode, Number(q.year));
    return {
      schoolCode: r.school.code,
      graduationYear: r.graduationYear,
      count: r.items.length,
      items: r.items.map(toDiplomaResponse),
    };
  }

  /** TIME-9: hand an issuer's registers of one type to another body (e.g. commune → department). */
  @Post('custody-transfers')
  @RequirePermission('orgs.manage')
  @ApiCreatedResponse({ type: CustodyTransferResultDto })
  async transfer(
    @CurrentActor() actor: Actor,
    @Body() dto: CustodyTransferDto,
  ): Promise<CustodyTransferResultDto> {
    const t = await this.books.transferCustody(actor, dto);
    return {
      id: t.id,
      issuerOrgCode: t.issuerOrgCode,
      credentialType: t.credentialType,
      fromOrgCode: t.fromOrgCode,
      toOrgCode: t.toOrgCode,
      effectiveOn: t.effectiveOn,
      handoverRecordNo: t.recordNo,
      books: t.books.length,
      entries: t.entryCount,
      undelivered: t.undeliveredCount,
    };
  }

  @Get(':id')
  @RequirePermission('register.read')
  @ApiOkResponse({ type: RegisterBookDto })
  async get(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<RegisterBookDto> {
    return toBookResponse(await this.books.read(actor, p.id));
  }

  /** REG-8: the printable register (numbered pages, no blank pages, signature block). */
  @Get(':id/pdf')
  @RequirePermission('register.read')
  @ApiProduces('application/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<StreamableFile> {
    const view = await this.books.printView(actor, p.id);
    return new StreamableFile(await registerBookPdf(view), {
      type: 'application/pdf',
      disposition: `inline; filename="so-goc-${view.bookCode.replace(/\//g, '-')}.pdf"`,
    });
  }

  @Get(':id/xlsx')
  @RequirePermission('register.read')
  @ApiProduces(XLSX)
  async xlsx(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<StreamableFile> {
    const view = await this.books.printView(actor, p.id);
    return new StreamableFile(await registerBookXlsx(view), {
      type: XLSX,
      disposition: `attachment; filename="so-goc-${view.bookCode.replace(/\//g, '-')}.xlsx"`,
    });
  }

  /** REG-7: year-end closing; the book takes no more entries. */
  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('register.issue')
  @ApiOkResponse({ type: RegisterBookDto })
  async close(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() dto: CloseBookDto,
  ): Promise<RegisterBookDto> {
    return toBookResponse(await this.books.close(actor, p.id, dto));
  }
}
