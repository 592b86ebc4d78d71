import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from './access.decorators';
import type { Permission } from './roles';

export interface RouteInfo {
  method: string;
  /** Express-style path, e.g. `/api/v1/orgs/:code`. */
  path: string;
  controller: string;
  handler: string;
  access: { kind: 'public' } | { kind: 'permission'; permission: Permission } | { kind: 'undeclared' };
}

/**
 * Every route the app serves through Nest controllers, with its access declaration. The access
 * test walks this list, so a new route cannot ship without @Public() or @RequirePermission().
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => object) | null;
      if (!ctrl || !wrapper.instance) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, ctrl) as string | string[] | undefined);
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = normalise(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
        const isPublic =
          (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctrl)) === true;
        const permission = (Reflect.getMetadata(PERMISSION_KEY, handler) ??
          Reflect.getMetadata(PERMISSION_KEY, ctrl)) as Permission | undefined;
        routes.push({
          method: RequestMethod[method],
          path: ('/' + [base, sub].filter(Boolean).join('/')).replace(/\/+/g, '/'),
          controller: ctrl.name,
          handler: name,
          access: isPublic
            ? { kind: 'public' }
            : permission
              ? { kind: 'permission', permission }
              : { kind: 'undeclared' },
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalise(p: string | string[] | undefined): string {
  const s = Array.isArray(p) ? p[0] : p;
  return (s ?? '').replace(/^\/+|\/+$/g, '');
}
