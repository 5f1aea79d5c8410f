import type { Plugin } from '@envelop/core';
import { GraphQLError } from 'graphql';

/**
 * Gives every error the gateway itself raises a code, as the partner
 * contract promises: a variable that does not fit its type is BAD_USER_INPUT
 * naming the field (`Variable "$input" got invalid value ... at "input.email"`
 * becomes field `email`), anything else found before execution is
 * GRAPHQL_VALIDATION_FAILED.
 */
export function withClientCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  const variable = /^Variable "\$(\w+)"/.exec(error.message);
  if (variable) {
    const at = /at "([^"]+)"/.exec(error.message)?.[1];
    const field = at ? at.split('.').slice(1).join('.') || at : variable[1];
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      extensions: {
        ...error.extensions,
        code: 'BAD_USER_INPUT',
        fields: [{ field, message: error.message }],
      },
    });
  }
  if (!error.path) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  }
  return error;
}

export function useClientErrorCodes(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) {
          setResult(result.map((e: Error) => (e instanceof GraphQLError ? withClientCode(e) : e)));
        }
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if ('errors' in result && result.errors?.length) {
            setResult({ ...result, errors: result.errors.map(withClientCode) });
          }
        },
      };
    },
  };
}
