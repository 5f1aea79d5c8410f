import { GraphQLError } from 'graphql';

/** The limits the gateway puts on a request before anything runs. */
export type RequestLimit =
  'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'first' | 'body';

export interface LimitExtensions {
  code: 'BAD_USER_INPUT';
  limit: RequestLimit;
  max: number;
  fields: { field: string; message: string }[];
  [key: string]: unknown;
}

/**
 * Every limit refusal has the same shape, as the partner contract asks of
 * BAD_USER_INPUT: which limit, its maximum, and the part of the request at fault.
 */
export function limitExtensions(
  limit: RequestLimit,
  max: number,
  message: string,
  field: 'query' | 'body' | 'first' = limit === 'body' ? 'body' : 'query',
): LimitExtensions {
  return { code: 'BAD_USER_INPUT', limit, max, fields: [{ field, message }] };
}

export function limitError(
  limit: RequestLimit,
  max: number,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...limitExtensions(limit, max, message), ...extra },
  });
}
