import type { Role } from './roles';

/** Who is acting: a signed-in user, a machine client (API key), or the system itself (CLI, seeds). */
export interface Actor {
  kind: 'user' | 'apiKey' | 'system';
  id: string | null;
  name: string;
  orgId: string;
  orgCode: string;
  /** Materialised path of the actor's organisation; a target is in scope when its path starts with it. */
  orgPath: string;
  roles: Role[];
}
