import { allows, OPERATION_POLICIES } from '#libs/auth/access-policy.js';
import type { Principal } from '#libs/auth/principal.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/common/errors.js';

/**
 * Why the principal may not call the root operation (e.g. 'Query.people'),
 * or null when OPERATION_POLICIES lets it through. No entry means no access.
 */
export function refusalOf(
  operation: string,
  principal: Principal | null,
): ForbiddenError | UnauthenticatedError | null {
  const policy = OPERATION_POLICIES[operation];
  const fieldName = operation.slice(operation.indexOf('.') + 1);
  if (!policy) return new ForbiddenError(`${fieldName} has no access policy`);
  if (allows(policy, principal)) return null;
  return principal
    ? new ForbiddenError(`You are not allowed to call ${fieldName}`)
    : new UnauthenticatedError();
}
