import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portAllocator } from '#libs/common/net.js';

describe('portAllocator', () => {
  it('never hands out a taken port nor one it gave before, whatever the system offers', async () => {
    const offered = [4000, 4000, 5000, 4001, 5000, 6000];
    const next = portAllocator([4001], () => Promise.resolve(offered.shift()!));
    assert.deepEqual([await next(), await next(), await next()], [4000, 5000, 6000]);
  });

  it('hands out distinct free ports of the system', async () => {
    const next = portAllocator();
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await next());
    assert.equal(new Set(ports).size, 20);
    assert.ok(ports.every((p) => p > 0 && p < 65536));
  });
});
