import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PRINTABLE } from '#libs/common/validators.js';
import { ContactFields } from '#libs/movement/contact.types.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { PageInfo } from '#libs/graphql/pagination.js';

/** What IsUUID('all') accepts (validator.js): versions 1 to 8, the nil and the max UUID. */
const UUID_ALL =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$';

/**
 * The accreditation service owns Person; the movement log only points at
 * people and adds their movements to the entity.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class MovementEvent {
  @Field(() => ID)
  id!: string;

  personId!: string;

  @Field({
    description: "An inspection area's code, or another place such as a vehicle: BUS-0042.",
  })
  location!: string;

  @Field(() => MovementKind)
  kind!: MovementKind;

  @Field()
  occurredAt!: Date;

  @Field()
  recordedAt!: Date;

  @Field({ description: "Who reported it: a check-in, an arrival, or a partner system's name." })
  source!: string;

  @Field({ description: 'Hex digest chaining this event to the one recorded before it.' })
  hash!: string;
}

@ObjectType()
export class MovementEdge {
  @Field()
  cursor!: string;

  @Field(() => MovementEvent)
  node!: MovementEvent;
}

@ObjectType()
export class MovementConnection {
  @Field(() => [MovementEdge])
  edges!: MovementEdge[];

  @Field(() => [MovementEvent])
  nodes!: MovementEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({
  description:
    "A stay at one location: from an ENTRY to the EXIT from there, or to the person's next ENTRY elsewhere, whichever comes first; until is null while open. Events are ordered by occurredAt, whatever order they were recorded in.",
})
export class Stay {
  @Field()
  location!: string;

  @Field()
  from!: Date;

  @Field(() => Date, { nullable: true })
  until!: Date | null;
}

@ObjectType()
export class Presence {
  personId!: string;

  @Field()
  location!: string;

  @Field()
  since!: Date;
}

@ObjectType()
export class PresenceEdge {
  @Field()
  cursor!: string;

  @Field(() => Presence)
  node!: Presence;
}

@ObjectType()
export class PresenceConnection {
  @Field(() => [PresenceEdge])
  edges!: PresenceEdge[];

  @Field(() => [Presence])
  nodes!: Presence[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

/** A contact, its person set with the answer. */
@ObjectType()
@Directive('@shareable')
export class Contact extends ContactFields {
  personId!: string;

  /** Set with the answer, not resolved per contact: answers run to thousands of contacts. */
  @Field(() => Person)
  person!: Person;
}

@ObjectType()
export class LogVerification {
  @Field()
  valid!: boolean;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'The first event whose hash does not match its content and predecessor; for a chain rewritten with every later hash recomputed, the first event after the last signed checkpoint it still passes through.',
  })
  firstInvalidEventId!: string | null;

  @Field(() => Int, {
    description: 'Signed checkpoints of the chain heads that the chains were checked against.',
  })
  checkpointsChecked!: number;

  @Field(() => String, { nullable: true, description: 'Why the log is not valid.' })
  problem!: string | null;
}

@ObjectType({
  description:
    "A signed statement of every chain's head: the log cannot be rewritten before it unnoticed by anyone without the signing key, which the database does not hold.",
})
export class MovementLogCheckpoint {
  @Field(() => ID)
  id!: string;

  @Field()
  takenAt!: Date;

  @Field({ description: 'The kid of the key that signed it (see movementLogCheckpointKeys).' })
  keyId!: string;

  @Field({
    description:
      'The exact text signed, RFC 8785 JSON: {"heads":[[chain,seq,hash],…],"takenAt":"…"}.',
  })
  payload!: string;

  @Field({ description: "Ed25519 over the payload's UTF-8 bytes, base64url." })
  signature!: string;
}

const NO_CONTROL = { message: 'must not contain control characters' };

@InputType()
export class RecordMovementInput {
  @Field(() => ID, { description: 'Made by the reporting system; makes the call idempotent.' })
  @IsUUID('all', { message: 'must be a UUID made by the reporting system' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Exactly one of personId and cardNumber.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a person id' })
  personId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  cardNumber?: string | null;

  @Field()
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, NO_CONTROL)
  @Matches(/\S/, { message: 'must not be blank' })
  location!: string;

  @Field(() => MovementKind)
  @IsEnum(MovementKind, { message: 'must be ENTRY or EXIT' })
  kind!: MovementKind;

  @Field()
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  occurredAt!: Date;
}

/**
 * RecordMovementInput's rules as a JSON Schema, which Ajv compiles into one function that
 * checks a whole batch (recordMovements takes 5,000 rows) without class-validator's
 * reflection per row. It is the fast gate only: a batch it refuses is checked again row by
 * row against the decorators above, which name each problem, so the decorators stay the
 * rules' statement. It must never accept what they refuse (movement-inputs.spec.ts checks
 * it on random rows): lengths count code points here, never fewer than the characters
 * the decorators count (they also count a character and its variation selector as one), and ids follow IsUUID('all'). occurredAt, a Date, is checked
 * by the batch's own checks.
 */
export const RECORD_MOVEMENT_INPUT_SCHEMA = {
  type: 'object',
  required: ['id', 'location', 'kind', 'occurredAt'],
  properties: {
    id: { type: 'string', pattern: UUID_ALL },
    personId: { anyOf: [{ type: 'null' }, { type: 'string', pattern: UUID_ALL }] },
    cardNumber: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 1, maxLength: 32 }] },
    location: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      allOf: [{ pattern: PRINTABLE.source }, { pattern: '\\S' }],
    },
    kind: { enum: Object.values(MovementKind) },
    // A Date: the batch's own checks look at it.
    occurredAt: {},
  },
} as const;
