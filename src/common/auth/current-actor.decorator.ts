import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { Actor } from './actor';

/** The authenticated caller, set by the global guard. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new AppError('AUTH_REQUIRED', 'Sign in first');
  return req.actor;
});
