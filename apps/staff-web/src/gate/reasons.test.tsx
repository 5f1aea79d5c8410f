import { describe, expect, it } from 'vitest';
import { REASON_ORDER, REASON_TEXT, reasonText } from './reasons';

describe('denial reason wording', () => {
  it('has one distinct plain sentence for every reason in the contract', () => {
    expect(Object.keys(REASON_TEXT).sort()).toEqual([...REASON_ORDER].sort());
    const sentences = REASON_ORDER.map(reasonText);
    expect(new Set(sentences).size).toBe(REASON_ORDER.length);
    for (const s of sentences) {
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s).not.toMatch(/_/);
    }
  });

  it('words the reasons a gate officer sees most', () => {
    expect(reasonText('SUSPENDED')).toBe('The accreditation is suspended.');
    expect(reasonText('NO_ZONE_ACCESS')).toBe('The card does not give access to this zone.');
    expect(reasonText('SUPERSEDED_TOKEN')).toMatch(/replaced by a newer card/);
  });
});
