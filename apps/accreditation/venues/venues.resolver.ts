import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Venue, VenueInput } from '#apps/accreditation/venues/venue.type.js';
import { VenuesService } from '#apps/accreditation/venues/venues.service.js';

@Resolver(() => Venue)
export class VenuesResolver {
  constructor(private readonly service: VenuesService) {}

  @Query(() => [Venue], { description: 'The venue catalogue, in position order.' })
  venues(): Promise<Venue[]> {
    return this.service.list();
  }

  @Mutation(() => Venue, { description: 'ADMIN. Creates or replaces a venue of the catalogue.' })
  upsertVenue(@Args('input') input: VenueInput): Promise<Venue> {
    return this.service.upsert(input);
  }
}
