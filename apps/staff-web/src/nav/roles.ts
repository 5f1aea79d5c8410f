import type { Role } from '../gql/graphql';

export type ScreenId =
  | 'gate'
  | 'arrival'
  | 'people'
  | 'health'
  | 'tracing'
  | 'live'
  | 'conflicts'
  | 'users'
  | 'api-keys'
  | 'areas'
  | 'venues'
  | 'audit';

export interface Screen {
  id: ScreenId;
  label: string;
  path: string;
  /** Roles that open the screen; ADMIN opens every screen. */
  roles: readonly Role[];
}

const ALL_STAFF: readonly Role[] = [
  'ACCREDITATION_OFFICER',
  'INSPECTION_OFFICER',
  'HEALTH_OFFICER',
  'TRACER',
  'VIEWER',
];

export const SCREENS: readonly Screen[] = [
  { id: 'gate', label: 'Gate', path: '/gate', roles: ['INSPECTION_OFFICER'] },
  { id: 'arrival', label: 'Arrival desk', path: '/arrival', roles: ['INSPECTION_OFFICER'] },
  {
    id: 'people',
    label: 'Accreditation',
    path: '/people',
    roles: ['ACCREDITATION_OFFICER', 'VIEWER'],
  },
  { id: 'health', label: 'Health desk', path: '/health', roles: ['HEALTH_OFFICER'] },
  { id: 'tracing', label: 'Tracing', path: '/tracing', roles: ['TRACER'] },
  { id: 'live', label: 'Live board', path: '/live', roles: ALL_STAFF },
  // Supervisors of the gates review what gates decided offline against the server.
  { id: 'conflicts', label: 'Conflicts', path: '/conflicts', roles: ['INSPECTION_OFFICER'] },
  // ADMIN only (ADMIN opens every screen).
  { id: 'users', label: 'Users', path: '/users', roles: [] },
  { id: 'api-keys', label: 'API keys', path: '/api-keys', roles: [] },
  // Administration: ADMIN only (no other role is listed).
  { id: 'areas', label: 'Inspection areas', path: '/areas', roles: [] },
  { id: 'venues', label: 'Venue catalogue', path: '/venues', roles: [] },
  { id: 'audit', label: 'Audit trail', path: '/audit', roles: [] },
];

export function canOpen(roles: readonly Role[], screen: Screen): boolean {
  return roles.includes('ADMIN') || screen.roles.some((r) => roles.includes(r));
}

export function screensFor(roles: readonly Role[]): Screen[] {
  return SCREENS.filter((s) => canOpen(roles, s));
}

/** Accreditation officers (and admins) change records; viewers only read them. */
export function canEditAccreditation(roles: readonly Role[]): boolean {
  return roles.includes('ADMIN') || roles.includes('ACCREDITATION_OFFICER');
}

/**
 * What a role may read of a person, so a screen says "Hidden for your role" instead of
 * showing nothing. The server decides (libs/auth/access-policy.ts: Query.movements and
 * SENSITIVE_FIELD_POLICIES); these mirror it for display only.
 */
export const mayRead = {
  movements: (roles: readonly Role[]) => roles.includes('ADMIN') || roles.includes('TRACER'),
  healthDates: (roles: readonly Role[]) =>
    (['ADMIN', 'HEALTH_OFFICER', 'INSPECTION_OFFICER', 'TRACER'] as const).some((r) =>
      roles.includes(r),
    ),
};
