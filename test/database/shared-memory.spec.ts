import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hugePagesLabel, sharedMemoryPlan } from '#libs/database/shared-memory.js';

/** A /proc/meminfo as Linux writes it, for a machine of `totalMb` with `hugeFree` 2 MB pages. */
function meminfo(totalMb: number, hugeTotal: number, hugeFree: number, hugeRsvd = 0): string {
  return [
    `MemTotal:       ${totalMb * 1024} kB`,
    `MemFree:        ${Math.floor(totalMb * 512)} kB`,
    `HugePages_Total:    ${hugeTotal}`,
    `HugePages_Free:     ${hugeFree}`,
    `HugePages_Rsvd:     ${hugeRsvd}`,
    `HugePages_Surp:        0`,
    `Hugepagesize:       2048 kB`,
  ].join('\n');
}

/**
 * The segment PostgreSQL 15 asks for with `shared_buffers` of `mb`, as `postgres -C
 * shared_memory_size` reported it at max_connections 300 (153 MB for 128, 1,084 for 1,024,
 * 6,312 for 6,144): the plan's buffers must leave room for it in the reservation.
 */
const segmentMb = (mb: number) => mb + 25 + 0.03 * mb;

const megabytes = (setting: string | undefined) => Number(/^(\d+)MB$/.exec(setting ?? '')?.[1]);

describe('the embedded server sizes its shared memory from the machine', () => {
  it('keeps PostgreSQL default when no huge pages are reserved', () => {
    for (const info of [meminfo(24_000, 0, 0), meminfo(24_000, 100, 100), '']) {
      const plan = sharedMemoryPlan(info);
      assert.deepEqual(plan.settings, {});
      assert.match(plan.summary, /no huge pages reserved/);
    }
  });

  it('takes a quarter of the memory on huge pages when enough are reserved', () => {
    const plan = sharedMemoryPlan(meminfo(24_000, 3_300, 3_300));
    assert.equal(plan.settings.huge_pages, 'try');
    const buffers = megabytes(plan.settings.shared_buffers);
    assert.ok(buffers <= 6_000 && buffers > 5_900, `${buffers} MB is about a quarter of 24 GB`);
    assert.match(plan.summary, /on huge pages/);
  });

  it('fits the whole segment in what is free, however little or much', () => {
    for (const [total, free] of [
      [24_000, 200],
      [24_000, 1_000],
      [8_000, 3_300],
      [64_000, 3_300],
      [64_000, 10_000],
    ]) {
      const plan = sharedMemoryPlan(meminfo(total, free + 50, free, 10));
      const buffers = megabytes(plan.settings.shared_buffers);
      assert.ok(buffers > 0 && buffers <= total / 4, `${buffers} MB of ${total} MB`);
      const unclaimedMb = (free - 10) * 2;
      assert.ok(segmentMb(buffers) <= unclaimedMb, `${buffers} MB of buffers in ${unclaimedMb} MB`);
    }
  });

  it('leaves the pages another server has claimed', () => {
    const plan = sharedMemoryPlan(meminfo(24_000, 3_300, 3_300, 3_200));
    assert.deepEqual(plan.settings, {}, 'only 200 MB are not claimed');
    const some = sharedMemoryPlan(meminfo(24_000, 3_300, 3_300, 2_300));
    const buffers = megabytes(some.settings.shared_buffers);
    assert.ok(segmentMb(buffers) <= 2_000, `${buffers} MB of buffers in the 2,000 MB left`);
  });

  it('says how many huge pages the machine has reserved and how many are held', () => {
    assert.equal(hugePagesLabel(meminfo(24_000, 0, 0)), 'no huge pages reserved');
    assert.equal(
      hugePagesLabel(meminfo(24_000, 3_300, 1_000, 500)),
      'huge pages 6600 MB reserved, 5600 MB held',
    );
  });
});
