import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ConflictError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { OrganisationEntity } from '#apps/accreditation/organisations/organisation.entity.js';
import type {
  CreateOrganisationInput,
  Organisation,
  OrganisationType,
} from '#apps/accreditation/organisations/organisation.type.js';

const toOrganisation = (e: OrganisationEntity): Organisation => ({
  id: e.id,
  code: e.code,
  name: e.name,
  type: e.type as OrganisationType,
  country: e.country,
});

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(OrganisationEntity)
    private readonly repository: Repository<OrganisationEntity>,
  ) {}

  async create(input: CreateOrganisationInput): Promise<Organisation> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values({
        code: input.code,
        name: input.name,
        type: input.type,
        country: input.country ?? null,
      })
      .orIgnore()
      .returning('*')
      .execute();
    const row = (result.raw as OrganisationEntity[])[0];
    if (!row) throw new ConflictError(`An organisation with code ${input.code} already exists`);
    return this.byId(row.id) as Promise<Organisation>;
  }

  /** Every organisation, or only the one a scoped caller belongs to. */
  async list(onlyId: string | null): Promise<Organisation[]> {
    const rows = await this.repository.find({
      where: onlyId ? { id: onlyId } : {},
      order: { code: 'ASC' },
    });
    return rows.map(toOrganisation);
  }

  async byId(id: string): Promise<Organisation | null> {
    if (!isUuid(id)) return null;
    const row = await this.repository.findOneBy({ id });
    return row ? toOrganisation(row) : null;
  }

  /** One query for many ids (DataLoader batch); the answer is in the order asked. */
  async byIds(ids: readonly string[]): Promise<(Organisation | null)[]> {
    const rows = await this.repository.findBy({ id: In(ids.filter(isUuid)) });
    const byId = new Map(rows.map((r) => [r.id, toOrganisation(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
