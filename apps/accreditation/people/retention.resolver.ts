import { Field, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { RetentionService } from '#apps/accreditation/people/retention.service.js';

@ObjectType({ description: 'What one run of the retention rule erased.' })
export class PersonalDataErasure {
  @Field(() => Int, { description: 'People whose identifying data this run erased.' })
  erased!: number;

  @Field(() => Date, {
    description: 'People whose accreditation ended before this instant were due.',
  })
  endedBefore!: Date;
}

@Resolver()
export class RetentionResolver {
  constructor(private readonly retention: RetentionService) {}

  @Mutation(() => PersonalDataErasure, {
    description:
      "Erases now the identifying data of everyone whose accreditation ended more than RETENTION_DAYS ago (the scheduled job's work); ADMIN only.",
  })
  eraseExpiredPersonalData(@CurrentContext() ctx: RequestContext): Promise<PersonalDataErasure> {
    return this.retention.eraseExpired(new Date(), ctx);
  }
}
