import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { JsonLogger } from '../common/logging/json-logger';

/** Prometheus metrics of one app instance (a registry per instance, so tests can boot several). */
export class Metrics {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'http_server_errors_total',
    help: 'Responses with status 5xx',
    labelNames: ['route'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Public lookups asked and the queries that answered them (verification/lookup-batcher.ts), read at
   * each scrape: their ratio is the batching achieved, the first sign of load on the public portal.
   */
  countPublicLookups(read: () => { lookups: number; queries: number }): void {
    const counter = (name: string, help: string, field: 'lookups' | 'queries') =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(read()[field]);
        },
      });
    counter('vbcc_public_lookups_total', 'Public lookups by serial asked', 'lookups');
    counter('vbcc_public_lookup_queries_total', 'Database queries that answered public lookups', 'queries');
  }

  /**
   * Times each request and writes one access log line. Only the route template is logged (never the
   * URL with its query string, which may carry personal data such as a name being verified).
   */
  middleware(logger: JsonLogger) {
    return (req: Request, res: Response, next: NextFunction) => {
      const start = process.hrtime.bigint();
      res.on('finish', () => {
        const route = req.route ? `${req.baseUrl}${(req.route as { path: string }).path}` : 'unmatched';
        this.observe(logger, req.method, route, res.statusCode, start);
      });
      next();
    };
  }

  /** One finished request: its histogram sample and its access log line (route template only). */
  observe(logger: JsonLogger, method: string, route: string, status: number, start: bigint): void {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    this.duration.observe({ method, route, status: String(status) }, seconds);
    if (status >= 500) this.errors.inc({ route });
    logger.event(status >= 500 ? 'error' : 'info', 'http.request', {
      method,
      route,
      status,
      ms: Math.round(seconds * 1000),
    });
  }
}
