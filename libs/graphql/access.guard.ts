import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { allows, OPERATION_POLICIES } from '#libs/auth/access-policy.js';
import type { Principal } from '#libs/auth/principal.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/common/errors.js';
import { requestContextOf, type RequestContext } from '#libs/graphql/context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

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

/**
 * True when the caller, judged again now, may still receive what the subscription
 * `operation` (e.g. 'Subscription.checkInRecorded') sends: asked for each event.
 */
export async function stillAllowed(ctx: RequestContext, operation: string): Promise<boolean> {
  const principal = ctx.reauthenticate ? await ctx.reauthenticate() : ctx.principal;
  return refusalOf(operation, principal) === null;
}

/**
 * Checks every root operation against its entry in OPERATION_POLICIES. An
 * operation without an entry is refused: access is never granted by omission.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly audit: AuditWriter) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    const typeName = info.parentType.name;
    if (!ROOT_TYPES.has(typeName)) return true;
    const ctx = requestContextOf(context);
    const refusal = refusalOf(`${typeName}.${info.fieldName}`, ctx.principal);
    if (!refusal) return true;
    if (typeName === 'Mutation' && OPERATION_POLICIES[`${typeName}.${info.fieldName}`]) {
      void this.audit.record({
        action: `Mutation.${info.fieldName}`,
        personId: null,
        outcome: refusal.extensions.code as string,
        context: ctx,
      });
    }
    throw refusal;
  }
}
