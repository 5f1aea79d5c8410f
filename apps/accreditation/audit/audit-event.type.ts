import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '#libs/graphql/pagination.js';

@ObjectType({
  description: 'One entry of the audit trail: a mutation, or a read of passport or health data.',
})
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'user:<id> or apiKey:<id>:<name>; null when anonymous.',
  })
  actor!: string | null;

  @Field({ description: 'e.g. Mutation.suspendAccreditation or read:Person.documentNumber.' })
  action!: string;

  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field({ description: 'ok, or the error code the operation ended with.' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field()
  service!: string;
}

@ObjectType()
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => [AuditEvent])
  nodes!: AuditEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
