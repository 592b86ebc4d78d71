import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { encodeCursor, pageRequest } from '../common/pagination/pagination';
import { OrgCodeParam } from '../common/validation/params';
import {
  CreateOrganisationDto,
  DissolveOrganisationDto,
  ORG_CODE_PATTERN,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  toOrganisationResponse,
} from './dto/organisation.dto';
import { OrgsService } from './orgs.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Post()
  @RequirePermission('orgs.manage')
  @ApiCreatedResponse({ type: OrganisationDto })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const org = await this.orgs.create(actor, {
      code: dto.code,
      nameVi: dto.name,
      nameEn: dto.nameEn,
      kind: dto.kind,
      parentCode: dto.parentCode,
      provinceCode: dto.provinceCode,
      superiorNameVi: dto.superiorNameVi,
      placeName: dto.placeName,
      validFrom: dto.validFrom,
    });
    return toOrganisationResponse(org, dto.parentCode);
  }

  @Get()
  @RequirePermission('orgs.read')
  @ApiOkResponse({ type: OrganisationPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: OrganisationQueryDto): Promise<OrganisationPageDto> {
    const page = pageRequest(q, ORG_CODE_PATTERN);
    const { items, nextCode } = await this.orgs.listInScope(actor, {
      kind: q.kind,
      parentCode: q.parentCode,
      afterCode: page.after,
      limit: page.limit,
    });
    const parents = await this.orgs.codesById(items.map((o) => o.parentId));
    return {
      items: items.map((o) =>
        toOrganisationResponse(o, o.parentId ? (parents.get(o.parentId) ?? null) : null),
      ),
      nextCursor: nextCode ? encodeCursor(nextCode) : null,
    };
  }

  @Get(':code')
  @RequirePermission('orgs.read')
  @ApiOkResponse({ type: OrganisationDto })
  async get(@CurrentActor() actor: Actor, @Param() p: OrgCodeParam): Promise<OrganisationDto> {
    const org = await this.orgs.readInScope(actor, p.code);
    const parents = await this.orgs.codesById([org.parentId]);
    return toOrganisationResponse(org, org.parentId ? (parents.get(org.parentId) ?? null) : null);
  }

  @Post(':code/dissolution')
  @HttpCode(200)
  @RequirePermission('orgs.manage')
  @ApiOkResponse({ type: OrganisationDto })
  async dissolve(
    @CurrentActor() actor: Actor,
    @Param() p: OrgCodeParam,
    @Body() dto: DissolveOrganisationDto,
  ): Promise<OrganisationDto> {
    const org = await this.orgs.dissolve(actor, p.code, dto);
    const parents = await this.orgs.codesById([org.parentId]);
    return toOrganisationResponse(org, org.parentId ? (parents.get(org.parentId) ?? null) : null);
  }
}
