import { SetMetadata } from '@nestjs/common';
import type { Permission } from './roles';

export const PUBLIC_KEY = 'vbcc:public';
export const PERMISSION_KEY = 'vbcc:permission';

/** Explicit exception to the global guard: anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The permission a signed-in caller (user or API key) needs for this route. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
