import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { CustodyService } from './custody.service';
import {
  CreateCustodyAssignmentDto,
  CustodyAnswerDto,
  CustodyAssignmentDto,
  CustodyQueryDto,
  toCustodyAnswer,
  toCustodyAssignmentResponse,
} from './dto/custody.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('api/v1/custody')
export class CustodyController {
  constructor(private readonly custody: CustodyService) {}

  @Get()
  @RequirePermission('orgs.read')
  @ApiOkResponse({ type: CustodyAnswerDto })
  async custodian(@CurrentActor() actor: Actor, @Query() q: CustodyQueryDto): Promise<CustodyAnswerDto> {
    return toCustodyAnswer(
      await this.custody.answer(actor, q.issuerOrgCode, q.credentialType, q.date),
      q.credentialType,
      q.date,
    );
  }

  @Post('assignments')
  @RequirePermission('orgs.manage')
  @ApiCreatedResponse({ type: CustodyAssignmentDto })
  async assign(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateCustodyAssignmentDto,
  ): Promise<CustodyAssignmentDto> {
    const a = await this.custody.assign(actor, dto);
    return toCustodyAssignmentResponse(a, dto.issuerOrgCode, dto.custodianOrgCode);
  }
}
