import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/access.decorators';
import { CurrentActor } from '../../common/auth/current-actor.decorator';
import { UuidParam } from '../../common/validation/params';
import { RevocationDto } from '../dto/amendments.dto';
import { DiplomaDto, toDiplomaResponse } from '../dto/diplomas.dto';
import { RevocationsService } from './revocations.service';

@ApiTags('amendments')
@ApiBearerAuth()
@Controller('api/v1/diplomas')
export class AmendmentsController {
  constructor(private readonly revocations: RevocationsService) {}

  @Post(':id/revocations')
  @RequirePermission('register.manage')
  @ApiCreatedResponse({ type: DiplomaDto, description: 'REVOKE-*: the diploma with status revoked' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param() p: UuidParam,
    @Body() b: RevocationDto,
  ): Promise<DiplomaDto> {
    return toDiplomaResponse(await this.revocations.revoke(actor, p.id, b));
  }
}
