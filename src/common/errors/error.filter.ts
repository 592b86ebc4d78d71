import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { requestContext } from '../context/request-context';
import type { JsonLogger } from '../logging/json-logger';
import { AppError } from './app-error';
import { type ErrorCode, httpStatusOf } from './error-codes';

/** Constraint names we chose (uq_...) → codes, for races that slip past a service's own check. */
const CONSTRAINT_CODES: Record<string, ErrorCode> = {
  uq_organisation_code: 'ORG_CODE_TAKEN',
  uq_user_username: 'USERNAME_TAKEN',
  uq_custody_assignment: 'CONFLICT',
  uq_register_entry_serial: 'BLANK_SERIAL_CONFLICT',
  uq_diploma_print_first: 'DIPLOMA_ALREADY_PRINTED',
  uq_revocation_entry: 'DIPLOMA_ALREADY_REVOKED',
  uq_reissue_entry: 'DIPLOMA_ALREADY_REISSUED',
  uq_register_copy_sequence: 'CONFLICT',
};

/** Statuses Nest or Express raise by themselves, and the codes we answer with instead. */
function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'AUTH_REQUIRED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}

/** Errors thrown by the Express body parser carry a `type` and a status. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** The one shape of error bodies: `{ code, message, details?, requestId }`. */
export function errorBody(err: AppError): Record<string, unknown> {
  return {
    code: err.code,
    message: err.message,
    ...(err.details ? { details: err.details } : {}),
    requestId: requestContext.get()?.requestId ?? null,
  };
}

/** The one place that turns exceptions into error responses. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const err = this.toAppError(exception);
    const status = httpStatusOf(err.code);
    if (status >= 500) {
      this.logger.event('error', 'request.failed', {
        method: req.method,
        route: req.route ? (req.route as { path: string }).path : undefined,
        code: err.code,
        error:
          exception instanceof Error
            ? { name: exception.name, message: exception.message, stack: exception.stack }
            : String(exception),
      });
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v);
    // A route may have set another type (@Header) before failing; errors are always JSON.
    res.type('application/json');
    res.status(status).json(errorBody(err));
  }

  toAppError(e: unknown): AppError {
    if (e instanceof AppError) return e;
    const bp = e as BodyParserError;
    if (bp instanceof Error && typeof bp.type === 'string') {
      if (bp.type === 'entity.parse.failed')
        return new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
      if (bp.type === 'entity.too.large')
        return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
      if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
        return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset');
      }
      if (bp.status && bp.status < 500) return new AppError(codeForHttpStatus(bp.status), bp.message);
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const code = codeForHttpStatus(status);
      if (code === 'ROUTE_NOT_FOUND') return new AppError(code, 'No such route');
      // Express could not percent-decode a path parameter (e.g. "/users/%zz").
      if (status === 400 && /decode param/i.test(e.message)) {
        return new AppError('MALFORMED_URL', 'The URL is not correctly percent-encoded', {
          errors: [{ field: 'path', code: 'MALFORMED_URL', message: e.message }],
        });
      }
      if (code === 'VALIDATION_FAILED') {
        return new AppError(code, e.message, {
          errors: [{ field: 'request', code: 'INVALID', message: e.message }],
        });
      }
      return new AppError(code, status >= 500 ? 'Internal error' : e.message);
    }
    if (e instanceof QueryFailedError) {
      const driver = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } })
        .driverError;
      const mapped = driver?.constraint ? CONSTRAINT_CODES[driver.constraint] : undefined;
      if (driver?.code === '23505' && mapped) return new AppError(mapped, 'Already exists');
    }
    return new AppError('INTERNAL_ERROR', 'Internal error', undefined, undefined, { cause: e });
  }
}
