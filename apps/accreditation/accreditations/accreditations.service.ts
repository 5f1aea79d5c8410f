import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { transition, type LifecycleAction } from '#libs/accreditation/lifecycle.js';
import { NotFoundError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import type {
  Accreditation,
  AccreditationEvent,
  CardDenyListEntry,
} from '#apps/accreditation/accreditations/accreditation.type.js';
import { CardKeysService } from '#apps/accreditation/cards/card-keys.service.js';
import {
  catalogueProblems,
  refuseOutsideCatalogue,
  VenuesService,
} from '#apps/accreditation/venues/venues.service.js';

interface AccreditationRow {
  id: string;
  person_id: string;
  card_number: string;
  category: string;
  status: AccreditationStatus;
  status_before_suspension: AccreditationStatus | null;
  valid_from: Date;
  valid_until: Date;
  venues: string[];
  zones: string[];
  token_version: number;
  card_token: string | null;
}

const toAccreditation = (r: AccreditationRow): Accreditation => ({
  id: r.id,
  personId: r.person_id,
  cardNumber: r.card_number,
  category: r.category,
  status: r.status,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  venues: r.venues,
  zones: r.zones,
  cardToken: r.card_token,
  tokenVersion: r.token_version,
});

/** Actions that (re)sign the card token with a new version. */
const SIGNING_ACTIONS: ReadonlySet<LifecycleAction> = new Set(['approve', 'reissue']);

@Injectable()
export class AccreditationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cardKeys: CardKeysService,
    private readonly venues: VenuesService,
  ) {}

  async byPersonIds(personIds: readonly string[]): Promise<(Accreditation | null)[]> {
    const rows: AccreditationRow[] = await this.dataSource.query(
      `SELECT * FROM accreditation.accreditations WHERE person_id = ANY($1::uuid[])`,
      [personIds.filter(isUuid)],
    );
    const byPerson = new Map(rows.map((r) => [r.person_id, toAccreditation(r)]));
    return personIds.map((id) => byPerson.get(id) ?? null);
  }

  async historyOf(accreditationIds: readonly string[]): Promise<AccreditationEvent[][]> {
    const rows: (AccreditationEvent & { accreditation_id: string })[] = await this.dataSource.query(
      `SELECT accreditation_id, status, reason, at, by FROM accreditation.accreditation_events
       WHERE accreditation_id = ANY($1::uuid[]) ORDER BY id`,
      [accreditationIds],
    );
    return accreditationIds.map((id) =>
      rows
        .filter((r) => r.accreditation_id === id)
        .map(({ status, reason, at, by }) => ({ status, reason, at, by })),
    );
  }

  /**
   * Every card a gate must refuse whatever its token says: suspended, revoked,
   * or reissued (a token_version above 1 means older printed tokens exist).
   * The predicate is the one of the partial index accreditations_deny_list_idx.
   */
  async denyList(): Promise<CardDenyListEntry[]> {
    const rows: { card_number: string; status: AccreditationStatus; token_version: number }[] =
      await this.dataSource.query(
        `SELECT card_number, status, token_version FROM accreditation.accreditations
         WHERE status IN ('SUSPENDED', 'REVOKED') OR token_version > 1
         ORDER BY card_number`,
      );
    return rows.map((r) => ({
      cardNumber: r.card_number,
      status: r.status,
      tokenVersion: r.token_version,
    }));
  }

  /**
   * Applies one lifecycle action under a row lock, records it in the history
   * and, on approval or reissue, signs a new card token.
   */
  async apply(
    id: string,
    action: LifecycleAction,
    reason: string | null,
    by: string | null,
  ): Promise<Accreditation> {
    if (!isUuid(id)) throw new NotFoundError('Accreditation', id);
    return this.dataSource.transaction(async (manager) => {
      const rows: (AccreditationRow & {
        given_name: string;
        family_name: string;
        organisation_code: string;
      })[] = await manager.query(
        `SELECT a.*, p.given_name, p.family_name, o.code AS organisation_code
         FROM accreditation.accreditations a
         JOIN accreditation.people p ON p.id = a.person_id
         JOIN accreditation.organisations o ON o.id = p.organisation_id
         WHERE a.id = $1 FOR UPDATE OF a`,
        [id],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError('Accreditation', id);
      const next = transition(
        { status: row.status, statusBeforeSuspension: row.status_before_suspension },
        action,
      );
      let { token_version: tokenVersion, card_token: cardToken } = row;
      if (SIGNING_ACTIONS.has(action)) {
        tokenVersion += 1;
        // A card names only what the catalogue has now (its codes may have been registered before a change).
        refuseOutsideCatalogue(
          catalogueProblems(await this.venues.codes(manager), row.venues, row.zones),
        );
        cardToken = await this.cardKeys.sign(
          {
            cn: row.card_number,
            tv: tokenVersion,
            vf: row.valid_from.toISOString(),
            vu: row.valid_until.toISOString(),
            ven: row.venues,
            zon: row.zones,
          },
          await this.venues.catalogue(manager),
        );
      }
      // (TypeORM answers an UPDATE with [rows, count], so the row is rebuilt from what was set.)
      await manager.query(
        `UPDATE accreditation.accreditations
         SET status = $2, status_before_suspension = $3, token_version = $4, card_token = $5, updated_at = now()
         WHERE id = $1`,
        [id, next.status, next.statusBeforeSuspension, tokenVersion, cardToken],
      );
      await manager.query(
        `INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by)
         VALUES ($1, $2, $3, $4)`,
        [id, next.status, reason ?? (action === 'reissue' ? 'card reissued' : null), by],
      );
      return toAccreditation({
        ...row,
        status: next.status,
        status_before_suspension: next.statusBeforeSuspension,
        token_version: tokenVersion,
        card_token: cardToken,
      });
    });
  }
}
