import { describe, expect, it } from 'vitest';
import { DENIAL_REASON_ORDER } from '@gate-rules';
import { NEXT_STEP, nextSteps } from './next-steps';
import { REASON_ORDER } from './reasons';

describe('next step after a denial', () => {
  it('has a next step for every reason the gate rules and the contract can give', () => {
    for (const reason of [...DENIAL_REASON_ORDER, ...REASON_ORDER]) {
      expect(NEXT_STEP[reason], reason).toMatch(/^[A-Z].*\.$/);
    }
    expect(Object.keys(NEXT_STEP).sort()).toEqual([...REASON_ORDER].sort());
  });

  it('says where to send the person for the reasons a gate sees most', () => {
    expect(nextSteps(['ISOLATED'])).toEqual(['Send to the isolation point; do not admit.']);
    expect(nextSteps(['TEST_OVERDUE'])).toEqual(['Send to the testing point.']);
    expect(nextSteps(['NO_VENUE_ACCESS'])).toEqual([
      'Not allowed here: direct to an allowed entrance.',
    ]);
    expect(nextSteps(['INVALID_TOKEN'])).toEqual(['Ask for the physical card; call a supervisor.']);
    for (const r of ['SUSPENDED', 'REVOKED', 'NOT_ACTIVE'] as const) {
      expect(nextSteps([r])[0]).toMatch(/^Send to the accreditation centre/);
    }
  });

  it('puts isolation and testing first and says each step once', () => {
    expect(nextSteps(['NO_ZONE_ACCESS', 'TEST_OVERDUE', 'ISOLATED'])).toEqual([
      'Send to the isolation point; do not admit.',
      'Send to the testing point.',
      'Not allowed in this zone: direct to an allowed entrance.',
    ]);
    expect(nextSteps([])).toEqual([]);
  });
});
