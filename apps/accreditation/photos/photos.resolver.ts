import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { maySee } from '#libs/auth/access-policy.js';
import { organisationScope } from '#libs/auth/principal.js';
import { NotFoundError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import type { AccreditationLoaders } from '#apps/accreditation/accreditation.loaders.js';
import { Person } from '#apps/accreditation/people/person.type.js';
import { FileLinks } from '#apps/accreditation/photos/file-links.js';
import { Photo } from '#apps/accreditation/photos/photo.type.js';
import { decodeBase64Image, processPortrait } from '#apps/accreditation/photos/portrait-image.js';
import { PortraitStore } from '#apps/accreditation/photos/portrait-store.js';

type Ctx = RequestContext<AccreditationLoaders>;

@Resolver(() => Person)
export class PhotosResolver {
  constructor(
    private readonly store: PortraitStore,
    private readonly links: FileLinks,
    private readonly audit: AuditWriter,
  ) {}

  @Mutation(() => Person, {
    description:
      'A JPEG or PNG portrait as base64 (at most 5 MB decoded); stored as a JPEG of at most 600 x 800. Not an image, or too large: BAD_USER_INPUT.',
  })
  async setPersonPhoto(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('imageBase64') imageBase64: string,
    @CurrentContext() ctx: Ctx,
  ): Promise<Person> {
    const person = isUuid(personId) ? await ctx.loaders.person.load(personId) : null;
    const scope = organisationScope(ctx.principal);
    if (!person || (scope && person.organisationId !== scope)) {
      throw new NotFoundError('Person', personId);
    }
    const processed = await processPortrait(decodeBase64Image(imageBase64));
    await this.store.save(personId, { ...processed, takenAt: new Date() });
    ctx.loaders.photo.clear(personId);
    return person;
  }

  @ResolveField(() => Photo, {
    nullable: true,
    description: "The holder's portrait; null when none was taken or the caller may not see it.",
  })
  async photo(@Parent() person: Person, @CurrentContext() ctx: Ctx): Promise<Photo | null> {
    if (!maySee('Person.photo', ctx.principal)) return null;
    const info = await ctx.loaders.photo.load(person.id);
    if (!info) return null;
    // A view of a portrait is served only once it is recorded.
    await this.audit.record({
      action: 'read:Person.photo',
      personId: person.id,
      outcome: 'ok',
      context: ctx,
    });
    return {
      url: this.links.link(`photos/${person.id}/full`),
      thumbnailUrl: this.links.link(`photos/${person.id}/thumb`),
      width: info.width,
      height: info.height,
      takenAt: info.takenAt,
    };
  }
}
