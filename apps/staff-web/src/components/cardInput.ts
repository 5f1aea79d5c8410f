import type { MessageDescriptor } from 'react-intl';
import { defineMessages } from '../i18n/define';
import { CARD_NUMBER_LENGTH, isValidCardNumber, normaliseCardNumber } from '@card-number';
import { looksLikeToken } from '../gate/offline';

export type CardInputKind = 'empty' | 'partial' | 'invalid' | 'valid' | 'token';

export interface CardInputState {
  kind: CardInputKind;
  /** What the field says of the input, in the language of the screens. */
  text: { message: MessageDescriptor; values: { length: number; typed: number } };
  /** The card number without spaces or dashes, when kind is valid. */
  cardNumber?: string;
}

const TEXT = defineMessages({
  empty: { id: 'cardInput.empty', defaultMessage: '{length} digits, as printed on the card.' },
  token: { id: 'cardInput.token', defaultMessage: 'Card code scanned.' },
  notDigits: {
    id: 'cardInput.notDigits',
    defaultMessage: 'Only digits, please: a card number is {length} digits.',
  },
  partial: { id: 'cardInput.partial', defaultMessage: '{typed} of {length} digits.' },
  tooMany: {
    id: 'cardInput.tooMany',
    defaultMessage: 'Too many digits: a card number is {length} digits.',
  },
  checkDigit: {
    id: 'cardInput.checkDigit',
    defaultMessage: 'Check digit does not match: a digit is mistyped or two digits are swapped.',
  },
  valid: { id: 'cardInput.valid', defaultMessage: 'Check digit correct.' },
});

/** What the officer typed, judged as they type it. */
export function cardInputState(raw: string, allowToken = false): CardInputState {
  const state = judge(raw, allowToken);
  const typed = normaliseCardNumber(raw.trim()).length;
  return {
    ...state,
    text: { message: TEXT[state.textKey], values: { length: CARD_NUMBER_LENGTH, typed } },
  };
}

function judge(
  raw: string,
  allowToken: boolean,
): Omit<CardInputState, 'text'> & { textKey: keyof typeof TEXT } {
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'empty', textKey: 'empty' };
  if (allowToken && looksLikeToken(trimmed)) return { kind: 'token', textKey: 'token' };
  const value = normaliseCardNumber(trimmed);
  if (!/^\d*$/.test(value)) return { kind: 'invalid', textKey: 'notDigits' };
  if (value.length < CARD_NUMBER_LENGTH) return { kind: 'partial', textKey: 'partial' };
  if (value.length > CARD_NUMBER_LENGTH) return { kind: 'invalid', textKey: 'tooMany' };
  if (!isValidCardNumber(value)) return { kind: 'invalid', textKey: 'checkDigit' };
  return { kind: 'valid', textKey: 'valid', cardNumber: value };
}
