import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { requestContext } from '../common/context/request-context';
import { requestIdOf } from '../common/context/request-context.middleware';
import { AppError } from '../common/errors/app-error';
import { errorBody } from '../common/errors/error.filter';
import { httpStatusOf } from '../common/errors/error-codes';
import type { JsonLogger } from '../common/logging/json-logger';
import type { Metrics } from '../health/metrics';
import { NAME_MAX_LENGTH, NAME_PATTERN, SERIAL_PATTERN } from './dto/lookup-rules';
import type { LookupQuery, PublicLookupService } from './public-lookup.service';
import type { PublicRateLimits } from './rate-limit/public-rate-limits';

const ROUTE = '/api/v1/public/verify';
const ISO_DAY = /^(19|20)\d{2}-\d{2}-\d{2}$/;

export interface FastLookupDeps {
  lookups: PublicLookupService;
  limits: PublicRateLimits;
  metrics: Metrics;
  logger: JsonLogger;
  trustProxy: boolean;
}

/**
 * The public lookup's hot path (issue 8: within 0.7× of a bare node:http handler). A well-formed
 * `GET /api/v1/public/verify` is answered here, before Express, by the same service with the same
 * limits, context, headers, metrics and error body; Express, the router, the validation pipe and the
 * ETag cost about 0.75 ms of CPU per request, more than the lookup itself. Anything this path does
 * not fully accept (another method, extra or repeated parameters, input the DTO might refuse) goes
 * to Express unchanged, so every 4xx still comes from the one validation pipeline.
 */
export function installFastLookup(server: Server, deps: FastLookupDeps): void {
  const [express] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const q = req.method === 'GET' ? acceptedQuery(req.url ?? '') : null;
    if (!q) return express(req, res);
    answer(req, res, q, deps).catch((e: unknown) => {
      // answer() maps every error to a response; reaching here means the response itself failed.
      deps.logger.event('error', 'request.failed', { method: 'GET', route: ROUTE, error: String(e) });
      res.destroy();
    });
  });
}

/** The three fields when the URL is exactly a valid lookup, else null. */
export function acceptedQuery(url: string): LookupQuery | null {
  if (!url.startsWith(`${ROUTE}?`)) return null;
  const params = new URLSearchParams(url.slice(ROUTE.length + 1));
  const q: Partial<Record<keyof LookupQuery, string>> = {};
  let n = 0;
  for (const [k, v] of params) {
    if ((k !== 'serialNumber' && k !== 'fullName' && k !== 'dateOfBirth') || k in q) return null;
    q[k] = v;
    n++;
  }
  if (n !== 3) return null;
  const { serialNumber, fullName, dateOfBirth } = q as LookupQuery;
  if (!SERIAL_PATTERN.test(serialNumber)) return null;
  if (fullName.length > NAME_MAX_LENGTH || !NAME_PATTERN.test(fullName)) return null;
  if (!ISO_DAY.test(dateOfBirth) || !isCalendarDay(dateOfBirth)) return null;
  return { serialNumber, fullName, dateOfBirth };
}

function isCalendarDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

async function answer(req: IncomingMessage, res: ServerResponse, q: LookupQuery, deps: FastLookupDeps) {
  const start = process.hrtime.bigint();
  const requestId = requestIdOf(req.headers['x-request-id']);
  const clientIp = clientAddress(req, deps.trustProxy);
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  await requestContext.run({ requestId, clientIp }, async () => {
    try {
      deps.limits.admitRequest(clientIp);
      body = await deps.lookups.lookup(q);
    } catch (e) {
      const err =
        e instanceof AppError
          ? e
          : new AppError('INTERNAL_ERROR', 'Internal error', undefined, undefined, { cause: e });
      status = httpStatusOf(err.code);
      if (status >= 500)
        deps.logger.event('error', 'request.failed', {
          method: 'GET',
          route: ROUTE,
          code: err.code,
          error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
        });
      Object.assign(headers, err.headers ?? {});
      body = errorBody(err);
    }
  });
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'X-Request-Id': requestId,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
  deps.metrics.observe(deps.logger, 'GET', ROUTE, status, start);
}

/** As Express computes `req.ip` with `trust proxy` on or off (`app.set('trust proxy', boolean)`). */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  const xff = req.headers['x-forwarded-for'];
  if (trustProxy && typeof xff === 'string' && xff.trim()) return xff.split(',')[0].trim();
  return req.socket.remoteAddress ?? null;
}
