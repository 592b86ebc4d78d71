import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { UuidParam } from '../common/validation/params';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyListDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  toApiKeyResponse,
} from './dto/api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequirePermission('apiKeys.manage')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, apiKey } = await this.keys.create(actor, dto);
    return { ...toApiKeyResponse(key), apiKey };
  }

  @Get()
  @RequirePermission('apiKeys.manage')
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(@CurrentActor() actor: Actor): Promise<ApiKeyListDto> {
    return { items: (await this.keys.list(actor)).map(toApiKeyResponse) };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('apiKeys.manage')
  @ApiOkResponse({ type: ApiKeyDto })
  async revoke(@CurrentActor() actor: Actor, @Param() p: UuidParam): Promise<ApiKeyDto> {
    return toApiKeyResponse(await this.keys.revoke(actor, p.id));
  }
}
