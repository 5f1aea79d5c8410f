import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { DependencyChecks } from '#libs/common/dependency-checks.js';
import type { CheckIn } from '#apps/inspection/check-ins/check-in.type.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

export const CHECK_IN_RECORDED = 'checkInRecorded';

/** Fields of a check-in that travel as ISO strings between instances and come back as Dates. */
const DATE_FIELDS = new Set(['scannedAt', 'recordedAt']);

export function reviveDates(key: string, value: unknown): unknown {
  return DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value;
}

/**
 * A PubSubEngine over NATS core subjects: each instance publishes to the
 * subject and every instance's subscribers receive (no queue group, so the
 * message fans out to all of them).
 */
export class NatsPubSub extends PubSubEngine {
  private readonly subscriptions = new Map<number, Subscription>();
  private next = 0;

  constructor(private readonly connection: Promise<NatsConnection>) {
    super();
  }

  async publish(trigger: string, payload: unknown): Promise<void> {
    const nc = await this.connection;
    nc.publish(trigger, JSON.stringify(payload));
  }

  async subscribe(trigger: string, onMessage: (payload: unknown) => void): Promise<number> {
    const nc = await this.connection;
    const subscription = nc.subscribe(trigger);
    const id = ++this.next;
    this.subscriptions.set(id, subscription);
    void (async () => {
      for await (const message of subscription) {
        onMessage(
          JSON.parse(new TextDecoder().decode(message.data), (k: string, v: unknown) =>
            reviveDates(k, v),
          ),
        );
      }
    })();
    return id;
  }

  unsubscribe(id: number): void {
    this.subscriptions.get(id)?.unsubscribe();
    this.subscriptions.delete(id);
  }

  async close(): Promise<void> {
    const nc = await this.connection;
    await nc.drain();
  }
}

/**
 * The live feed of recorded check-ins. With several instances of the service
 * a check-in recorded by one must reach subscribers connected to another, so
 * the feed goes through Redis (REDIS_URL) or NATS (NATS_URL); in memory when
 * neither is configured (one instance). Published after commit, never for a
 * replay.
 */
@Injectable()
export class CheckInFeed implements OnModuleDestroy {
  readonly pubSub: PubSubEngine;
  readonly transport: 'redis' | 'nats' | 'memory';
  private readonly channel: string;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(config: InspectionConfig, dependencies: DependencyChecks) {
    this.channel = `${config.FEED_CHANNEL_PREFIX}.${CHECK_IN_RECORDED}`;
    if (config.REDIS_URL) {
      // During a Redis outage a publish fails after a few retries instead of queueing without bound.
      const options = { maxRetriesPerRequest: 3 };
      const publisher = new Redis(config.REDIS_URL, options);
      const pubSub = new RedisPubSub({
        publisher,
        subscriber: new Redis(config.REDIS_URL, options),
        reviver: reviveDates,
      });
      this.closers.push(() => pubSub.close());
      this.pubSub = pubSub;
      this.transport = 'redis';
      dependencies.register('broker', async () => (await publisher.ping()) === 'PONG');
    } else if (config.NATS_URL) {
      const connection = connect({ servers: config.NATS_URL });
      // A failed first connection is reported by /health, not thrown at nobody.
      connection.catch(() => undefined);
      const pubSub = new NatsPubSub(connection);
      this.closers.push(() => pubSub.close());
      this.pubSub = pubSub;
      this.transport = 'nats';
      dependencies.register('broker', async () => {
        const nc = await connection;
        if (nc.isClosed()) return false;
        await nc.flush();
        return true;
      });
    } else {
      this.pubSub = new PubSub();
      this.transport = 'memory';
    }
  }

  /** Fire and forget: the check-in is committed already; a lost feed message loses nothing stored. */
  publish(checkIn: CheckIn): void {
    const { area: _area, person: _person, ...plain } = checkIn;
    this.pubSub.publish(this.channel, { checkInRecorded: plain }).catch(() => undefined);
  }

  subscribe(): AsyncIterableIterator<unknown> {
    return this.pubSub.asyncIterableIterator(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.closers.map((close) => close()));
  }
}
