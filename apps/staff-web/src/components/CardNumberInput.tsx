import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { cardInputState, type CardInputState } from './cardInput';

interface Props {
  label: string;
  value: string;
  onChange: (value: string, state: CardInputState) => void;
  /** Accept a scanned card code (what a handheld scanner types) as well as a number. */
  allowToken?: boolean;
  autoFocus?: boolean;
  name?: string;
  /** What the server found wrong with this card (marks the field). */
  error?: string;
}

const ICON: Record<CardInputState['kind'], string> = {
  empty: 'ℹ',
  partial: '…',
  invalid: '✖',
  valid: '✔',
  token: '✔',
};

/** A card number field that checks the Damm check digit as it is typed. */
export function CardNumberInput({
  label,
  value,
  onChange,
  allowToken,
  autoFocus,
  name,
  error,
}: Props) {
  const id = useId();
  const state = cardInputState(value, allowToken);
  const messageId = `${id}-message`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        inputMode={allowToken ? 'text' : 'numeric'}
        className="card-input"
        aria-invalid={state.kind === 'invalid' || !!error}
        aria-describedby={error ? `${id}-error ${messageId}` : messageId}
        onChange={(e) => onChange(e.target.value, cardInputState(e.target.value, allowToken))}
      />
      <p id={messageId} className={`hint hint-${state.kind}`} role="status" aria-live="polite">
        <span aria-hidden="true">{ICON[state.kind]} </span>
        <FormattedMessage {...state.text.message} values={state.text.values} />
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">✖ </span>
          {error}
        </p>
      )}
    </div>
  );
}
