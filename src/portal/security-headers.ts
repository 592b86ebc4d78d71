import type { Response } from 'express';

/**
 * Strict policy for every portal page: scripts and styles only from this origin (no inline code, no
 * third-party assets), no framing, no referrer, and `connect-src` only where a page fetches (the QR
 * page asks for the trust list and the status).
 */
export function sendPage(
  res: Response,
  status: number,
  body: string,
  opts: { connect?: boolean } = {},
): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src ${opts.connect ? "'self'" : "'none'"}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  // A result page holds personal data: never cached by the browser or a proxy.
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}
