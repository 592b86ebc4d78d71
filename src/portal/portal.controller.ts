import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { AppError } from '../common/errors/app-error';
import { OrgsService } from '../orgs/orgs.service';
import { TrustListService } from '../trust-list/trust-list.service';
import { disclosureOf } from '../verification/disclosures.controller';
import { LookupQueryDto } from '../verification/dto/verification.dto';
import { PublicLookupService } from '../verification/public-lookup.service';
import { VerificationRepository } from '../verification/verification.repository';
import { PortalAssets } from './portal-assets';
import { langOf, type Lang, TEXTS } from './i18n';
import { parseBirthDate } from './birth-date';
import { sendPage } from './security-headers';
import type { LookupField } from './views/lookup-form';
import { disclosuresPage, helpPage } from './views/info-pages';
import { homePage, limitedPage, notFoundPage, qrPage, resultPage } from './views/pages';

/**
 * The citizen-facing site (issue 8): server-rendered pages that work without JavaScript; only the QR
 * page runs a script (public-portal/src), to check the signature on the reader's own device.
 */
@ApiExcludeController()
@Controller()
export class PortalController {
  constructor(
    private readonly lookups: PublicLookupService,
    private readonly trustList: TrustListService,
    private readonly orgs: OrgsService,
    private readonly repo: VerificationRepository,
    private readonly assets: PortalAssets,
  ) {}

  @Get()
  @Public()
  home(@Query('lang') lang: string, @Res() res: Response): void {
    sendPage(res, 200, homePage(langOf(lang)));
  }

  /** A POST, so the name and birth date are in no URL, history entry or access log. */
  @Post('tra-cuu')
  @Public()
  async lookup(
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // The page answers browsers' forms; programs get the API's JSON errors and use the API itself.
    if (!req.is('application/x-www-form-urlencoded')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This form takes application/x-www-form-urlencoded', {
        errors: [
          {
            field: 'body',
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'post the form fields, or call POST /api/v1/public/verify with JSON',
          },
        ],
      });
    }
    const lang = langOf(body.lang);
    const values = {
      serialNumber: str(body.serialNumber).trim(),
      fullName: str(body.fullName).trim(),
      dateOfBirth: str(body.dateOfBirth).trim(),
    };
    const errors = await formErrors(lang, values);
    if (Object.keys(errors).length) return sendPage(res, 400, homePage(lang, { values, errors }));
    try {
      const answer = await this.lookups.lookup({
        ...values,
        dateOfBirth: parseBirthDate(values.dateOfBirth)!,
      });
      sendPage(res, 200, resultPage(lang, answer));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'RATE_LIMITED') throw e;
      const retryAfter = Number((e.details as { retryAfterSeconds: number }).retryAfterSeconds);
      res.setHeader('Retry-After', String(retryAfter));
      sendPage(res, 429, limitedPage(lang, retryAfter));
    }
  }

  /** Reloading a result page: back to the form (the data is deliberately not kept). */
  @Get('tra-cuu')
  @Public()
  lookupAgain(@Query('lang') lang: string, @Res() res: Response): void {
    res.redirect(303, langOf(lang) === 'en' ? '/?lang=en' : '/');
  }

  @Get('v')
  @Public()
  async qr(@Query('lang') lang: string, @Res() res: Response): Promise<void> {
    const { list } = await this.trustList.current();
    sendPage(res, 200, qrPage(langOf(lang), list.trustList.root.publicKey), { connect: true });
  }

  @Get('cong-khai')
  @Public()
  async disclosures(
    @Query('lang') langParam: string,
    @Query('issuer') issuerParam: string,
    @Query('year') yearParam: string,
    @Res() res: Response,
  ): Promise<void> {
    const lang = langOf(langParam);
    const { list } = await this.trustList.current();
    // Issuing bodies (TT21/TT10: departments, district bureaus, communes); schools only hand diplomas over.
    const issuers = list.trustList.issuers
      .filter((o) => ['provincialDepartment', 'districtBureau', 'communeCommittee'].includes(o.kind))
      .map((o) => ({ code: o.code, nameVi: o.nameVi, nameEn: o.nameEn }));
    const year = /^20\d\d$/.test(str(yearParam)) ? Number(yearParam) : new Date().getFullYear();
    const issuer = issuers.find((o) => o.code === issuerParam)?.code;
    const d = issuer ? await disclosureOf(this.orgs, this.repo, issuer, year) : null;
    sendPage(res, issuerParam && !issuer ? 404 : 200, disclosuresPage(lang, issuers, { issuer, year }, d));
  }

  @Get('huong-dan')
  @Public()
  help(@Query('lang') lang: string, @Res() res: Response): void {
    sendPage(res, 200, helpPage(langOf(lang)));
  }

  @Get('assets/portal.css')
  @Public()
  css(@Req() req: Request, @Res() res: Response): void {
    this.assets.send(req, res, 'portal.css');
  }

  @Get('assets/js/:file')
  @Public()
  script(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    if (!this.assets.send(req, res, `js/${file}`)) sendPage(res, 404, notFoundPage('vi'));
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The API's own rules (LookupQueryDto), in the reader's language, one message per field. */
async function formErrors(
  lang: Lang,
  v: Record<LookupField, string>,
): Promise<Partial<Record<LookupField, string>>> {
  const t = TEXTS[lang];
  const dto = plainToInstance(LookupQueryDto, { ...v, dateOfBirth: parseBirthDate(v.dateOfBirth) ?? '' });
  const found = await validate(dto);
  const messages: Record<LookupField, string> = {
    serialNumber: t.errSerial,
    fullName: t.errName,
    dateOfBirth: t.errDob,
  };
  return Object.fromEntries(found.map((e) => [e.property, messages[e.property as LookupField]]));
}
