import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '../common/auth/actor';
import { PERMISSION_KEY, PUBLIC_KEY } from '../common/auth/access.decorators';
import { hasPermission, type Permission } from '../common/auth/roles';
import { requestContext } from '../common/context/request-context';
import { AppError } from '../common/errors/app-error';
import { AuthService } from './auth.service';

/**
 * The global guard (ARCHITECTURE §4): a route is public only when marked @Public(); any other
 * route needs a signed-in caller holding the permission it declares. A route that declares
 * nothing is refused (fail closed); the route inventory test finds such routes before release.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission>(PERMISSION_KEY, targets);
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.auth.actorFromRequest(req);
    if (!permission) throw new AppError('FORBIDDEN', 'This route declares no permission');
    if (!hasPermission(actor.roles, permission)) {
      throw new AppError('FORBIDDEN', `Your roles do not grant ${permission}`, {
        permission,
        roles: actor.roles,
      });
    }
    req.actor = actor;
    requestContext.setActor(actor);
    return true;
  }
}
