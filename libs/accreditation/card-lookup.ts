import type { EntityManager } from 'typeorm';
import type { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

/** What a gate or an arrival desk needs to know about a card. */
export interface CardRecord {
  accreditationId: string;
  personId: string;
  cardNumber: string;
  status: AccreditationStatus;
  validFrom: Date;
  validUntil: Date;
  venues: string[];
  zones: string[];
  tokenVersion: number;
  documentNumber: string;
  organisationId: string;
}

interface CardRow {
  accreditation_id: string;
  person_id: string;
  card_number: string;
  status: AccreditationStatus;
  valid_from: Date;
  valid_until: Date;
  venues: string[];
  zones: string[];
  token_version: number;
  document_number: string;
  organisation_id: string;
}

/**
 * The accreditation service's published read side for cards, used inside the
 * caller's transaction, through the owner's accreditation.find_card (the caller's
 * role reads no accreditation table itself). `lock` takes the accreditation row
 * FOR SHARE, so a concurrent suspension cannot slip between a decision and its commit.
 */
export async function findCard(
  manager: EntityManager,
  cardNumber: string,
  options: { lock?: boolean } = {},
): Promise<CardRecord | null> {
  const rows: CardRow[] = await manager.query(AccreditationSql.published.findCard, [
    cardNumber,
    options.lock ?? false,
  ]);
  const r = rows[0];
  if (!r) return null;
  return {
    accreditationId: r.accreditation_id,
    personId: r.person_id,
    cardNumber: r.card_number,
    status: r.status,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    venues: r.venues,
    zones: r.zones,
    tokenVersion: r.token_version,
    documentNumber: r.document_number,
    organisationId: r.organisation_id,
  };
}
