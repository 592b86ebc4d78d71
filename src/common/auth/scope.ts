import { AppError } from '../errors/app-error';
import type { Actor } from './actor';

/**
 * Subtree scoping, used by every module: an actor acts on its own organisation and everything
 * below it. Paths are materialised (`/<rootId>/.../<id>/`), so "within" is a prefix test.
 */
export function isWithin(ancestorPath: string, path: string): boolean {
  return path.startsWith(ancestorPath);
}

export function inScope(actor: Actor, targetPath: string): boolean {
  return isWithin(actor.orgPath, targetPath);
}

export function assertInScope(actor: Actor, targetPath: string, what: string): void {
  if (!inScope(actor, targetPath)) {
    throw new AppError('OUT_OF_SCOPE', `${what} is outside your organisation's subtree`);
  }
}

/** Organisation ids on a path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
