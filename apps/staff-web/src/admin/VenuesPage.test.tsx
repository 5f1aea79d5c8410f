import { describe, expect, it } from 'vitest';
import { zonesOf } from './VenuesPage';

describe('zones as typed on the venue form', () => {
  it('splits on commas, semicolons and spaces and drops empty ones', () => {
    expect(zonesOf('1, 2 3;;R ')).toEqual(['1', '2', '3', 'R']);
    expect(zonesOf('  ')).toEqual([]);
  });
});
