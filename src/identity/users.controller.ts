import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { encodeCursor, pageRequest } from '../common/pagination/pagination';
import {
  CreateUserDto,
  toUserResponse,
  USERNAME_PATTERN,
  UserDto,
  UsernameParam,
  UserPageDto,
  UserQueryDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequirePermission('users.manage')
  @ApiCreatedResponse({ type: UserDto })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserResponse(await this.users.create(actor, dto));
  }

  @Get()
  @RequirePermission('users.read')
  @ApiOkResponse({ type: UserPageDto })
  async list(@CurrentActor() actor: Actor, @Query() q: UserQueryDto): Promise<UserPageDto> {
    const page = pageRequest(q, USERNAME_PATTERN);
    const { items, nextUsername } = await this.users.list(actor, q.orgCode, page.after, page.limit);
    return { items: items.map(toUserResponse), nextCursor: nextUsername ? encodeCursor(nextUsername) : null };
  }

  @Get(':username')
  @RequirePermission('users.read')
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentActor() actor: Actor, @Param() p: UsernameParam): Promise<UserDto> {
    return toUserResponse(await this.users.readInScope(actor, p.username));
  }

  @Post(':username/unlock')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOkResponse({ type: UserDto })
  async unlock(@CurrentActor() actor: Actor, @Param() p: UsernameParam): Promise<UserDto> {
    return toUserResponse(await this.users.unlock(actor, p.username));
  }

  @Post(':username/disable')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOkResponse({ type: UserDto })
  async disable(@CurrentActor() actor: Actor, @Param() p: UsernameParam): Promise<UserDto> {
    return toUserResponse(await this.users.setDisabled(actor, p.username, true));
  }

  @Post(':username/enable')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOkResponse({ type: UserDto })
  async enable(@CurrentActor() actor: Actor, @Param() p: UsernameParam): Promise<UserDto> {
    return toUserResponse(await this.users.setDisabled(actor, p.username, false));
  }
}
