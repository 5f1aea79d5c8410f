import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';
import { Decision, Direction, type CheckIn } from '#apps/inspection/check-ins/check-in.type.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

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

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

const feeds: CheckInFeed[] = [];
after(async () => {
  await Promise.all(feeds.map((f) => f.onModuleDestroy()));
});

function feed(env: Partial<InspectionConfig>): CheckInFeed {
  const config = Object.assign(new InspectionConfig(), env);
  const made = new CheckInFeed(config);
  feeds.push(made);
  return made;
}

/** Two instances of the service, each with a subscriber: whatever either records reaches both. */
async function fansOut(a: CheckInFeed, b: CheckInFeed): Promise<void> {
  const onA = drain(a.subscribe());
  const onB = drain(b.subscribe());
  // Subscriptions reach the broker asynchronously: probe until both instances hear one.
  const deadline = Date.now() + 10_000;
  while ((onA.length === 0 || onB.length === 0) && Date.now() < deadline) {
    a.publish(checkIn('PROBE'));
    await until(() => onA.length > 0 && onB.length > 0, 100);
  }
  await new Promise((r) => setTimeout(r, 100));
  onA.length = 0;
  onB.length = 0;
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
  it('fans out through Redis between two instances, and only within its channel', async (t) => {
    if (!(await reachable(REDIS_URL))) return t.skip(`no Redis at ${REDIS_URL}`);
    const prefix = `test_${randomBytes(4).toString('hex')}`;
    const a = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: prefix });
    const b = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: prefix });
    const elsewhere = feed({ REDIS_URL, FEED_CHANNEL_PREFIX: `${prefix}_other` });
    assert.equal(a.transport, 'redis');
    const onElsewhere = drain(elsewhere.subscribe());
    await fansOut(a, b);
    assert.equal(onElsewhere.length, 0);
  });

  it('fans out through NATS between two instances', async (t) => {
    if (!(await reachable(NATS_URL))) return t.skip(`no NATS at ${NATS_URL}`);
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
    await new Promise((r) => setTimeout(r, 10));
    only.publish(checkIn('GATE-A'));
    await until(() => seen.length >= 1);
    assert.equal(seen.length, 1);
  });
});
