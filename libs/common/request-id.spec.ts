import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUuid } from '#libs/common/ids.js';
import { requestIdFrom } from '#libs/common/request-id.js';

describe('requestIdFrom', () => {
  it("keeps a client's well-formed id", () => {
    for (const id of [
      '0b9c5a8e-4f7e-4a53-9a55-3a2b1f0e9d11',
      'c0ffee00c0ffee00c0ffee00c0ffee00',
      'gate-7:scan.000123_a',
    ]) {
      assert.equal(requestIdFrom(id), id);
    }
    assert.equal(requestIdFrom(['req-00000001', 'req-00000002']), 'req-00000001');
  });

  it('replaces anything else with a fresh UUID', () => {
    for (const given of [
      undefined,
      null,
      '',
      'short',
      'x'.repeat(129),
      'id with spaces',
      'line\nbreak-forged-log',
      '<script>alert(1)</script>',
      "1' OR '1'='1",
      'ünïcödé-request-id',
    ]) {
      const id = requestIdFrom(given);
      assert.notEqual(id, given);
      assert.ok(isUuid(id), `${JSON.stringify(given)} gave ${id}`);
    }
  });
});
