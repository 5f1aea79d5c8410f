import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createErrorFormatter } from '#libs/graphql/format-error.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'error' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('the error formatter', () => {
  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with an id that is in the logs', () => {
    const { logger, lines } = capturingLogger();
    const format = createErrorFormatter(logger);
    const failure = new Error(
      'duplicate key value violates unique constraint "x" in SELECT * FROM secret',
    );
    const formatted = format(
      {
        message: failure.message,
        path: ['registerPerson'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      failure,
    );
    assert.equal(formatted.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(JSON.stringify(formatted), /SELECT|duplicate|stacktrace/);
    const errorId = formatted.extensions?.errorId as string;
    assert.match(errorId, /^[0-9a-f-]{36}$/);
    assert.equal(lines[0].errorId, errorId);
  });

  it('passes client errors through with their code, without a stack trace', () => {
    const { logger, lines } = capturingLogger();
    const error = new GraphQLError('Accreditation x was not found', {
      extensions: { code: 'NOT_FOUND' },
    });
    const formatted = createErrorFormatter(logger)(
      { message: error.message, extensions: { code: 'NOT_FOUND', stacktrace: ['at y'] } },
      error,
    );
    assert.deepEqual(formatted, { message: error.message, extensions: { code: 'NOT_FOUND' } });
    assert.equal(lines.length, 0);
  });
});
