import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators';
import { LookupQueryDto, QrPayloadBody, QrPayloadParam, VerificationDto } from './dto/verification.dto';
import { PublicLookupService } from './public-lookup.service';
import { QrVerificationService } from './qr-verification.service';

const LIMITED = 'Over the per-client or per-serial limit (PUB-5); `Retry-After` says when to try again';

@ApiTags('public')
@Controller('api/v1/public')
export class VerificationController {
  constructor(
    private readonly qr: QrVerificationService,
    private readonly lookups: PublicLookupService,
  ) {}

  @Get('verify')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'PUB-4: serial + full name + date of birth → match or noMatch' })
  @ApiOkResponse({ type: VerificationDto })
  @ApiTooManyRequestsResponse({ description: LIMITED })
  verify(@Query() q: LookupQueryDto): Promise<VerificationDto> {
    return this.lookups.lookup(q);
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The same lookup with the data in a JSON body, kept out of URLs and their logs' })
  @ApiOkResponse({ type: VerificationDto })
  @ApiTooManyRequestsResponse({ description: LIMITED })
  verifyBody(@Body() q: LookupQueryDto): Promise<VerificationDto> {
    return this.lookups.lookup(q);
  }

  @Get('qr/:payload')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: VerificationDto })
  @ApiTooManyRequestsResponse({ description: LIMITED })
  async qrPayload(@Param() p: QrPayloadParam): Promise<VerificationDto> {
    return this.qr.verify(p.payload);
  }

  @Post('qr')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The QR status check with the payload in a JSON body (used by the portal)' })
  @ApiOkResponse({ type: VerificationDto })
  @ApiTooManyRequestsResponse({ description: LIMITED })
  async qrBody(@Body() p: QrPayloadBody): Promise<VerificationDto> {
    return this.qr.verify(p.payload);
  }
}
