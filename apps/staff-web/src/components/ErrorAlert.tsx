import type { CombinedError } from 'urql';
import { useIntl } from 'react-intl';
import { describeErrorIn } from '../api/errors';

/** An error in words, announced to screen readers. */
export function ErrorAlert({ error, text }: { error?: CombinedError | null; text?: string }) {
  const intl = useIntl();
  const message = text ?? describeErrorIn(intl, error);
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
