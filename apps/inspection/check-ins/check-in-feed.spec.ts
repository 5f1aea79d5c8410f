import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DependencyChecks } from '#libs/common/dependency-checks.js';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';
import { Decision, Direction, type CheckIn } from '#apps/inspection/check-ins/check-in.type.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';
import { NATS_URL, REDIS_URL, requireBroker } from '#test/support/brokers.js';
import { eventually } from '#test/support/eventually.js';

const checkIn = (areaCode: string): CheckIn => ({
  id: randomUUID(),
  areaCode,
  personId: randomUUID(),
  direction: Direction.IN,
  decision: Decision.ADMITTED,
  reasons: [],
  scannedAt: new Date('2022-02-04T12:00:00.123Z'),
  recordedAt: new Date(),
  deviceId: null,
  deviceDecision: null,
  conflict: false,
  replayed: false,
});

/** Reads what an iterator yields into an array, in the background. */
function drain(iterator: AsyncIterableIterator<unknown>): CheckIn[] {
  const seen: CheckIn[] = [];
  void (async () => {
    for await (const value of iterator)
      seen.push((value as { checkInRecorded: CheckIn }).checkInRecorded);
  })();
  return seen;
}

/** Waits until the condition holds; false when it still does not after `ms`. */
function until(condition: () => boolean, ms = 5000): Promise<boolean> {
  return eventually(() => assert.ok(condition()), { timeoutMs: ms }).then(
    () => true,
    () => false,
  );
}

const feeds: CheckInFeed[] = [];
after(async () => {
  await Promise.all(feeds.map((f) => f.onModuleDestroy()));
});

function feed(env: Partial<InspectionConfig>): CheckInFeed {
  const config = Object.assign(new InspectionConfig(), env);
  const made = new CheckInFeed(config, new DependencyChecks());
  feeds.push(made);
  return made;
}

/** Publishes probes through `on` until `heard()`; fails when nothing is heard for 10 s. */
async function hearsProbes(on: CheckInFeed, heard: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 50 && !heard(); attempt++) {
    on.publish(checkIn('PROBE'));
    await until(heard, 200);
  }
  assert.ok(heard(), 'no probe was heard within 10 s');
}

/** Two instances of the service, each with a subscriber: whatever either records reaches both. */
async function fansOut(a: CheckInFeed, b: CheckInFeed): Promise<void> {
  const onA = drain(a.subscribe());
  const onB = drain(b.subscribe());
  // Subscriptions reach the broker asynchronously: probe until both instances hear one
  // (probes are told apart by their area and left out below).
  await hearsProbes(a, () => onA.length > 0 && onB.length > 0);
  const first = checkIn('GATE-A');
  const second = checkIn('GATE-B');
  a.publish(first);
  b.publish(second);
  await until(() =>
    [onA, onB].every((heard) => heard.filter((c) => c.areaCode !== 'PROBE').length >= 2),
  );
  for (const heard of [onA, onB]) {
    const seen = heard.filter((c) => c.areaCode !== 'PROBE');
    assert.deepEqual(seen.map((c) => c.id).sort(), [first.id, second.id].sort());
    const got = seen.find((c) => c.id === first.id) as CheckIn;
    assert.ok(got.scannedAt instanceof Date, 'dates survive the trip');
    assert.equal(got.scannedAt.toISOString(), first.scannedAt.toISOString());
  }
}

describe('the live check-in feed across instances', () => {
  it('fans out through Redis between two instances, and only within its channel', async () => {
    await requireBroker(REDIS_URL);
    const prefix = `test_${randomBytes(4).toString('hex')}`;
    const a = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: prefix });
    const b = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: prefix });
    const elsewhere = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: `${prefix}_other` });
    assert.equal(a.transport, 'redis');
    const onElsewhere = drain(elsewhere.subscribe());
    await hearsProbes(elsewhere, () => onElsewhere.length > 0); // it listens
    await fansOut(a, b);
    // Redis delivers in the order it took the messages: once this marker is back,
    // anything of a's and b's channel would have arrived before it.
    const marker = checkIn('MARKER');
    elsewhere.publish(marker);
    assert.ok(await until(() => onElsewhere.some((c) => c.id === marker.id)));
    assert.deepEqual(
      onElsewhere.filter((c) => c.areaCode.startsWith('GATE')),
      [],
      'another channel hears nothing of this one',
    );
  });

  it('fans out through NATS between two instances', async () => {
    await requireBroker(NATS_URL);
    const prefix = `test_${randomBytes(4).toString('hex')}`;
    const a = feed({ NATS_URL, FEED_CHANNEL_PREFIX: prefix });
    const b = feed({ NATS_URL, FEED_CHANNEL_PREFIX: prefix });
    assert.equal(a.transport, 'nats');
    await fansOut(a, b);
  });

  it('stays in memory without a broker', async () => {
    const only = feed({});
    assert.equal(only.transport, 'memory');
    const seen = drain(only.subscribe());
    await hearsProbes(only, () => seen.length > 0);
    const real = checkIn('GATE-A');
    only.publish(real);
    assert.ok(await until(() => seen.some((c) => c.id === real.id)));
    assert.deepEqual(
      seen.filter((c) => c.areaCode !== 'PROBE').map((c) => c.id),
      [real.id],
    );
  });
});
