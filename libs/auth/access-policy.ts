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
  // accreditation
  'Query.cardVerificationKeys': { authenticated: true },
  'Query.cardDenyList': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
  'Query.organisations': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.organisation': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.person': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.personByCard': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Query.people': { roles: ANY_STAFF, scopes: [S.ACCREDITATION_READ] },
  'Mutation.createOrganisation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.registerPerson': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.importPeople': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.approveAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.suspendAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.reinstateAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.revokeAccreditation': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.reissueCard': { roles: [R.ACCREDITATION_OFFICER] },
  'Mutation.eraseExpiredPersonalData': { roles: [] },
  // inspection
  'Query.inspectionAreas': { roles: ANY_STAFF, scopes: [S.CHECKIN_WRITE] },
  'Query.inspectionArea': { roles: ANY_STAFF, scopes: [S.CHECKIN_WRITE] },
  'Query.checkIns': {
    roles: [R.INSPECTION_OFFICER, R.TRACER, R.VIEWER],
    scopes: [S.CHECKIN_WRITE],
  },
  'Mutation.createInspectionArea': { roles: [] },
  'Mutation.checkIn': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
  'Mutation.submitCheckIns': { roles: [R.INSPECTION_OFFICER], scopes: [S.CHECKIN_WRITE] },
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

/** Fields that hold passport numbers or health data; null for callers without the policy. */
export const SENSITIVE_FIELD_POLICIES: Readonly<Record<string, AccessPolicy>> = {
  'Person.documentNumber': { roles: [R.ACCREDITATION_OFFICER, R.INSPECTION_OFFICER] },
  'ClosedLoopState.lastNegativeTestAt': { roles: HEALTH_READERS, scopes: [S.HEALTH_WRITE] },
  'ClosedLoopState.testDueBy': { roles: HEALTH_READERS, scopes: [S.HEALTH_WRITE] },
  'ClosedLoopState.closeContactUntil': { roles: HEALTH_READERS, scopes: [S.HEALTH_WRITE] },
};

/** True when the policy lets the principal through. */
export function allows(policy: AccessPolicy, principal: Principal | null): boolean {
  if (policy.public) return true;
  if (!principal) return false;
  if (policy.authenticated) return true;
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
