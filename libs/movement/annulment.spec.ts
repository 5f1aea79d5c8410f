import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compensationFor, tidyStays } from '#libs/movement/annulment.js';
import { deriveStays, type MovementPoint } from '#libs/movement/stays.js';

const T0 = Date.parse('2022-02-04T08:00:00Z');
let next = 0;
function event(kind: 'ENTRY' | 'EXIT', location: string, minute: number): MovementPoint {
  next += 1;
  const at = new Date(T0 + minute * 60_000);
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    kind,
    location,
    occurredAt: at,
    recordedAt: new Date(at.getTime() + next),
  };
}

/** The log with the compensation appended after everything, as the service records it. */
function compensated(history: MovementPoint[], annulled: MovementPoint): MovementPoint[] {
  const recordedAt = new Date(T0 + 10 * 86_400_000);
  return [
    ...history,
    ...compensationFor(history, annulled).map((c, i) => ({
      id: `ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: c.kind,
      location: c.location,
      occurredAt: annulled.occurredAt,
      recordedAt,
    })),
  ];
}

const staysOf = (events: MovementPoint[]) =>
  tidyStays(deriveStays(events)).map((s) => [
    s.location,
    (s.from.getTime() - T0) / 60_000,
    s.until === null ? null : (s.until.getTime() - T0) / 60_000,
  ]);

describe('undoing a mistaken movement', () => {
  it('takes back an entry of someone who was nowhere', () => {
    const wrong = event('ENTRY', 'GATE', 10);
    assert.deepEqual(compensationFor([wrong], wrong), [{ location: 'GATE', kind: 'EXIT' }]);
    assert.deepEqual(staysOf(compensated([wrong], wrong)), []);
  });

  it('puts someone back where they were before a mistaken entry elsewhere', () => {
    const hotel = event('ENTRY', 'HOTEL', 0);
    const wrong = event('ENTRY', 'GATE', 10);
    const history = [hotel, wrong];
    assert.deepEqual(compensationFor(history, wrong), [
      { location: 'GATE', kind: 'EXIT' },
      { location: 'HOTEL', kind: 'ENTRY' },
    ]);
    assert.deepEqual(staysOf(compensated(history, wrong)), [['HOTEL', 0, null]]);
  });

  it('reopens the stay a mistaken exit closed, and later moves still count', () => {
    const hotel = event('ENTRY', 'HOTEL', 0);
    const wrong = event('EXIT', 'HOTEL', 30);
    const bus = event('ENTRY', 'BUS', 90);
    const history = [hotel, wrong, bus];
    assert.deepEqual(compensationFor(history, wrong), [{ location: 'HOTEL', kind: 'ENTRY' }]);
    assert.deepEqual(staysOf(compensated(history, wrong)), [
      ['HOTEL', 0, 90],
      ['BUS', 90, null],
    ]);
  });

  it('changes nothing for a scan that changed nothing (a double entry, an exit from elsewhere)', () => {
    const hotel = event('ENTRY', 'HOTEL', 0);
    const again = event('ENTRY', 'HOTEL', 5);
    const stray = event('EXIT', 'GATE', 6);
    assert.deepEqual(compensationFor([hotel, again, stray], again), []);
    assert.deepEqual(compensationFor([hotel, again, stray], stray), []);
  });

  it('undoes an entry that arrived late, before events recorded earlier', () => {
    const hotel = event('ENTRY', 'HOTEL', 0);
    const dining = event('ENTRY', 'DINING', 60);
    const late = event('ENTRY', 'GATE', 30);
    const history = [hotel, dining, late];
    assert.deepEqual(staysOf(compensated(history, late)), [
      ['HOTEL', 0, 60],
      ['DINING', 60, null],
    ]);
  });
});

describe('stays as a person reads them', () => {
  it('leaves out stays of no length and joins stays at one place that meet', () => {
    const at = (m: number) => new Date(T0 + m * 60_000);
    assert.deepEqual(
      tidyStays([
        { location: 'A', from: at(0), until: at(10) },
        { location: 'B', from: at(10), until: at(10) },
        { location: 'A', from: at(10), until: at(20) },
        { location: 'A', from: at(25), until: null },
      ]),
      [
        { location: 'A', from: at(0), until: at(20) },
        { location: 'A', from: at(25), until: null },
      ],
    );
  });
});
