import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import {
  limitError,
  limitExtensions,
  type RequestLimit,
} from '#apps/gateway/security/limit-error.js';

/** The shape a query may have, checked before it runs. */
export const QUERY_SHAPE_LIMITS = { depth: 12, aliases: 15, directives: 20, tokens: 5000 } as const;

/** Armor's messages start with "Syntax Error: " whatever the limit; the limit is not a syntax error. */
function messageOf(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error:\s*/, '');
}

/** A validation limit: reported as a validation error (400) with our code, not thrown. */
function reportAs(limit: RequestLimit, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) => {
        ctx?.reportError(limitError(limit, max, messageOf(error)));
      },
    ],
  };
}

/**
 * Depth, aliases, directives and tokens (graphql-armor), each refusal a
 * BAD_USER_INPUT naming its limit. Field suggestions are handled by
 * useHiddenSuggestions, which also covers enum values and variables.
 */
export function useQueryShapeLimits() {
  const { depth, aliases, directives, tokens } = QUERY_SHAPE_LIMITS;
  return EnvelopArmorPlugin({
    maxDepth: {
      n: depth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...reportAs('depth', depth),
    },
    maxAliases: { n: aliases, ...reportAs('aliases', aliases) },
    maxDirectives: { n: directives, ...reportAs('directives', directives) },
    maxTokens: {
      n: tokens,
      // The parser has no context to report to: the error is thrown, so it is given our shape.
      onReject: [
        (_ctx, error) => {
          error.message = messageOf(error);
          Object.assign(error.extensions, limitExtensions('tokens', tokens, error.message));
        },
      ],
    },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
}
