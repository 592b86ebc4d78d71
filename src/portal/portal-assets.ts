import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  private readonly cache = new Map<string, Buffer>();

  send(res: Response, name: string): boolean {
    const file = this.load(name);
    if (!file) return false;
    res.setHeader('Content-Type', TYPES[name.split('.').pop()!]);
    // Revalidated on every use (a cheap 304 by ETag): a browser must never mix modules of two releases.
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(file);
    return true;
  }

  private load(name: string): Buffer | null {
    if (!/^(portal\.css|js\/[a-z0-9-]+\.js)$/.test(name)) return null;
    const cached = this.cache.get(name);
    if (cached) return cached;
    const path = name.startsWith('js/')
      ? join(projectRoot(), 'dist', 'public-portal', name)
      : join(projectRoot(), 'public-portal', 'assets', name);
    try {
      const file = readFileSync(path);
      this.cache.set(name, file);
      return file;
    } catch {
      return null; // not built (yet): a 404, tried again next time
    }
  }
}
