/**
 * The error codes of the partner contract: the one list the services, the
 * gateway and the staff client share (the client imports this file through
 * its `@error-codes` alias, so it must stay free of imports).
 */

/** What a caller did that we refuse, each with a plain message. */
export const DOMAIN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
] as const;

/** Codes GraphQL servers give a request that could not run: also the caller's doing. */
export const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

/** Our own failure: its message is masked, its id is in the logs. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];
export type ErrorCode = DomainErrorCode | typeof INTERNAL_ERROR_CODE;

/** Codes that describe the caller's request and pass through to it as they are. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ...DOMAIN_ERROR_CODES,
  ...REQUEST_ERROR_CODES,
]);

/** One field's problem, as BAD_USER_INPUT lists them in `extensions.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}
