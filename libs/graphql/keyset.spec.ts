import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeKeyset, keysetCondition, keysetOrder, type Keyset } from '#libs/graphql/keyset.js';
import { encodeCursor } from '#libs/graphql/pagination.js';

const BY_TIME: Keyset = {
  columns: [
    { sql: 'scanned_at', kind: 'micros' },
    { sql: 'id', kind: 'uuid' },
  ],
  descending: true,
};
const ID = '0b9f7c1e-3a52-4f4e-9d7a-4a1c2b3d4e5f';

describe('keyset pagination', () => {
  it('binds each part with its type and compares in the order’s direction', () => {
    const params: unknown[] = [];
    const sql = keysetCondition(BY_TIME, ['1700000000000000', ID], (v) => `$${params.push(v)}`);
    assert.equal(
      sql,
      `(scanned_at, id) < ((timestamptz 'epoch' + $1::bigint * interval '1 microsecond'), $2::uuid)`,
    );
    assert.deepEqual(params, ['1700000000000000', ID]);
    assert.equal(keysetOrder(BY_TIME), 'scanned_at DESC, id DESC');
    assert.equal(
      keysetCondition({ columns: [{ sql: 'name', kind: 'text' }] }, ['x'], () => ':k0'),
      '(name) > (:k0)',
    );
  });

  it('decodes a cursor it gave out, and nothing without one', () => {
    assert.deepEqual(decodeKeyset(encodeCursor(['123', ID]), BY_TIME), ['123', ID]);
    assert.equal(decodeKeyset(null, BY_TIME), null);
    assert.equal(decodeKeyset(undefined, BY_TIME), null);
  });

  it('refuses at `after` a cursor whose parts are not of their kinds', () => {
    for (const key of [
      ['soon', ID],
      ['123', 'not-a-uuid'],
      [123, ID],
      ['123'],
      ['1'.repeat(25), ID],
    ]) {
      assert.throws(
        () => decodeKeyset(encodeCursor(key), BY_TIME),
        (e: { extensions?: { code?: string; fields?: { field: string }[] } }) =>
          e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.fields?.[0].field === 'after',
        JSON.stringify(key),
      );
    }
    assert.throws(() => decodeKeyset('forged', BY_TIME), /cursor/);
  });
});
