import type { EntityManager } from 'typeorm';
import { normaliseCardNumber } from '#libs/accreditation/card-number.js';
import { isUuid } from '#libs/common/ids.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

/** A person as another service needs them: who, and which organisation they belong to. */
export interface PersonRef {
  personId: string;
  organisationId: string;
}

/**
 * The accreditation service's read side, in batch (the owner's view
 * accreditation.card_holders): card numbers to people, in one statement whatever the
 * number of cards (a batch variant of findCard in card-lookup.ts). Keys are normalised
 * card numbers.
 */
export async function peopleByCardNumbers(
  manager: Queryable,
  cardNumbers: readonly string[],
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(cardNumbers.map(normaliseCardNumber))];
  if (wanted.length === 0) return new Map();
  const rows: { card_number: string; person_id: string; organisation_id: string }[] =
    await manager.query(AccreditationSql.published.cardHolders, [wanted]);
  return new Map(
    rows.map((r) => [r.card_number, { personId: r.person_id, organisationId: r.organisation_id }]),
  );
}

/**
 * People by id (ids that are not UUIDs are simply not found), from the owner's view
 * accreditation.person_organisations. Keys are lower-case ids.
 */
export async function peopleByIds(
  manager: Queryable,
  ids: readonly string[],
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows: { person_id: string; organisation_id: string }[] = await manager.query(
    AccreditationSql.published.personOrganisations,
    [wanted],
  );
  return new Map(
    rows.map((r) => [r.person_id, { personId: r.person_id, organisationId: r.organisation_id }]),
  );
}

/**
 * When the person's accreditation was created (its first history line), through the
 * owner's function accreditation.accreditation_created_at; null without one. Test results
 * sampled before it are refused.
 */
export async function accreditationCreatedAt(
  manager: Queryable,
  personId: string,
): Promise<Date | null> {
  if (!isUuid(personId)) return null;
  const rows: { created_at: Date | null }[] = await manager.query(
    AccreditationSql.published.accreditationCreatedAt,
    [personId],
  );
  return rows[0]?.created_at ?? null;
}
