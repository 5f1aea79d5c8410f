import { ApiScope, Role } from '#libs/auth/roles.js';
import type { Principal } from '#libs/auth/principal.js';

/**
 * Who may do what: every root operation of every service, and every sensitive
 * field, has exactly one entry here. ADMIN may do everything. A test walks the
 * gateway's schema and fails on an operation or sensitive field without one.
 */
export interface AccessPolicy {
  /** Open to anyone, signed in or not. */
  public?: true;
  /** Any signed-in user or API key. */
  authenticated?: true;
  /** Any signed-in staff user, whatever the roles (an API key has no session). */
  staff?: true;
  roles?: readonly Role[];
  scopes?: readonly ApiScope[];
}

const R = Role;
const S = ApiScope;
const ANY_STAFF = [
  R.ACCREDITATION_OFFICER,
  R.INSPECTION_OFFICER,
  R.HEALTH_OFFICER,
  R.TRACER,
  R.VIEWER,
];
const HEALTH_READERS = [R.HEALTH_OFFICER, R.INSPECTION_OFFICER, R.TRACER];

export const OPERATION_POLICIES: Readonly<Record<string, AccessPolicy>> = {
  // identity
  'Query.me': { authenticated: true },
  'Mutation.login': { public: true },
  'Mutation.createUser': { roles: [] },
  'Mutation.createApiKey': { roles: [] },
  'Mutation.revokeApiKey': { roles: [] },
  'Mutation.logout': { staff: true },
  'Mutation.setPreferredLanguage': { staff: true },
  'Mutation.disableUser': { roles: [] },
  'Mutation.enableUser': { roles: [] },
  'Query.users': { roles: [] },
  'Query.apiKeys': { roles: [] },
  // accreditation
  'Query.cardVerificationKeys': { authenticated: true },
  'Query.organisations': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.organisation': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.person': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.personByCard': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.people': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.testsDue': { roles: [R.HEALTH_OFFICER], scopes: [S.HEALTH_WRITE] },
  'Mutation.createOrganisation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.registerPerson': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.updatePerson': { roles: [R.ACCREDITATION_OFFICER] },
  // What registration and correction choose from.
  'Query.accreditationCategories': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.importPeople': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.approveAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.suspendAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.reinstateAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.revokeAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.reissueCard': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.setPersonPhoto': { roles: [R.ACCREDITATION_OFFICER] },
  'Query.cardsPdfUrl': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.approveAccreditations': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.suspendAccreditations': { roles: [R.ACCREDITATION_OFFICER] },
  // The venue catalogue: gates read it to name the venues of a card offline.
  'Query.venues': { authenticated: true },
  'Mutation.upsertVenue': { roles: [] },
  'Mutation.eraseExpiredPersonalData': { roles: [] },
  // inspection
  'Query.inspectionAreas': { roles: ANY_STAFF, scopes: [S.CHECKIN_WRITE] },
  'Query.inspectionArea': { roles: ANY_STAFF, scopes: [S.CHECKIN_WRITE] },
  'Query.cardDenyList': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
  'Query.checkIns': {
    roles: [R.INSPECTION_OFFICER, R.TRACER, R.VIEWER],
    scopes: [S.CHECKIN_WRITE],
  },
  'Mutation.createInspectionArea': { roles: [] },
  'Mutation.checkIn': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
  'Mutation.submitCheckIns': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
  'Mutation.annulCheckIn': { roles: [R.INSPECTION_OFFICER] },
  'Mutation.processArrival': { roles: [R.INSPECTION_OFFICER] },
  'Mutation.processDeparture': { roles: [R.INSPECTION_OFFICER] },
  'Mutation.recordTestResult': { roles: [R.HEALTH_OFFICER], scopes: [S.HEALTH_WRITE] },
  'Mutation.releaseFromIsolation': { roles: [R.HEALTH_OFFICER] },
  'Mutation.designateCloseContacts': { roles: [R.TRACER] },
  'Subscription.checkInRecorded': { roles: ANY_STAFF },
  // movement
  'Query.movements': { roles: [R.TRACER], scopes: [S.MOVEMENT_READ] },
  'Query.stays': { roles: [R.TRACER], scopes: [S.MOVEMENT_READ] },
  'Query.presentAt': { roles: [R.TRACER, R.INSPECTION_OFFICER], scopes: [S.MOVEMENT_READ] },
  'Query.contacts': { roles: [R.TRACER] },
  'Query.verifyMovementLog': { roles: [] },
  'Query.movementLogCheckpointKeys': { authenticated: true },
  'Mutation.checkpointMovementLog': { roles: [] },
  // audit
  'Query.auditTrail': { roles: [] },
  'Mutation.recordMovement': { roles: [], scopes: [S.MOVEMENT_WRITE] },
  'Mutation.recordMovements': { roles: [], scopes: [S.MOVEMENT_WRITE] },
  // federation plumbing: the gateway resolves entities with the caller's own credentials
  'Query._entities': { authenticated: true },
  'Query._service': { public: true },
};

