import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import type { CardRecord } from '#libs/accreditation/card-lookup.js';
import { arrivalReasons } from '#apps/inspection/arrivals/arrivals.service.js';
import { DenialReason as R } from '#apps/inspection/check-ins/check-in.type.js';

const NOW = new Date('2022-01-23T08:00:00Z');
const card = (overrides: Partial<CardRecord> = {}): CardRecord => ({
  accreditationId: 'a',
  personId: 'p',
  organisationId: 'o',
  cardNumber: '1',
  status: AccreditationStatus.APPROVED,
  validFrom: new Date(NOW.getTime() - 1),
  validUntil: new Date(NOW.getTime() + 1),
  venues: ['*'],
  zones: ['*'],
  tokenVersion: 1,
  documentNumber: 'E12345678',
  ...overrides,
});

describe('the arrival rules', () => {
  it('admits an APPROVED or ACTIVE card with its document, within validity; the document is matched without case or padding', () => {
    assert.deepEqual(arrivalReasons(card(), 'E12345678', NOW), []);
    assert.deepEqual(
      arrivalReasons(card({ status: AccreditationStatus.ACTIVE }), ' e12345678 ', NOW),
      [],
    );
  });

  it('denies each rule alone', () => {
    assert.deepEqual(arrivalReasons(null, 'E12345678', NOW), [R.UNKNOWN_CARD]);
    assert.deepEqual(arrivalReasons(card(), 'E00000000', NOW), [R.DOCUMENT_MISMATCH]);
    assert.deepEqual(
      arrivalReasons(card({ status: AccreditationStatus.SUBMITTED }), 'E12345678', NOW),
      [R.NOT_APPROVED],
    );
    assert.deepEqual(
      arrivalReasons(card({ status: AccreditationStatus.SUSPENDED }), 'E12345678', NOW),
      [R.SUSPENDED],
    );
    assert.deepEqual(
      arrivalReasons(card({ status: AccreditationStatus.REVOKED }), 'E12345678', NOW),
      [R.REVOKED],
    );
    assert.deepEqual(
      arrivalReasons(card({ validUntil: new Date(NOW.getTime() - 1) }), 'E12345678', NOW),
      [R.OUTSIDE_VALIDITY],
    );
    assert.deepEqual(
      arrivalReasons(card({ validFrom: new Date(NOW.getTime() + 1) }), 'E12345678', NOW),
      [R.OUTSIDE_VALIDITY],
    );
  });

  it('reports every rule that applies, in the enum order', () => {
    const bad = card({
      status: AccreditationStatus.REVOKED,
      validUntil: new Date(NOW.getTime() - 1),
    });
    assert.deepEqual(arrivalReasons(bad, 'X1', NOW), [
      R.DOCUMENT_MISMATCH,
      R.REVOKED,
      R.OUTSIDE_VALIDITY,
    ]);
  });
});
