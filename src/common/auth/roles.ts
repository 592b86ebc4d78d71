/** Roles of the contract (API.md). Each role is granted within one organisation and applies to its subtree. */
export const ROLES = ['admin', 'registrar', 'signer', 'printer', 'auditor', 'agency', 'sync'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Permissions are what routes declare; roles are bundles of them. Keep route declarations on
 * permissions so a role can change without touching controllers.
 */
export const PERMISSIONS = [
  'orgs.read',
  'orgs.manage',
  'users.read',
  'users.manage',
  'apiKeys.manage',
  'audit.read',
  'rulebook.read',
  'rulebook.manage',
  'self.read',
  'blanks.read',
  'blanks.manage',
  'register.read',
  'register.manage',
  'register.issue',
  'printing.print',
  'forgerySignals.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['self.read', 'rulebook.read', 'orgs.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...EVERYONE,
    'blanks.read',
    'register.read',
    'orgs.manage',
    'users.read',
    'users.manage',
    'apiKeys.manage',
    'audit.read',
    'rulebook.manage',
  ],
  registrar: [...EVERYONE, 'blanks.read', 'blanks.manage', 'register.read', 'register.manage'],
  signer: [...EVERYONE, 'blanks.read', 'register.read', 'register.issue'],
  printer: [...EVERYONE, 'blanks.read', 'blanks.manage', 'register.read', 'printing.print'],
  auditor: [...EVERYONE, 'users.read', 'audit.read', 'blanks.read', 'register.read', 'forgerySignals.read'],
  // PUB-8: police and other agencies see forgery signals, each query audited with its case number.
  agency: ['self.read', 'rulebook.read', 'forgerySignals.read'],
  sync: ['self.read', 'rulebook.read', 'orgs.read'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
