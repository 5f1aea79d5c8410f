import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contactTraceProblems,
  MAX_CONTACT_MIN_MINUTES,
  windowProblems,
} from '#libs/movement/query-window.js';

const PERSON = '0b9f7c1e-3a52-4f4e-9d7a-4a1c2b3d4e5f';
const from = new Date('2026-02-01T00:00:00Z');
const days = (n: number) => new Date(from.getTime() + n * 86_400_000);
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('a contact trace’s arguments', () => {
  it('accept a month’s window and any minimum from 0 to the whole window', () => {
    for (const minMinutes of [0, 15, 1441, MAX_CONTACT_MIN_MINUTES]) {
      assert.deepEqual(
        contactTraceProblems({ personId: PERSON, from, to: days(31), minMinutes }),
        [],
      );
    }
  });

  it('name each problem at its field', () => {
    assert.deepEqual(
      fields(contactTraceProblems({ personId: 'nobody', from, to: days(32), minMinutes: -1 })),
      ['personId', 'to', 'minMinutes'],
    );
    assert.deepEqual(
      fields(
        contactTraceProblems({
          personId: PERSON,
          from,
          to: from,
          minMinutes: MAX_CONTACT_MIN_MINUTES + 1,
        }),
      ),
      ['to', 'minMinutes'],
    );
    assert.deepEqual(
      fields(contactTraceProblems({ personId: PERSON, from, to: days(1), minMinutes: 1.5 })),
      ['minMinutes'],
    );
  });

  it('accept the first contacts only from one contact on, or all of them', () => {
    const trace = { personId: PERSON, from, to: days(7), minMinutes: 15 };
    for (const first of [undefined, null, 1, 100_000]) {
      assert.deepEqual(contactTraceProblems({ ...trace, first }), []);
    }
    for (const first of [0, -1, 2.5]) {
      assert.deepEqual(fields(contactTraceProblems({ ...trace, first })), ['first']);
    }
  });

  it('refuse a window that is not two instants in order', () => {
    assert.deepEqual(fields(windowProblems(new Date(NaN), days(1), 31)), ['from']);
    assert.deepEqual(fields(windowProblems(from, 'tomorrow', 31)), ['to']);
    assert.deepEqual(fields(windowProblems(days(2), days(1), 31)), ['to']);
  });
});
