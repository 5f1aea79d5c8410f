import type { Plugin } from '@envelop/core';
import { GraphQLError, type ExecutionResult } from 'graphql';

/**
 * graphql-js helps a caller who mistypes: `Did you mean "people"?`, `Did you
 * mean the enum value "NOC"?`. With introspection off, that help would map the
 * schema for an attacker one guess at a time.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}

function hide(error: GraphQLError): GraphQLError {
  const suggests = `${error.message}${JSON.stringify(error.extensions ?? {})}`.includes(
    'Did you mean',
  );
  if (!suggests) return error;
  const extensions = { ...error.extensions };
  if (Array.isArray(extensions.fields)) {
    extensions.fields = (extensions.fields as { field: string; message: string }[]).map((f) => ({
      ...f,
      message: withoutSuggestions(f.message),
    }));
  }
  return new GraphQLError(withoutSuggestions(error.message), {
    nodes: error.nodes,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

function hideInResult(result: ExecutionResult): ExecutionResult | null {
  return result.errors?.length ? { ...result, errors: result.errors.map(hide) } : null;
}

function isStream(result: unknown): result is AsyncIterable<unknown> {
  return typeof result === 'object' && result !== null && Symbol.asyncIterator in result;
}

/**
 * Production: no suggestion naming a field, argument, type or enum value in
 * any error, whether found in validation, in a variable's value or by a
 * subgraph, in a single answer or a subscription's events.
 */
export function useHiddenSuggestions(): Plugin {
  const onResult = (payload: { result: unknown; setResult: (result: ExecutionResult) => void }) => {
    if (isStream(payload.result)) {
      return {
        onNext({
          result,
          setResult,
        }: {
          result: ExecutionResult;
          setResult: (result: ExecutionResult) => void;
        }) {
          const hidden = hideInResult(result);
          if (hidden) setResult(hidden);
        },
      };
    }
    const hidden = hideInResult(payload.result as ExecutionResult);
    if (hidden) payload.setResult(hidden);
    return undefined;
  };
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) {
          setResult(result.map((e: Error) => (e instanceof GraphQLError ? hide(e) : e)));
        }
      };
    },
    onExecute() {
      return { onExecuteDone: onResult };
    },
    onSubscribe() {
      return { onSubscribeResult: onResult };
    },
  };
}
