import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { unwrapResolverError } from '@apollo/server/errors';
import { CLIENT_ERROR_CODES, INTERNAL_ERROR_CODE } from '#libs/common/error-codes.js';

/**
 * Client errors pass through as they are; an unexpected failure reaches the
 * client as INTERNAL_SERVER_ERROR with an id that is in the logs, never with
 * its message, stack trace or SQL.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    logger.error(
      { err: unwrapResolverError(error), errorId, path: formatted.path },
      'unexpected error',
    );
    return {
      message: `Internal error (id ${errorId})`,
      path: formatted.path,
      extensions: { code: INTERNAL_ERROR_CODE, errorId },
    };
  };
}
