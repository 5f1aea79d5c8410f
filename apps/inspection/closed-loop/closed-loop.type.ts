import { Field, ObjectType } from '@nestjs/graphql';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';

@ObjectType()
export class ClosedLoopState {
  @Field(() => ClosedLoopStatus, {
    description:
      'CLOSE_CONTACT and ISOLATED read as IN_LOOP (in the loop, health status not shown) for callers without access to health data.',
  })
  status!: ClosedLoopStatus;

  @Field(() => Date, { nullable: true })
  enteredAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastNegativeTestAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'A closed-loop area denies entry after this instant until a new negative test.',
  })
  testDueBy!: Date | null;

  @Field(() => Date, { nullable: true })
  closeContactUntil!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'On the answer to recordTestResult: whether this result changed the state (status, test due date); false for a result older than the latest sample, or a repeated one. Null elsewhere.',
  })
  stateChanged?: boolean | null;
}
