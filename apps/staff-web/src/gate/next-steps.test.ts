import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { DENIAL_REASON_ORDER } from '@gate-rules';
import { CATALOGUES } from '../i18n/messages';
import { NEXT_STEP, nextSteps } from './next-steps';
import { REASON_ORDER } from './reasons';

const en = createIntl({ locale: 'en-GB', messages: CATALOGUES.en });
const zh = createIntl({ locale: 'zh-CN', messages: CATALOGUES.zh });

describe('next step after a denial', () => {
  it('has a next step for every reason the gate rules and the contract can give', () => {
    for (const reason of [...DENIAL_REASON_ORDER, ...REASON_ORDER]) {
      expect(NEXT_STEP[reason].defaultMessage, reason).toMatch(/^[A-Z].*\.$/);
    }
    expect(Object.keys(NEXT_STEP).sort()).toEqual([...REASON_ORDER].sort());
  });

  it('says where to send the person for the reasons a gate sees most', () => {
    expect(nextSteps(en, ['ISOLATED'])).toEqual(['Send to the isolation point; do not admit.']);
    expect(nextSteps(en, ['TEST_OVERDUE'])).toEqual(['Send to the testing point.']);
    expect(nextSteps(en, ['NO_VENUE_ACCESS'])).toEqual([
      'Not allowed here: direct to an allowed entrance.',
    ]);
    expect(nextSteps(en, ['INVALID_TOKEN'])).toEqual([
      'Ask for the physical card; call a supervisor.',
    ]);
    for (const r of ['SUSPENDED', 'REVOKED', 'NOT_ACTIVE'] as const) {
      expect(nextSteps(en, [r])[0]).toMatch(/^Send to the accreditation centre/);
    }
  });

  it('puts isolation and testing first and says each step once', () => {
    expect(nextSteps(en, ['NO_ZONE_ACCESS', 'TEST_OVERDUE', 'ISOLATED'])).toEqual([
      'Send to the isolation point; do not admit.',
      'Send to the testing point.',
      'Not allowed in this zone: direct to an allowed entrance.',
    ]);
    expect(nextSteps(en, [])).toEqual([]);
  });

  it('says the steps in the reader’s language, and the fallback for a reason it does not know', () => {
    expect(nextSteps(zh, ['ISOLATED', 'NO_VENUE_ACCESS'])).toEqual([
      '请引导至隔离点；不得放行。',
      '无权由此进入：请引导至有权进入的入口。',
    ]);
    expect(nextSteps(en, ['SOMETHING_NEW' as never])).toEqual(['Do not admit; call a supervisor.']);
  });
});
