import { decide as decideByRules, type GateFacts } from '#libs/inspection/gate-rules.js';
import type { Decision, DenialReason } from '#apps/inspection/check-ins/check-in.type.js';

export type { GateFacts };

/**
 * DESIGN.md's decision table: every reason that applies, in the enum's order.
 * ADMITTED exactly when none does. An OUT scan of a known card is always
 * ADMITTED; a token that does not verify is INVALID_TOKEN and nothing else.
 * The rule itself is libs/inspection/gate-rules.ts, which offline gates apply too.
 */
export function decide(facts: GateFacts): { decision: Decision; reasons: DenialReason[] } {
  // The rule speaks in the enums' string values; these are the same values, typed.
  return decideByRules(facts) as { decision: Decision; reasons: DenialReason[] };
}
