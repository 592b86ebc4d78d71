import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | null = null;

/** The project folder (holding package.json), whether running from src/ (tests) or dist/src/ (build). */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  root = dir;
  return dir;
}
