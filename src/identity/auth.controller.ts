import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../common/auth/actor';
import { Public, RequirePermission } from '../common/auth/access.decorators';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import type { UserWithOrg } from './users.repository';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  async login(
    @Req() req: Request & { user: UserWithOrg },
    @Body() _dto: LoginDto,
  ): Promise<LoginResponseDto> {
    const { token, expiresAt } = await this.auth.issueToken(req.user);
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      user: { username: req.user.username, orgCode: req.user.orgCode, roles: req.user.roles },
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @RequirePermission('self.read')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): MeDto {
    return {
      kind: actor.kind,
      name: actor.name,
      username: actor.name,
      orgCode: actor.orgCode,
      roles: actor.roles,
    };
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission('self.read')
  @ApiNoContentResponse()
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }
}
