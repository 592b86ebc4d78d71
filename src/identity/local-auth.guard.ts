import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { validationErrorsToAppError } from '../common/validation/validation-errors';
import { LoginDto } from './dto/auth.dto';

/**
 * Guards run before pipes, so the body is validated here first: a malformed sign-in is a 400 with
 * field errors, not passport's bare 401 "Missing credentials".
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(ctx: ExecutionContext) {
    const body = ctx.switchToHttp().getRequest<Request>().body as unknown;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw validationErrorsToAppError(errors);
    return super.canActivate(ctx);
  }
}
