import type { MessageDescriptor } from 'react-intl';
import { defineMessages } from '../i18n/define';
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
  label: MessageDescriptor;
  path: string;
  /** Roles that open the screen; ADMIN opens every screen. */
  roles: readonly Role[];
}

/** Each screen's name in the navigation. */
const LABELS = defineMessages({
  gate: { id: 'screen.gate', defaultMessage: 'Gate' },
  arrival: { id: 'screen.arrival', defaultMessage: 'Arrival desk' },
  people: { id: 'screen.people', defaultMessage: 'Accreditation' },
  health: { id: 'screen.health', defaultMessage: 'Health desk' },
  tracing: { id: 'screen.tracing', defaultMessage: 'Tracing' },
  live: { id: 'screen.live', defaultMessage: 'Live board' },
  conflicts: { id: 'screen.conflicts', defaultMessage: 'Conflicts' },
  users: { id: 'screen.users', defaultMessage: 'Users' },
  'api-keys': { id: 'screen.api-keys', defaultMessage: 'API keys' },
  areas: { id: 'screen.areas', defaultMessage: 'Inspection areas' },
  venues: { id: 'screen.venues', defaultMessage: 'Venue catalogue' },
  audit: { id: 'screen.audit', defaultMessage: 'Audit trail' },
});

const ALL_STAFF: readonly Role[] = [
  'ACCREDITATION_OFFICER',
  'INSPECTION_OFFICER',
  'HEALTH_OFFICER',
  'TRACER',
  'VIEWER',
];

export const SCREENS: readonly Screen[] = [
  { id: 'gate', label: LABELS['gate'], path: '/gate', roles: ['INSPECTION_OFFICER'] },
  { id: 'arrival', label: LABELS['arrival'], path: '/arrival', roles: ['INSPECTION_OFFICER'] },
  {
    id: 'people',
    label: LABELS['people'],
    path: '/people',
    roles: ['ACCREDITATION_OFFICER', 'VIEWER'],
  },
  { id: 'health', label: LABELS['health'], path: '/health', roles: ['HEALTH_OFFICER'] },
  { id: 'tracing', label: LABELS['tracing'], path: '/tracing', roles: ['TRACER'] },
  { id: 'live', label: LABELS['live'], path: '/live', roles: ALL_STAFF },
  // Supervisors of the gates review what gates decided offline against the server.
  {
    id: 'conflicts',
    label: LABELS['conflicts'],
    path: '/conflicts',
    roles: ['INSPECTION_OFFICER'],
  },
  // ADMIN only (ADMIN opens every screen).
  { id: 'users', label: LABELS['users'], path: '/users', roles: [] },
  { id: 'api-keys', label: LABELS['api-keys'], path: '/api-keys', roles: [] },
  // Administration: ADMIN only (no other role is listed).
  { id: 'areas', label: LABELS['areas'], path: '/areas', roles: [] },
  { id: 'venues', label: LABELS['venues'], path: '/venues', roles: [] },
  { id: 'audit', label: LABELS['audit'], path: '/audit', roles: [] },
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

/** Each role by the name staff know it by. */
export const ROLE_NAMES: Readonly<Record<Role, MessageDescriptor>> = defineMessages({
  ADMIN: { id: 'role.ADMIN', defaultMessage: 'Administrator' },
  ACCREDITATION_OFFICER: {
    id: 'role.ACCREDITATION_OFFICER',
    defaultMessage: 'Accreditation officer',
  },
  INSPECTION_OFFICER: { id: 'role.INSPECTION_OFFICER', defaultMessage: 'Inspection officer' },
  HEALTH_OFFICER: { id: 'role.HEALTH_OFFICER', defaultMessage: 'Health officer' },
  TRACER: { id: 'role.TRACER', defaultMessage: 'Tracer' },
  VIEWER: { id: 'role.VIEWER', defaultMessage: 'Viewer' },
});
