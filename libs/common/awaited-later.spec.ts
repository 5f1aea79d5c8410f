import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitedLater } from '#libs/common/awaited-later.js';

/** One turn of the event loop, after which Node has reported any rejection nobody handled. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a promise awaited later', () => {
  it('may fail while other work is awaited, without an unhandled rejection, and fails where it is awaited', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const statement = awaitedLater(
        new Promise<never>((_, reject) => setImmediate(() => reject(new Error('duplicate key')))),
      );
      // Other work awaited meanwhile, past the failure and Node's check for unhandled ones.
      await nextTurn();
      await nextTurn();
      assert.deepEqual(unhandled, []);
      await assert.rejects(statement, /duplicate key/);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('gives the value of a promise that succeeds', async () => {
    assert.equal(await awaitedLater(Promise.resolve(42)), 42);
  });
});
