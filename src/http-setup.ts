import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { requestContextMiddleware } from './common/context/request-context.middleware';
import { AppError } from './common/errors/app-error';
import type { JsonLogger } from './common/logging/json-logger';
import { inspectJson, MAX_JSON_DEPTH } from './common/validation/json-shape';
import { validationErrorsToAppError } from './common/validation/validation-errors';
import type { AppConfig } from './config/app-config';
import type { Metrics } from './health/metrics';
import { AuthService } from './identity/auth.service';
import { IMPORT_ROUTE, importIntake } from './register/import/import-intake';
import { PublicRateLimits } from './verification/rate-limit/public-rate-limits';

/** Express-level set-up shared by main and tests: context, metrics, body parsing, validation, OpenAPI. */
export function configureHttp(
  app: NestExpressApplication,
  config: AppConfig,
  logger: JsonLogger,
  metrics: Metrics,
): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestContextMiddleware);
  app.use(metrics.middleware(logger));
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(publicRequestLimit(app.get(PublicRateLimits)));
  // The portal's lookup form posts urlencoded fields; nothing else takes that format.
  app.use('/tra-cuu', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }));
  app.use(jsonBody(config, importIntake(app.get(AuthService), config.importConcurrency)));
  app.use(queryShape);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      exceptionFactory: validationErrorsToAppError,
    }),
  );
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * express.json with our error codes. A JSON body must be an object: arrays and scalars are refused
 * here, so validation never sees a shape it cannot describe field by field. Hostile shapes (very deep
 * nesting, NUL characters PostgreSQL cannot store) are refused before any validator runs.
 */
function jsonBody(config: AppConfig, intake: RequestHandler) {
  const limit = config.bodyLimitBytes;
  const importLimit = config.importBodyLimitBytes;
  const parse = express.json({ limit, strict: false });
  // A graduate list of a whole province (100,000 rows) is tens of megabytes of JSON.
  const parseImport = express.json({ limit: importLimit, strict: false });
  const parseBody = (isImport: boolean, req: Request, res: Response, next: NextFunction) =>
    (isImport ? parseImport : parse)(req, res, (err?: unknown) => {
      if (err) return next(bodyParserError(err, isImport ? importLimit : limit));
      if (!req.is('application/json')) return next();
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return next(new AppError('BODY_NOT_OBJECT', 'The JSON body must be an object'));
      }
      next(shapeError(body, 'body'));
    });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && IMPORT_ROUTE.test(req.path)) {
      intake(req, res, (err?: unknown) => (err ? next(err) : parseBody(true, req, res, next)));
    } else {
      parseBody(false, req, res, next);
    }
  };
}

/** PUB-5: every public API request counts against its client's limit (lookups have their own, stricter). */
function publicRequestLimit(limits: PublicRateLimits) {
  const PUBLIC_API = /^\/(api\/v1\/public|\.well-known\/vbcc)\//;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!PUBLIC_API.test(req.path)) return next();
    try {
      limits.admitRequest(req.ip ?? null);
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** Query strings get the same NUL and depth checks as bodies (qs can build nested objects). */
function queryShape(req: Request, _res: Response, next: NextFunction) {
  next(shapeError(req.query, 'query'));
}

function shapeError(value: unknown, where: 'body' | 'query'): AppError | undefined {
  const { tooDeep, nulFields } = inspectJson(value);
  if (tooDeep)
    return new AppError('BODY_TOO_DEEP', `The ${where} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (nulFields.length) {
    return new AppError('VALIDATION_FAILED', `The ${where} has ${nulFields.length} invalid field(s)`, {
      errors: nulFields,
    });
  }
  return undefined;
}

function bodyParserError(err: unknown, limit: number): unknown {
  const e = err as { type?: string };
  if (e.type === 'entity.too.large') {
    return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`, {
      limitBytes: limit,
    });
  }
  if (e.type === 'entity.parse.failed')
    return new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset');
  }
  return err;
}

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('VBCC Registry API')
    .setDescription(
      'Sổ đăng ký văn bằng, chứng chỉ — diploma and certificate registry. Errors are `{ code, message, details?, requestId }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
    .build();
  return SwaggerModule.createDocument(app, doc);
}
