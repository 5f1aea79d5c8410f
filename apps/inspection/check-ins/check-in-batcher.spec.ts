import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import {
  CheckInBatcher,
  type RecordedScan,
  type ScanToRecord,
} from '#apps/inspection/check-ins/check-in-batcher.js';
import { Direction } from '#apps/inspection/check-ins/check-in.type.js';
import type { InspectionConfig } from '#apps/inspection/inspection.config.js';

/** A database that answers each call when told to, recording what each call held. */
class FakeDatabase {
  readonly calls: { ids: string[]; answer(rows: object[] | Error): void }[] = [];
  query(_sql: string, parameters: unknown[]): Promise<object[]> {
    return new Promise((resolve, reject) => {
      this.calls.push({
        ids: parameters[0] as string[],
        answer: (rows) => (rows instanceof Error ? reject(rows) : resolve(rows)),
      });
    });
  }
  /** Answers call `n`: every scan recorded, except those in `retry`. */
  answer(n: number, retry: string[] = []) {
    const call = this.calls[n];
    call.answer(
      call.ids.map((id, i) => ({
        ord: i + 1,
        id,
        outcome: retry.includes(id) ? 'retry' : 'recorded',
      })),
    );
  }
}

const scan = (id: string, cardNumber: string): ScanToRecord => ({
  id,
  areaCode: 'G1',
  direction: Direction.IN,
  cardNumber,
  tokenState: 'none',
  tokenVersion: null,
  scope: null,
  scannedAt: new Date(0),
  deviceId: null,
  deviceDecision: null,
  fingerprint: id,
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

function batcher(most = 50) {
  const db = new FakeDatabase();
  const b = new CheckInBatcher(
    db as unknown as DataSource,
    {
      CHECK_IN_BATCH: most,
    } as InspectionConfig,
  );
  return { db, b };
}

describe('check-ins grouped into one call', () => {
  it('sends at once when little is in flight, then groups what waits, one scan per card', async () => {
    const { db, b } = batcher();
    const answers: Promise<RecordedScan>[] = [];
    for (const [id, card] of [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '3'],
      ['e', '4'],
    ]) {
      answers.push(b.record(scan(id, card)));
    }
    await settle();
    // Two calls in flight at once, each of one scan; the rest wait.
    assert.deepEqual(
      db.calls.map((c) => c.ids),
      [['a'], ['b']],
    );
    db.answer(0);
    await settle();
    // c and e together (by card number); d, a second scan of card 3, waits for the next.
    assert.deepEqual(db.calls[2].ids, ['c', 'e']);
    db.answer(1);
    await settle();
    assert.deepEqual(db.calls[3].ids, ['d']);
    db.answer(2);
    db.answer(3);
    assert.deepEqual(
      (await Promise.all(answers)).map((r) => r.id),
      ['a', 'b', 'c', 'd', 'e'],
    );
  });

  it('sends a scan answered retry again in the next call', async () => {
    const { db, b } = batcher();
    const first = b.record(scan('a', '1'));
    const second = b.record(scan('b', '2'));
    const waiting = [b.record(scan('c', '3')), b.record(scan('d', '4'))];
    await settle();
    db.answer(0);
    await settle();
    db.answer(2, ['d']);
    await settle();
    assert.deepEqual(db.calls[3].ids, ['d']);
    db.answer(1);
    db.answer(3);
    assert.equal((await Promise.all([first, second, ...waiting])).length, 4);
  });

  it('tries each scan of a failed call alone, so one failure is that scan’s own', async () => {
    const { db, b } = batcher();
    const answers = ['a', 'b', 'c', 'd'].map((id, i) =>
      b.record(scan(id, String(i))).then(
        (r) => r.id,
        (e: Error) => e.message,
      ),
    );
    await settle();
    db.answer(0);
    db.answer(1);
    await settle();
    assert.deepEqual(db.calls[2].ids, ['c', 'd']);
    db.calls[2].answer(new Error('deadlock detected'));
    await settle();
    assert.deepEqual(
      db.calls.slice(3).map((c) => c.ids),
      [['c'], ['d']],
    );
    db.calls[3].answer(new Error('c is broken'));
    db.answer(4);
    assert.deepEqual(await Promise.all(answers), ['a', 'b', 'c is broken', 'd']);
  });

  it('keeps every scan in a call of its own when told to', async () => {
    const { db, b } = batcher(1);
    const answers = ['a', 'b', 'c'].map((id, i) => b.record(scan(id, String(i))));
    await settle();
    db.answer(0);
    db.answer(1);
    await settle();
    assert.deepEqual(
      db.calls.map((c) => c.ids),
      [['a'], ['b'], ['c']],
    );
    db.answer(2);
    assert.equal((await Promise.all(answers)).length, 3);
  });
});
