import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Gives every request an id (echoed as X-Request-Id) and a context for audit rows and logs. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId, clientIp: req.ip ?? null }, () => next());
}
