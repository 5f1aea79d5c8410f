import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sliceEnd } from '#apps/accreditation/imports/csv-records.js';

describe('the slices of a CSV', () => {
  it('ends a slice only at a line break outside quotes', () => {
    const text = 'a,"x\ny"\nb,"say ""hi""\n"\nc\n';
    assert.equal(sliceEnd(text, 0, 0), 8); // past 'a,"x\ny"\n', not inside "x\ny"
    assert.equal(sliceEnd(text, 8, 0), 24); // the doubled quotes counted, the break in the cell skipped
    assert.equal(sliceEnd(text, 24, 0), text.length);
    assert.equal(sliceEnd(text, 0, text.length), text.length);
    assert.equal(sliceEnd('a,"never closed\nb\n', 0, 0), 'a,"never closed\nb\n'.length);
  });
});
