import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
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

const ONE_ENTRY_PER_CALL = 'audit:oneEntryPerCall';

/**
 * A bulk mutation whose writes name their people themselves, in a record at least as
 * strong as the trail: its call is audited once (who, when, from where, outcome), not once
 * per person. recordMovements: every event carries its person, its source and its
 * recordedAt in the hash-chained movement log, so thousands of trail rows per call would
 * repeat it (and were a fifth of the ingest's cost).
 */
export const AuditOneEntryPerCall = () => SetMetadata(ONE_ENTRY_PER_CALL, true);

/**
 * Records every mutation in the audit trail (who, what, which person, when,
 * from where, and whether it went through), refused ones included.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly writer: AuditWriter,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const args = gql.getArgs<Record<string, unknown>>();
    const ctx = requestContextOf(context);
    const action = `Mutation.${info.fieldName}`;
    const returnType = info.returnType.toString().replace(/[[\]!]/g, '');
    const oneEntry = this.reflector.get<boolean>(ONE_ENTRY_PER_CALL, context.getHandler());
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
        const results: unknown[] = Array.isArray(result) ? result : [result];
        const people = oneEntry ? [null] : results.map((r) => personOf(args, r, returnType));
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
