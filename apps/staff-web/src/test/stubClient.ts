import { Client, getOperationName, makeErrorResult, makeResult, type Exchange } from 'urql';
import { filter, fromPromise, mergeMap, pipe } from 'wonka';
import type { GraphQLFormattedError } from 'graphql';

export type StubAnswer =
  { data: unknown } | { errors: GraphQLFormattedError[] } | { networkError: true };

export type StubHandler = (variables: Record<string, unknown>) => StubAnswer | Promise<StubAnswer>;

export interface StubCall {
  operation: string;
  variables: Record<string, unknown>;
}

/**
 * A real urql Client whose only exchange answers each operation by name:
 * the network is the only thing replaced.
 */
export function stubClient(handlers: Record<string, StubHandler>): {
  client: Client;
  calls: StubCall[];
} {
  const calls: StubCall[] = [];
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        const name = getOperationName(op.query) ?? '';
        const variables = (op.variables ?? {}) as Record<string, unknown>;
        calls.push({ operation: name, variables });
        const handler = handlers[name];
        const answer: Promise<StubAnswer> = handler
          ? Promise.resolve(handler(variables))
          : Promise.resolve({ errors: [{ message: `no stub for ${name}` }] });
        return fromPromise(
          answer.then((a) => {
            if ('networkError' in a) return makeErrorResult(op, new TypeError('Failed to fetch'));
            return makeResult(
              op,
              'data' in a ? { data: a.data as Record<string, unknown> } : { errors: a.errors },
            );
          }),
        );
      }),
    );
  return { client: new Client({ url: '/graphql', exchanges: [exchange] }), calls };
}

export function badInput(fields: { field: string; message: string }[]): StubAnswer {
  return {
    errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fields } }],
  };
}
