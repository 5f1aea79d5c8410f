import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isUuid } from '#libs/common/ids.js';
import { requestContextOf } from '#libs/graphql/context.js';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { catchError, mergeMap, type Observable } from 'rxjs';

/** The person a mutation concerned, from its arguments or its result. */
export function personOf(
  args: Record<string, unknown>,
  result: unknown,
  returnType: string,
): string | null {
  const input = args.input as Record<string, unknown> | undefined;
  const candidates = [
    args.personId,
    input?.personId,
    (result as { personId?: unknown } | null)?.personId,
    returnType === 'Person' ? (result as { id?: unknown } | null)?.id : undefined,
  ];
  const found = candidates.find(isUuid);
  return found ?? null;
}

/**
 * Records every mutation in the audit trail (who, what, which person, when,
 * from where, and whether it went through), refused ones included.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly writer: AuditWriter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const args = gql.getArgs<Record<string, unknown>>();
    const ctx = requestContextOf(context);
    const action = `Mutation.${info.fieldName}`;
    const returnType = info.returnType.toString().replace(/[[\]!]/g, '');
    // The answer is served only once its audit record is written: when that fails, the
    // caller gets an error (INTERNAL_SERVER_ERROR) instead of the result.
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
        await this.writer.record({
          action,
          personId: personOf(args, null, returnType),
          outcome: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
          context: ctx,
        });
        throw error;
      }),
      mergeMap(async (result: unknown) => {
        const people = Array.isArray(result)
          ? result.map((r) => personOf(args, r, returnType))
          : [personOf(args, result, returnType)];
        await Promise.all(
          [...new Set(people)].map((personId) =>
            this.writer.record({ action, personId, outcome: 'ok', context: ctx }),
          ),
        );
        return result;
      }),
    );
  }
}
