import type { Plugin } from '@envelop/core';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { limitError, limitExtensions } from '#apps/gateway/security/limit-error.js';
import { MAX_FIRST, operationCost } from '#apps/gateway/security/query-cost.js';

/** The most an operation may cost (see operationCost). */
export const MAX_COST = 100_000;

/**
 * Refuses, before anything runs, an operation whose cost is above MAX_COST or
 * that asks a list for more than MAX_FIRST items. Runs at execution time
 * because the cost depends on the variables.
 */
export function useQueryCostLimit(maxCost = MAX_COST): Plugin {
  const check = (args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: Record<string, unknown> | null;
    operationName?: string | null;
  }) => {
    const { cost, problems } = operationCost(
      args.schema,
      args.document,
      args.variableValues,
      args.operationName,
    );
    if (problems.length > 0) {
      const message = `first may be at most ${MAX_FIRST}: ${problems.map((p) => `${p.field} asks ${p.first}`).join(', ')}`;
      return new GraphQLError(message, {
        extensions: {
          ...limitExtensions('first', MAX_FIRST, message, 'first'),
          fields: problems.map((p) => ({
            field: 'first',
            message: `${p.field}: at most ${MAX_FIRST}`,
          })),
        },
      });
    }
    if (cost > maxCost) {
      return limitError(
        'cost',
        maxCost,
        `This query would cost ${cost}, more than the ${maxCost} allowed: ask for smaller pages or fewer nested lists`,
        { cost, maxCost },
      );
    }
    return null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
