/**
 * Card numbers are a serial followed by one Damm check digit. Damm catches
 * every single-digit typo and every swap of two adjacent digits, the two
 * mistakes people make typing a number at a gate; it needs no letters, so the
 * number stays easy to key in on a numeric pad.
 */
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** Length of a card number: a 7-digit serial and its check digit. */
export const CARD_NUMBER_LENGTH = 8;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    interim = DAMM_TABLE[interim][ch.charCodeAt(0) - 48];
  }
  return interim;
}

/** The check digit to append to a string of decimal digits. */
export function checkDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error('check digit needs decimal digits');
  return String(dammInterim(digits));
}

/** The card number for a serial (a positive integer below 10^7). */
export function cardNumberFor(serial: number): string {
  const body = String(serial).padStart(CARD_NUMBER_LENGTH - 1, '0');
  if (!Number.isInteger(serial) || serial <= 0 || body.length !== CARD_NUMBER_LENGTH - 1) {
    throw new Error(`card serial out of range: ${serial}`);
  }
  return body + checkDigit(body);
}

/** Removes the spaces and dashes people type between groups of digits. */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** True when the input is a well-formed card number whose check digit matches. */
export function isValidCardNumber(input: string): boolean {
  const value = normaliseCardNumber(input);
  return new RegExp(`^\\d{${CARD_NUMBER_LENGTH}}$`).test(value) && dammInterim(value) === 0;
}
