import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Gives every request an id (echoed as X-Request-Id) and a context for audit rows and logs. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdOf(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId, clientIp: req.ip ?? null }, () => next());
}

/** The caller's X-Request-Id when it is a sane token, else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}
