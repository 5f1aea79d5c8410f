import type { IntlShape } from 'react-intl';
import { defineMessages } from '../i18n/define';
import type { CombinedError } from 'urql';
import type { FieldProblem } from '@error-codes';

export type { FieldProblem } from '@error-codes';

export function errorCodes(error: CombinedError | undefined | null): string[] {
  if (!error) return [];
  return error.graphQLErrors.map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' ? code : 'UNKNOWN';
  });
}

/** True when the gateway could not be reached at all (offline, refused, timed out). */
export function isNetworkError(error: CombinedError | undefined | null): boolean {
  return !!error?.networkError && error.graphQLErrors.length === 0;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.message === 'string';
}

/**
 * The per-field problems of a BAD_USER_INPUT error, keyed by input path
 * (`givenName`, `accreditation.validUntil`); a leading `input.` is dropped.
 */
export function fieldErrors(error: CombinedError | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error) return out;
  for (const e of error.graphQLErrors) {
    const fields = e.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const f of fields) {
      if (!isFieldProblem(f)) continue;
      const key = f.field.replace(/^input\./, '');
      out[key] = out[key] ? `${out[key]}; ${f.message}` : f.message;
    }
  }
  return out;
}

const ERROR_TEXT = defineMessages({
  network: {
    id: 'error.network',
    defaultMessage: 'The server cannot be reached. Check the connection and try again.',
  },
  unauthenticated: {
    id: 'error.unauthenticated',
    defaultMessage: 'Your session has ended. Please sign in again.',
  },
  forbidden: {
    id: 'error.forbidden',
    defaultMessage: 'You are not allowed to do this. ({message})',
  },
  notFound: { id: 'error.notFound', defaultMessage: 'Not found: {message}' },
  conflict: { id: 'error.conflict', defaultMessage: 'Not possible now: {message}' },
  downstream: {
    id: 'error.downstream',
    defaultMessage:
      'A service did not answer, so this may or may not have been done. Check before trying again. ({message})',
  },
  badInput: { id: 'error.badInput', defaultMessage: 'Please correct the input: {message}' },
});

/**
 * A sentence for the person at the desk, whatever went wrong, in the language of the
 * screens. The server's own explanation (`message`) is quoted as it came.
 */
export function describeErrorIn(intl: IntlShape, error: CombinedError | undefined | null): string {
  if (!error) return '';
  if (isNetworkError(error)) return intl.formatMessage(ERROR_TEXT.network);
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const message = first?.message ?? error.message;
  switch (code) {
    case 'UNAUTHENTICATED':
      return intl.formatMessage(ERROR_TEXT.unauthenticated);
    case 'FORBIDDEN':
      return intl.formatMessage(ERROR_TEXT.forbidden, { message });
    case 'NOT_FOUND':
      return intl.formatMessage(ERROR_TEXT.notFound, { message });
    case 'CONFLICT':
      return intl.formatMessage(ERROR_TEXT.conflict, { message });
    case 'BAD_USER_INPUT':
      return intl.formatMessage(ERROR_TEXT.badInput, { message });
    // The gateway lost a service's answer: a change may have been made or not.
    case 'DOWNSTREAM_SERVICE_ERROR':
      return intl.formatMessage(ERROR_TEXT.downstream, { message });
    default:
      return message;
  }
}
