import { Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { CheckIn } from '#apps/inspection/check-ins/check-in.type.js';

export const CHECK_IN_RECORDED = 'checkInRecorded';

/** The live feed of recorded check-ins. */
@Injectable()
export class CheckInFeed {
  readonly pubSub = new PubSub();

  publish(checkIn: CheckIn): void {
    void this.pubSub.publish(CHECK_IN_RECORDED, { checkInRecorded: checkIn });
  }

  subscribe(): AsyncIterableIterator<unknown> {
    return this.pubSub.asyncIterableIterator(CHECK_IN_RECORDED);
  }
}
