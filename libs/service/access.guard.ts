import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { OPERATION_POLICIES } from '#libs/auth/access-policy.js';
import { refusalOf } from '#libs/auth/refusal.js';
import { requestContextOf } from '#libs/graphql/context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

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
