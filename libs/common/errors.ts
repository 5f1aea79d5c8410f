import { GraphQLError } from 'graphql';

import type { ErrorCode, FieldProblem } from '#libs/common/error-codes.js';

export type { ErrorCode, FieldProblem } from '#libs/common/error-codes.js';

/** A domain failure that reaches the client as a GraphQL error with its code. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** A key as an error message may quote it: a client's 100,000-character "id" is not echoed. */
export function quoted(key: string, max = 80): string {
  return key.length > max ? `${key.slice(0, max)}… (${key.length} characters)` : key;
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super('NOT_FOUND', `${what} ${quoted(String(key))} was not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first: send Authorization: Bearer <token>') {
    super('UNAUTHENTICATED', message);
  }
}

export class BadUserInputError extends DomainError {
  constructor(fields: FieldProblem[], message?: string) {
    super(
      'BAD_USER_INPUT',
      message ?? `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      { fields },
    );
  }
}
