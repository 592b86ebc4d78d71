import { Inject, Injectable } from '@nestjs/common';
import { requestContext } from '../../common/context/request-context';
import { AppError } from '../../common/errors/app-error';
import { FixedWindowLimiter } from '../../common/http/fixed-window-limiter';
import { SketchWindowLimiter } from '../../common/http/sketch-window-limiter';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

const MINUTE = 60_000;

/**
 * PUB-5: public lookups are limited per client address and per serial (docs/PORTAL.md "Limits").
 * The per-serial limit counts every lookup of the serial, known or not, so it cannot tell either
 * apart, and it stops guessing a holder's birth date from many addresses. Its cost: a flood on one
 * serial also delays honest checks of that serial for up to 15 minutes.
 */
@Injectable()
export class PublicRateLimits {
  private readonly perClient: FixedWindowLimiter;
  private readonly perSerial: SketchWindowLimiter;
  private readonly requests: FixedWindowLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const l = config.publicLimits;
    this.perClient = new FixedWindowLimiter(l.lookupsPerClientPerMinute, MINUTE);
    // Every serial anyone types: a fixed-size sketch, not a Map that grows and rehashes (see the class).
    this.perSerial = new SketchWindowLimiter(l.lookupsPerSerialPer15Minutes, 15 * MINUTE);
    this.requests = new FixedWindowLimiter(l.requestsPerClientPerMinute, MINUTE);
  }

  /** Throws RATE_LIMITED (429 with Retry-After) when this client or this serial is over its limit. */
  admitLookup(serial: string): void {
    refuse(this.perClient.take(client()), 'lookups from your address');
    refuse(this.perSerial.take(serial), 'lookups of this serial number');
  }

  /** Other public API requests (trust list, disclosures, transparency proofs). */
  admitRequest(clientIp: string | null): void {
    refuse(this.requests.take(clientIp ?? 'unknown'), 'requests from your address');
  }
}

function client(): string {
  return requestContext.get()?.clientIp ?? 'unknown';
}

function refuse(retryAfter: number | null, what: string): void {
  if (retryAfter === null) return;
  throw new AppError(
    'RATE_LIMITED',
    `Too many ${what}; try again in ${retryAfter} s`,
    { retryAfterSeconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}