const HEALTH: AccessPolicy = { roles: HEALTH_READERS, scopes: [S.HEALTH_WRITE] };

/**
 * Fields that hold passport numbers, health data, live card tokens or who did what;
 * what a caller without the policy gets instead is said by each entry's comment.
 */
export const SENSITIVE_FIELD_POLICIES: Readonly<Record<string, AccessPolicy>> = {
  /** null; people(filter: {search}) then does not match inside document numbers either. */
  'Person.documentNumber': { roles: [R.ACCREDITATION_OFFICER, R.INSPECTION_OFFICER] },
  // Portraits: the office that takes them, the gates and desks that compare them with a face.
  'Person.photo': { roles: [R.ACCREDITATION_OFFICER, R.INSPECTION_OFFICER] },
  // A printed card shows the portrait: the office prints.
  'Accreditation.cardPdfUrl': { roles: [R.ACCREDITATION_OFFICER] },
  'ClosedLoopState.lastNegativeTestAt': HEALTH,
  'ClosedLoopState.testDueBy': HEALTH,
  'ClosedLoopState.closeContactUntil': HEALTH,
  /**
   * CLOSE_CONTACT and ISOLATED reveal a positive test (one's own or a contact's):
   * without the policy both read as IN_LOOP (in the loop, health status not shown),
   * and people(filter: {closedLoopStatus}) refuses them and counts them as IN_LOOP.
   */
  'ClosedLoopState.status': HEALTH,
  /** null: a live token is a copy of the card (VIEWER and health staff do not print cards). */
  'Accreditation.cardToken': {
    roles: [R.ACCREDITATION_OFFICER, R.INSPECTION_OFFICER],
    scopes: [S.ACCREDITATION_READ],
  },
  /** Staff emails are for staff: an API key sees "staff" for a user and "api key" for a key. */
  'AccreditationEvent.by': { roles: ANY_STAFF },
  // Offline gates need it (and ISOLATED among the reasons) to decide as the server would.
  'CardDenyListEntry.testDueBy': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
};

/** Closed-loop statuses that reveal a positive test. */
export const HEALTH_REVEALING_STATUSES: ReadonlySet<string> = new Set([
  'CLOSE_CONTACT',
  'ISOLATED',
]);

/** The closed-loop status as the caller may see it (see 'ClosedLoopState.status'). */
export function closedLoopStatusShownTo<T extends string>(
  status: T,
  principal: Principal | null,
): T | 'IN_LOOP' {
  if (!HEALTH_REVEALING_STATUSES.has(status)) return status;
  return maySee('ClosedLoopState.status', principal) ? status : 'IN_LOOP';
}

/**
 * The stored statuses a people(filter: {closedLoopStatus}) matches for the caller, or
 * null when the caller may not filter on that status (see 'ClosedLoopState.status').
 */
export function closedLoopStatusesMatching(
  status: string,
  principal: Principal | null,
): string[] | null {
  if (maySee('ClosedLoopState.status', principal)) return [status];
  if (HEALTH_REVEALING_STATUSES.has(status)) return null;
  return status === 'IN_LOOP' ? ['IN_LOOP', ...HEALTH_REVEALING_STATUSES] : [status];
}

/** Who made a change, as the caller may see it (see 'AccreditationEvent.by'). */
export function actorShownTo(by: string | null, principal: Principal | null): string | null {
  if (by === null || maySee('AccreditationEvent.by', principal)) return by;
  return by.includes('@') ? 'staff' : 'api key';
}

/** True when the policy lets the principal through. */
export function allows(policy: AccessPolicy, principal: Principal | null): boolean {
  if (policy.public) return true;
  if (!principal) return false;
  if (policy.authenticated) return true;
  if (policy.staff) return principal.kind === 'user';
  if (principal.kind === 'user') {
    return principal.roles.some((r) => r === Role.ADMIN || (policy.roles ?? []).includes(r));
  }
  return principal.scopes.some((s) => (policy.scopes ?? []).includes(s));
}

/** True when the caller may read the sensitive field (e.g. 'Person.documentNumber'). */
export function maySee(
  field: keyof typeof SENSITIVE_FIELD_POLICIES,
  principal: Principal | null,
): boolean {
  const policy = SENSITIVE_FIELD_POLICIES[field];
  return policy !== undefined && allows(policy, principal);
}
