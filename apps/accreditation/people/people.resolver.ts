import {
  Args,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { closedLoopStatusesMatching, maySee } from '#libs/auth/access-policy.js';
import { organisationScope } from '#libs/auth/principal.js';
import { normaliseCardNumber } from '#libs/accreditation/card-number.js';
import { ForbiddenError, NotFoundError } from '#libs/common/errors.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import type { Page } from '#libs/graphql/pagination.js';
import type { AccreditationLoaders } from '#apps/accreditation/accreditation.loaders.js';
import { Accreditation } from '#apps/accreditation/accreditations/accreditation.type.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';
import { Organisation } from '#apps/accreditation/organisations/organisation.type.js';
import {
  PeopleFilter,
  Person,
  PersonConnection,
  RegisterPersonInput,
} from '#apps/accreditation/people/person.type.js';
import { listTestsDue, PeopleService } from '#apps/accreditation/people/people.service.js';

type Ctx = RequestContext<AccreditationLoaders>;

/** A scoped API key sees only its own organisation's people: anyone else does not exist for it. */
function visibleTo(person: Person | null, ctx: Ctx): Person | null {
  const scope = organisationScope(ctx.principal);
  return person && (!scope || person.organisationId === scope) ? person : null;
}

@Resolver(() => Person)
export class PeopleResolver {
  constructor(
    private readonly service: PeopleService,
    private readonly identity: IdentityService,
    private readonly audit: AuditWriter,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => Person, { nullable: true })
  async person(@Args('id', { type: () => ID }) id: string, @CurrentContext() ctx: Ctx) {
    return visibleTo(await ctx.loaders.person.load(id), ctx);
  }

  @Query(() => Person, { nullable: true })
  async personByCard(@Args('cardNumber') cardNumber: string, @CurrentContext() ctx: Ctx) {
    return visibleTo(await this.service.byCardNumber(normaliseCardNumber(cardNumber)), ctx);
  }

  @Query(() => PersonConnection)
  people(
    @CurrentContext() ctx: Ctx,
    @Args('filter', { type: () => PeopleFilter, nullable: true }) filter?: PeopleFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<Person>> {
    let closedLoopStatuses: string[] | undefined;
    if (filter?.closedLoopStatus) {
      // CLOSE_CONTACT and ISOLATED tell of a positive test: see 'ClosedLoopState.status'.
      const matching = closedLoopStatusesMatching(filter.closedLoopStatus, ctx.principal);
      if (!matching) {
        throw new ForbiddenError(
          `You are not allowed to filter on closedLoopStatus ${filter.closedLoopStatus}`,
        );
      }
      closedLoopStatuses = matching;
    }
    return this.service.list({
      filter: filter ?? {},
      first,
      after,
      organisationScope: organisationScope(ctx.principal),
      searchDocumentNumbers: maySee('Person.documentNumber', ctx.principal),
      closedLoopStatuses,
    });
  }

  @Query(() => PersonConnection, {
    description:
      'People inside the closed loop whose next test is due before the instant, soonest first; HEALTH_OFFICER and HEALTH_WRITE keys.',
  })
  async testsDue(
    @CurrentContext() ctx: Ctx,
    @Args('before') before: Date,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<Person>> {
    const page = await listTestsDue(this.dataSource, {
      before,
      organisationId: organisationId ?? null,
      first,
      after,
      organisationScope: organisationScope(ctx.principal),
    });
    // Who is due a test is health data: each person listed is a read of it, and the list
    // is not served without its audit records.
    await Promise.all(
      page.nodes.map((person) =>
        this.audit.record({
          action: 'read:testsDue',
          personId: person.id,
          outcome: 'ok',
          context: ctx,
        }),
      ),
    );
    return page;
  }

  @Mutation(() => Person)
  async registerPerson(@Args('input') input: RegisterPersonInput, @CurrentContext() ctx: Ctx) {
    return this.service.register(input, await this.identity.actorName(ctx.principal));
  }

  /** The same organisation scope as `person(id)`: another organisation's person is not found. */
  @ResolveReference()
  async resolveReference(@Parent() ref: { id: string }, @CurrentContext() ctx: Ctx) {
    return visibleTo(await ctx.loaders.person.load(ref.id), ctx);
  }

  @ResolveField(() => Organisation)
  async organisation(@Parent() person: Person, @CurrentContext() ctx: Ctx) {
    const organisation = await ctx.loaders.organisation.load(person.organisationId);
    if (!organisation) throw new NotFoundError('Organisation', person.organisationId);
    return organisation;
  }

  @ResolveField(() => Accreditation)
  async accreditation(@Parent() person: Person, @CurrentContext() ctx: Ctx) {
    const accreditation = await ctx.loaders.accreditationByPerson.load(person.id);
    if (!accreditation) throw new NotFoundError('Accreditation of person', person.id);
    return accreditation;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Passport or ID number; null for callers not allowed to see it.',
  })
  async documentNumber(
    @Parent() person: Person,
    @CurrentContext() ctx: Ctx,
  ): Promise<string | null> {
    if (!maySee('Person.documentNumber', ctx.principal)) return null;
    // Served only once its audit record is written.
    await this.audit.record({
      action: 'read:Person.documentNumber',
      personId: person.id,
      outcome: 'ok',
      context: ctx,
    });
    return person.documentNumber;
  }
}

@Resolver(() => Organisation)
export class OrganisationPeopleResolver {
  constructor(private readonly service: PeopleService) {}

  @ResolveField(() => PersonConnection)
  people(
    @Parent() organisation: Organisation,
    @CurrentContext() ctx: Ctx,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<Person>> {
    return this.service.list({
      filter: { organisationId: organisation.id },
      first,
      after,
      organisationScope: organisationScope(ctx.principal),
      searchDocumentNumbers: maySee('Person.documentNumber', ctx.principal),
    });
  }
}
