/**
 * Roles and what each may do. One table, read by the API, the CLI and the web app (via /api/roles),
 * so a permission is granted in exactly one place.
 *
 * Need-to-know on investigation content (persons, devices, messages) is not a role permission: it
 * comes from membership of the investigation (see investigations.ts). Roles decide what kind of
 * work a user may do; membership decides on which case.
 */
export const ROLES = [
  'analyst',
  'operational_lead',
  'field_officer',
  'forensic_examiner',
  'national_analyst',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'ads.read',
  'ads.import',
  'networks.read',
  'picture.read',
  'operations.manage',
  'controls.record',
  'devices.import',
  'investigations.create',
  'investigations.administer',
  'users.manage',
  'audit.read',
  'audit.verify',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  analyst: ['ads.read', 'ads.import', 'networks.read', 'investigations.create'],
  operational_lead: [
    'ads.read',
    'networks.read',
    'operations.manage',
    'controls.record',
    'investigations.create',
  ],
  field_officer: ['ads.read', 'controls.record'],
  forensic_examiner: ['devices.import', 'investigations.create'],
  national_analyst: ['ads.read', 'networks.read', 'picture.read'],
  // The auditor reads the trail, never the content it describes.
  auditor: ['audit.read', 'audit.verify'],
  // The administrator manages accounts and case membership, not case content. Reading the trail
  // is the auditor's (separation of duties); checking that it is intact is both's.
  admin: ['users.manage', 'investigations.administer', 'audit.verify'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

export function roleTable(): { role: Role; permissions: Permission[] }[] {
  return ROLES.map((role) => ({ role, permissions: [...GRANTS[role]] }));
}
