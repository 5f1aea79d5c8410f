import type { CombinedError } from 'urql';
import { describeError } from '../api/errors';

/** An error in words, announced to screen readers. */
export function ErrorAlert({ error, text }: { error?: CombinedError | null; text?: string }) {
  const message = text ?? describeError(error);
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
