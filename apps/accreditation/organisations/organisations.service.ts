import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import type { OrganisationEntity } from '#apps/accreditation/organisations/organisation.entity.js';
import type {
  CreateOrganisationInput,
  Organisation,
  OrganisationType,
} from '#apps/accreditation/organisations/organisation.type.js';

type OrganisationRow = Pick<OrganisationEntity, 'id' | 'code' | 'name' | 'type' | 'country'>;

const toOrganisation = (row: OrganisationRow): Organisation => ({
  id: row.id,
  code: row.code,
  name: row.name,
  type: row.type as OrganisationType,
  country: row.country,
});

/** accreditation.organisations, in SQL like the rest of the service's schemas. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateOrganisationInput): Promise<Organisation> {
    const rows = await this.dataSource.query<OrganisationRow[]>(
      AccreditationSql.organisations.insert,
      [input.code, input.name, input.type, input.country ?? null],
    );
    if (!rows[0]) throw new ConflictError(`An organisation with code ${input.code} already exists`);
    return toOrganisation(rows[0]);
  }

  /** Every organisation, or only the one a scoped caller belongs to. */
  async list(onlyId: string | null): Promise<Organisation[]> {
    if (onlyId !== null && !isUuid(onlyId)) return [];
    const rows = await this.dataSource.query<OrganisationRow[]>(
      AccreditationSql.organisations.list,
      [onlyId],
    );
    return rows.map(toOrganisation);
  }

  async byId(id: string): Promise<Organisation | null> {
    return (await this.byIds([id]))[0];
  }

  /** One query for many ids (DataLoader batch); the answer is in the order asked. */
  async byIds(ids: readonly string[]): Promise<(Organisation | null)[]> {
    const valid = ids.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await this.dataSource.query<OrganisationRow[]>(AccreditationSql.organisations.byIds, [
            valid,
          ]);
    const byId = new Map(rows.map((r) => [r.id, toOrganisation(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
