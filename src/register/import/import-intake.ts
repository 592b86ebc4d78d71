import type { NextFunction, Request, Response } from 'express';
import { hasPermission } from '../../common/auth/roles';
import { AppError } from '../../common/errors/app-error';
import { Turnstile } from '../../common/http/turnstile';
import type { AuthService } from '../../identity/auth.service';

/** POST /api/v1/graduation-decisions/:id/graduates, JSON or multipart. */
export const IMPORT_ROUTE = /^\/api\/v1\/graduation-decisions\/[^/]+\/graduates\/?$/;
const MAX_WAITING = 32;
const MAX_WAIT_MS = 120_000;
const RETRY_AFTER_SECONDS = 30;

/**
 * A graduate list can be tens of megabytes and hold hundreds of MB while it is checked. Before its
 * body is read, the caller must be signed in with register.manage (the route's own permission; the
 * guard checks again), so strangers cannot make the server parse large bodies; then it waits its turn,
 * `concurrency` imports at a time per process, which bounds the server's memory.
 */
export function importIntake(auth: AuthService, concurrency: number) {
  const gate = new Turnstile(concurrency, MAX_WAITING, MAX_WAIT_MS);
  return (req: Request, res: Response, next: NextFunction): void => {
    const admit = async () => {
      const actor = await auth.actorFromRequest(req);
      if (!hasPermission(actor.roles, 'register.manage')) {
        throw new AppError('FORBIDDEN', 'Your roles do not grant register.manage', {
          permission: 'register.manage',
          roles: actor.roles,
        });
      }
      const release = await gate.enter((cancel) => res.once('close', cancel));
      if (!release) {
        throw new AppError(
          'IMPORT_BUSY',
          'Other graduate lists are being imported; try again shortly',
          { retryAfterSeconds: RETRY_AFTER_SECONDS },
          { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        );
      }
      res.once('close', release);
    };
    admit().then(() => next(), next);
  };
}
