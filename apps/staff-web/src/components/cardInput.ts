import { CARD_NUMBER_LENGTH, isValidCardNumber, normaliseCardNumber } from '@card-number';
import { looksLikeToken } from '../gate/offline';

export type CardInputKind = 'empty' | 'partial' | 'invalid' | 'valid' | 'token';

export interface CardInputState {
  kind: CardInputKind;
  message: string;
  /** The card number without spaces or dashes, when kind is valid. */
  cardNumber?: string;
}

/** What the officer typed, judged as they type it. */
export function cardInputState(raw: string, allowToken = false): CardInputState {
  const trimmed = raw.trim();
  if (trimmed === '') {
    return { kind: 'empty', message: `${CARD_NUMBER_LENGTH} digits, as printed on the card.` };
  }
  if (allowToken && looksLikeToken(trimmed)) {
    return { kind: 'token', message: 'Card code scanned.' };
  }
  const value = normaliseCardNumber(trimmed);
  if (!/^\d*$/.test(value)) {
    return {
      kind: 'invalid',
      message: `Only digits, please: a card number is ${CARD_NUMBER_LENGTH} digits.`,
    };
  }
  if (value.length < CARD_NUMBER_LENGTH) {
    return { kind: 'partial', message: `${value.length} of ${CARD_NUMBER_LENGTH} digits.` };
  }
  if (value.length > CARD_NUMBER_LENGTH) {
    return {
      kind: 'invalid',
      message: `Too many digits: a card number is ${CARD_NUMBER_LENGTH} digits.`,
    };
  }
  if (!isValidCardNumber(value)) {
    return {
      kind: 'invalid',
      message: 'Check digit does not match: a digit is mistyped or two digits are swapped.',
    };
  }
  return { kind: 'valid', message: 'Check digit correct.', cardNumber: value };
}
