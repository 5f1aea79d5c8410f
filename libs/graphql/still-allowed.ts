import { refusalOf } from '#libs/auth/refusal.js';
import type { RequestContext } from '#libs/graphql/context.js';

/**
 * True when the caller, judged again now, may still receive what the subscription
 * `operation` (e.g. 'Subscription.checkInRecorded') sends: asked for each event.
 */
export async function stillAllowed(ctx: RequestContext, operation: string): Promise<boolean> {
  const principal = ctx.reauthenticate ? await ctx.reauthenticate() : ctx.principal;
  return refusalOf(operation, principal) === null;
}
