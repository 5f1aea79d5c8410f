import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdjustableClock, SystemClock } from '#libs/common/clock.js';
import { CoreModule } from '#libs/service/core.module.js';
import { ServiceConfig } from '#libs/common/service-config.js';

describe('the domain clock', () => {
  it('the system clock is the time; the adjustable one moves by days and to an instant', () => {
    const before = Date.now();
    assert.ok(Math.abs(new SystemClock().now().getTime() - before) < 1000);
    const clock = new AdjustableClock();
    const later = clock.advance(7 * 24 * 3_600_000).getTime();
    assert.ok(later - Date.now() > 7 * 24 * 3_600_000 - 1000);
    const at = new Date('2030-01-01T00:00:00Z');
    assert.ok(Math.abs(clock.set(at).getTime() - at.getTime()) < 1000);
    assert.ok(Math.abs(clock.now().getTime() - at.getTime()) < 1000);
  });

  it('a service refuses the clock control in production', () => {
    const config = Object.assign(new ServiceConfig(), {
      NODE_ENV: 'production',
      TEST_CLOCK_CONTROL: 'on',
    });
    assert.throws(() => CoreModule.forService('test', config, []), /TEST_CLOCK_CONTROL/);
    const controllers = (on: boolean) =>
      (
        CoreModule.forService(
          'test',
          Object.assign(new ServiceConfig(), {
            NODE_ENV: 'test',
            ...(on ? { TEST_CLOCK_CONTROL: 'on' } : {}),
          }),
          [],
        ).controllers ?? []
      ).map((c) => c.name);
    assert.deepEqual(controllers(false), ['HealthController']);
    assert.deepEqual(controllers(true), ['HealthController', 'ClockControlController']);
  });
});
