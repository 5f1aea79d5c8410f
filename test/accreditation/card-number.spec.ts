import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CARD_NUMBER_LENGTH,
  cardNumberFor,
  checkDigit,
  isValidCardNumber,
  normaliseCardNumber,
} from '#libs/accreditation/card-number.js';

const serial = fc.integer({ min: 1, max: 9_999_999 });

describe('card numbers and their Damm check digit', () => {
  it('matches known Damm check digits', () => {
    // The textbook example: 572 -> 4 (Damm 2004; Wikipedia "Damm algorithm").
    assert.equal(checkDigit('572'), '4');
    assert.equal(checkDigit('0'), '0');
    assert.equal(cardNumberFor(1000001), `1000001${checkDigit('1000001')}`);
  });

  it('gives every serial a valid number of fixed length', () => {
    fc.assert(
      fc.property(serial, (s) => {
        const number = cardNumberFor(s);
        return number.length === CARD_NUMBER_LENGTH && isValidCardNumber(number);
      }),
    );
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(
        serial,
        fc.nat(CARD_NUMBER_LENGTH - 1),
        fc.integer({ min: 1, max: 9 }),
        (s, position, delta) => {
          const number = cardNumberFor(s);
          const typed =
            number.slice(0, position) +
            String((Number(number[position]) + delta) % 10) +
            number.slice(position + 1);
          return !isValidCardNumber(typed);
        },
      ),
    );
  });

  it('catches every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(serial, fc.nat(CARD_NUMBER_LENGTH - 2), (s, position) => {
        const number = cardNumberFor(s);
        fc.pre(number[position] !== number[position + 1]);
        const swapped =
          number.slice(0, position) +
          number[position + 1] +
          number[position] +
          number.slice(position + 2);
        return !isValidCardNumber(swapped);
      }),
    );
  });

  it('accepts the spaces and dashes people type, refuses anything else', () => {
    const number = cardNumberFor(1234567);
    assert.equal(isValidCardNumber(`${number.slice(0, 4)} ${number.slice(4)}`), true);
    assert.equal(isValidCardNumber(`${number.slice(0, 4)}-${number.slice(4)}`), true);
    assert.equal(normaliseCardNumber(' 12-34 56 '), '123456');
    assert.equal(isValidCardNumber(number.slice(1)), false);
    assert.equal(isValidCardNumber(`${number}0`), false);
    assert.equal(isValidCardNumber('abcdefgh'), false);
  });

  it('refuses serials it cannot print', () => {
    for (const bad of [0, -1, 1.5, 10_000_000]) assert.throws(() => cardNumberFor(bad));
    assert.throws(() => checkDigit('12a'));
  });
});
