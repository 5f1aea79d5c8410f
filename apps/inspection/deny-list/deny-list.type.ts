import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { DenialReason } from '#apps/inspection/check-ins/check-in.type.js';

@ObjectType({
  description: `What an offline gate needs to decide as the server would. An entry for every card
that must be denied now whatever the area (reasons), and for every holder inside the
closed loop whose next test falls due within 24 hours (testDueBy), so a device
offline for hours still denies TEST_OVERDUE in time.`,
})
export class CardDenyListEntry {
  @Field()
  cardNumber!: string;

  @Field(() => Int, {
    description: 'Tokens of the card with a lower version are SUPERSEDED_TOKEN.',
  })
  tokenVersion!: number;

  @Field(() => AccreditationStatus)
  status!: AccreditationStatus;

  @Field(() => [DenialReason], {
    description:
      "The reasons that hold now for this card at every area, in DenialReason's order (for example SUSPENDED, NOT_IN_CLOSED_LOOP, ISOLATED, TEST_OVERDUE).",
  })
  reasons!: DenialReason[];

  @Field(() => Date, { nullable: true })
  testDueBy!: Date | null;
}
