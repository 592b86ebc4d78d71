import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../common/paths';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/**
 * The portal's static files, by an allow-list of names (no path from the request reaches the file
 * system): the stylesheet from public-portal/assets, the compiled scripts from dist/public-portal/js.
 */
@Injectable()
export class PortalAssets {
  private readonly cache = new Map<string, { plain: Buffer; gzip: Buffer }>();

  send(req: Request, res: Response, name: string): boolean {
    const file = this.load(name);
    if (!file) return false;
    res.setHeader('Content-Type', TYPES[name.split('.').pop()!]);
    // Revalidated on every use (a cheap 304 by ETag): a browser must never mix modules of two releases.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    // Compressed once, when first read: the QR page's scripts shrink about 3× for a phone on a slow link.
    if (acceptsGzip(req.headers['accept-encoding'])) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(file.gzip);
    } else res.send(file.plain);
    return true;
  }

  private load(name: string): { plain: Buffer; gzip: Buffer } | null {
    if (!/^(portal\.css|js\/[a-z0-9-]+\.js)$/.test(name)) return null;
    const cached = this.cache.get(name);
    if (cached) return cached;
    const path = name.startsWith('js/')
      ? join(projectRoot(), 'dist', 'public-portal', name)
      : join(projectRoot(), 'public-portal', 'assets', name);
    try {
      const plain = readFileSync(path);
      const file = { plain, gzip: gzipSync(plain, { level: 9 }) };
      this.cache.set(name, file);
      return file;
    } catch {
      return null; // not built (yet): a 404, tried again next time
    }
  }
}

/** Whether an Accept-Encoding header allows gzip (RFC 9110 §12.5.3: by name or `*`, and q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  let gzip: number | null = null;
  let any: number | null = null;
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (coding === 'gzip' || coding === 'x-gzip') gzip = q;
    else if (coding === '*') any = q;
  }
  const q = gzip ?? any ?? 0;
  return Number.isFinite(q) && q > 0;
}
