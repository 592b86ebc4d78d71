import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators';
import { QrPayloadParam, VerificationDto } from './dto/verification.dto';
import { QrVerificationService } from './qr-verification.service';

@ApiTags('public')
@Controller('api/v1/public')
export class VerificationController {
  constructor(private readonly qr: QrVerificationService) {}

  @Get('qr/:payload')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: VerificationDto })
  async qrPayload(@Param() p: QrPayloadParam): Promise<VerificationDto> {
    return this.qr.verify(p.payload);
  }
}
