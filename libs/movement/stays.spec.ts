import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deriveStays,
  staysWithin,
  type MovementPoint,
  type StayInterval,
} from '#libs/movement/stays.js';

let counter = 0;
function ev(kind: 'ENTRY' | 'EXIT', location: string, hhmm: string, recorded = 0): MovementPoint {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    kind,
    location,
    occurredAt: new Date(`2022-02-01T${hhmm}:00Z`),
    recordedAt: new Date(Date.UTC(2022, 1, 2) + recorded),
  };
}

const show = (stays: StayInterval[]) =>
  stays.map(
    (s) =>
      `${s.location} ${s.from.toISOString().slice(11, 16)}-${s.until?.toISOString().slice(11, 16) ?? 'open'}`,
  );

void describe('stays', () => {
  void it('ends a stay at the EXIT from there', () => {
    assert.deepEqual(show(deriveStays([ev('ENTRY', 'A', '08:00'), ev('EXIT', 'A', '09:00')])), [
      'A 08:00-09:00',
    ]);
  });

  void it("ends a stay at the person's next ENTRY elsewhere, whichever comes first", () => {
    const events = [ev('ENTRY', 'A', '08:00'), ev('ENTRY', 'B', '08:30'), ev('EXIT', 'A', '09:00')];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-08:30', 'B 08:30-open']);
  });

  void it('leaves the last stay open', () => {
    assert.deepEqual(show(deriveStays([ev('ENTRY', 'A', '08:00')])), ['A 08:00-open']);
  });

  void it('orders by occurredAt, whatever order events arrived in', () => {
    const events = [ev('EXIT', 'A', '10:00'), ev('ENTRY', 'B', '11:00'), ev('ENTRY', 'A', '08:00')];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-10:00', 'B 11:00-open']);
    assert.deepEqual(show(deriveStays([...events].reverse())), ['A 08:00-10:00', 'B 11:00-open']);
  });

  void it('treats a second ENTRY at the same place as the same stay (a double scan)', () => {
    const events = [ev('ENTRY', 'A', '08:00'), ev('ENTRY', 'A', '08:05'), ev('EXIT', 'A', '09:00')];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-09:00']);
  });

  void it('ignores an EXIT from a place the person is not in, and an EXIT with no ENTRY', () => {
    const events = [
      ev('EXIT', 'Z', '07:00'),
      ev('ENTRY', 'A', '08:00'),
      ev('EXIT', 'B', '08:30'),
      ev('EXIT', 'A', '09:00'),
      ev('EXIT', 'A', '09:30'),
    ];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-09:00']);
  });

  void it('re-enters after an exit as a new stay', () => {
    const events = [ev('ENTRY', 'A', '08:00'), ev('EXIT', 'A', '09:00'), ev('ENTRY', 'A', '10:00')];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-09:00', 'A 10:00-open']);
  });

  void it('breaks ties at one instant by recording order', () => {
    const exit = ev('EXIT', 'A', '09:00', 1);
    const entry = ev('ENTRY', 'A', '09:00', 2);
    const events = [entry, exit, ev('ENTRY', 'A', '08:00')];
    assert.deepEqual(show(deriveStays(events)), ['A 08:00-09:00', 'A 09:00-open']);
  });

  void it('keeps the stays that overlap a window, unclipped', () => {
    const stays = deriveStays([
      ev('ENTRY', 'A', '06:00'),
      ev('ENTRY', 'B', '08:00'),
      ev('ENTRY', 'C', '10:00'),
      ev('ENTRY', 'D', '12:00'),
    ]);
    const within = staysWithin(
      stays,
      new Date('2022-02-01T07:00:00Z'),
      new Date('2022-02-01T10:00:00Z'),
    );
    assert.deepEqual(show(within), ['A 06:00-08:00', 'B 08:00-10:00']);
  });
});
