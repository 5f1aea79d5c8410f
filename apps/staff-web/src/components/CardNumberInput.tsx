import { useId } from 'react';
import { cardInputState, type CardInputState } from './cardInput';

interface Props {
  label: string;
  value: string;
  onChange: (value: string, state: CardInputState) => void;
  /** Accept a scanned card code (what a handheld scanner types) as well as a number. */
  allowToken?: boolean;
  autoFocus?: boolean;
  name?: string;
}

const ICON: Record<CardInputState['kind'], string> = {
  empty: 'ℹ',
  partial: '…',
  invalid: '✖',
  valid: '✔',
  token: '✔',
};

/** A card number field that checks the Damm check digit as it is typed. */
export function CardNumberInput({ label, value, onChange, allowToken, autoFocus, name }: Props) {
  const id = useId();
  const state = cardInputState(value, allowToken);
  const messageId = `${id}-message`;
  return (
    <div className="field">
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
        aria-invalid={state.kind === 'invalid'}
        aria-describedby={messageId}
        onChange={(e) => onChange(e.target.value, cardInputState(e.target.value, allowToken))}
      />
      <p id={messageId} className={`hint hint-${state.kind}`} role="status" aria-live="polite">
        <span aria-hidden="true">{ICON[state.kind]} </span>
        {state.message}
      </p>
    </div>
  );
}
