import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal } from '#libs/auth/principal.js';

/** What every resolver can read about the request. */
export interface RequestContext<L = unknown> {
  principal: Principal | null;
  /** Client address, for the audit trail and rate limits. */
  clientAddress: string | null;
  requestId: string;
  /** Per-request DataLoaders, built fresh for each request. */
  loaders: L;
  /**
   * The caller as judged now, from the same credentials: a subscription lives on, so it asks
   * again for each event (a logout, a disable or a role change then stops its feed).
   */
  reauthenticate?: () => Promise<Principal | null>;
}

export function requestContextOf<L>(context: ExecutionContext): RequestContext<L> {
  return GqlExecutionContext.create(context).getContext<RequestContext<L>>();
}

/** The caller of this operation (guards make sure one exists where a policy needs it). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => requestContextOf(context).principal,
);

export const CurrentContext = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context),
);
