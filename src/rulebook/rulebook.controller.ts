import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { Public, RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import {
  AuthorityDecisionDto,
  AuthorityQueryDto,
  CalendarDayDto,
  CalendarDayListDto,
  CalendarQueryDto,
  CreateCalendarDayDto,
  CreateSettingDto,
  CredentialTypeListDto,
  CredentialTypesQueryDto,
  SettingAnswerDto,
  SettingQueryDto,
  SettingRowDto,
  toCalendarDay,
  toSettingRow,
} from './dto/rulebook.dto';
import { RulebookAdminService } from './rulebook-admin.service';

@ApiTags('rulebook')
@Controller('api/v1')
export class RulebookController {
  constructor(private readonly rulebook: RulebookAdminService) {}

  /** Public: the portal and every client need the type codes and names. */
  @Get('credential-types')
  @Public()
  @ApiOkResponse({ type: CredentialTypeListDto })
  credentialTypes(@Query() q: CredentialTypesQueryDto): Promise<CredentialTypeListDto> {
    return this.rulebook.describeCredentialTypes(q.date);
  }

  @Get('rulebook/authority')
  @ApiBearerAuth()
  @RequirePermission('rulebook.read')
  @ApiOkResponse({ type: AuthorityDecisionDto })
  authority(@Query() q: AuthorityQueryDto): Promise<AuthorityDecisionDto> {
    return this.rulebook.authority(q.credentialType, q.orgCode ?? null, q.date, q.medium ?? 'paper');
  }

  @Get('rulebook/settings')
  @ApiBearerAuth()
  @RequirePermission('rulebook.read')
  @ApiOkResponse({ type: SettingAnswerDto })
  setting(@Query() q: SettingQueryDto): Promise<SettingAnswerDto> {
    return this.rulebook.answerSetting(q.key, q.date, q.orgCode);
  }

  @Post('rulebook/settings')
  @ApiBearerAuth()
  @RequirePermission('rulebook.manage')
  @ApiCreatedResponse({ type: SettingRowDto })
  async addSetting(@CurrentActor() actor: Actor, @Body() dto: CreateSettingDto): Promise<SettingRowDto> {
    return toSettingRow(await this.rulebook.addSetting(actor, dto));
  }

  @Get('rulebook/calendar')
  @ApiBearerAuth()
  @RequirePermission('rulebook.read')
  @ApiOkResponse({ type: CalendarDayListDto })
  async calendar(@Query() q: CalendarQueryDto): Promise<CalendarDayListDto> {
    const days = await this.rulebook.calendarDays(q.year);
    return { items: days.map(toCalendarDay) };
  }

  @Post('rulebook/calendar-days')
  @ApiBearerAuth()
  @RequirePermission('rulebook.manage')
  @ApiCreatedResponse({ type: CalendarDayDto })
  async addCalendarDay(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateCalendarDayDto,
  ): Promise<CalendarDayDto> {
    return toCalendarDay(await this.rulebook.addCalendarDay(actor, dto));
  }
}
