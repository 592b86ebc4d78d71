import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { SignedTrustListDto } from './dto/trust-list.dto';
import { type SignedTrustList, TrustListService } from './trust-list.service';

/** The signed trust list at its well-known address (docs/TRUST-LIST.md). */
@ApiTags('public')
@Controller('.well-known/vbcc')
export class TrustListController {
  constructor(private readonly trust: TrustListService) {}

  @Get('trust-list.json')
  @Public()
  @ApiOkResponse({ type: SignedTrustListDto })
  async trustList(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignedTrustList | undefined> {
    const { list, etag } = await this.trust.current();
    // Phones and verifiers cache it; a changed key (rotation, compromise) changes the ETag.
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (ifNoneMatch === etag) {
      res.status(304);
      return undefined;
    }
    return list;
  }
}
