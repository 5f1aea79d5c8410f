import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { transition, type LifecycleAction } from '#libs/accreditation/lifecycle.js';
import {
  BadUserInputError,
  ConflictError,
  DomainError,
  NotFoundError,
} from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import type {
  Accreditation,
  AccreditationEvent,
} from '#apps/accreditation/accreditations/accreditation.type.js';
import { CardKeysService } from '#apps/accreditation/cards/card-keys.service.js';
import {
  catalogueProblems,
  refuseOutsideCatalogue,
  VenuesService,
  type CatalogueCodes,
} from '#apps/accreditation/venues/venues.service.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { PortraitStore } from '#apps/accreditation/photos/portrait-store.js';
import type { CardCatalogue } from '#libs/accreditation/card-token.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

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

type LockedRow = AccreditationRow & { given_name: string; family_name: string };

/** The most approveAccreditations (and suspendAccreditations) take at once (the contract's limit). */
export const MAX_BATCH_APPROVALS = 1000;

/** Actions that (re)sign the card token with a new version. */
const SIGNING_ACTIONS: ReadonlySet<LifecycleAction> = new Set(['approve', 'reissue']);

@Injectable()
export class AccreditationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cardKeys: CardKeysService,
    private readonly venues: VenuesService,
    private readonly portraits: PortraitStore,
    private readonly config: AccreditationConfig,
  ) {}

  async byPersonIds(personIds: readonly string[]): Promise<(Accreditation | null)[]> {
    const rows: AccreditationRow[] = await this.dataSource.query(
      AccreditationSql.accreditations.byPersonIds,
      [personIds.filter(isUuid)],
    );
    const byPerson = new Map(rows.map((r) => [r.person_id, toAccreditation(r)]));
    return personIds.map((id) => byPerson.get(id) ?? null);
  }

  async historyOf(accreditationIds: readonly string[]): Promise<AccreditationEvent[][]> {
    const rows: (AccreditationEvent & { accreditation_id: string })[] = await this.dataSource.query(
      AccreditationSql.history.byAccreditationIds,
      [accreditationIds],
    );
    return accreditationIds.map((id) =>
      rows
        .filter((r) => r.accreditation_id === id)
        .map(({ status, reason, at, by, changes }) => ({ status, reason, at, by, changes })),
    );
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
      const [row] = await this.lock(manager, [id]);
      if (!row) throw new NotFoundError('Accreditation', id);
      if (action === 'approve') {
        transition(
          { status: row.status, statusBeforeSuspension: row.status_before_suspension },
          action,
        );
        const [problem] = await this.portraitProblems([row]);
        if (problem) throw new ConflictError(problem.message);
      }
      return this.applyTo(manager, row, action, reason, by, new Signing(this.venues, manager));
    });
  }

  /**
   * Approves many accreditations at once, all or nothing: when any id is
   * unknown, not SUBMITTED or (by default) its holder has no portrait, nothing
   * changes and the error names each one.
   */
  async approveMany(ids: readonly string[], by: string | null): Promise<Accreditation[]> {
    return this.applyToMany(ids, 'approve', null, by, 'approved', async (rows) => [
      ...rows
        .filter((r) => r.status !== AccreditationStatus.SUBMITTED)
        .map((r) => ({
          id: r.id,
          message: `card ${r.card_number} (${r.given_name} ${r.family_name}) is ${r.status}, not SUBMITTED`,
        })),
      ...(await this.portraitProblems(rows)),
    ]);
  }

  /**
   * Suspends many accreditations at once for one reason, all or nothing: when
   * any id is unknown or not APPROVED or ACTIVE, nothing changes and the error
   * names each one.
   */
  async suspendMany(
    ids: readonly string[],
    reason: string,
    by: string | null,
  ): Promise<Accreditation[]> {
    return this.applyToMany(ids, 'suspend', reason, by, 'suspended', (rows) =>
      Promise.resolve(
        rows
          .filter(
            (r) =>
              r.status !== AccreditationStatus.APPROVED && r.status !== AccreditationStatus.ACTIVE,
          )
          .map((r) => ({
            id: r.id,
            message: `card ${r.card_number} (${r.given_name} ${r.family_name}) is ${r.status}, not APPROVED or ACTIVE`,
          })),
      ),
    );
  }

  /** One action on many accreditations in one transaction, or on none (see approveMany). */
  private async applyToMany(
    ids: readonly string[],
    action: LifecycleAction,
    reason: string | null,
    by: string | null,
    done: string,
    problemsOf: (rows: LockedRow[]) => Promise<{ id: string; message: string }[]>,
  ): Promise<Accreditation[]> {
    if (ids.length > MAX_BATCH_APPROVALS) {
      throw new BadUserInputError([
        { field: 'ids', message: `lists ${ids.length}: at most ${MAX_BATCH_APPROVALS} at once` },
      ]);
    }
    const unknown = ids.map((id, i) => ({ id, i })).filter(({ id }) => !isUuid(id));
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.lock(manager, ids.filter(isUuid));
      const byId = new Map(rows.map((r) => [r.id, r]));
      unknown.push(
        ...ids.map((id, i) => ({ id, i })).filter(({ id }) => isUuid(id) && !byId.has(id)),
      );
      if (unknown.length > 0) {
        throw new BadUserInputError(
          unknown
            .sort((a, b) => a.i - b.i)
            .map(({ id, i }) => ({ field: `ids[${i}]`, message: `${id} is not an accreditation` })),
        );
      }
      const unique = [...byId.values()];
      const problems = await problemsOf(unique);
      if (problems.length > 0) {
        throw new DomainError(
          'CONFLICT',
          `Nothing was ${done}: ${problems.map((p) => p.message).join('; ')}`,
          { accreditations: problems },
        );
      }
      const signing = new Signing(this.venues, manager);
      const changed = new Map<string, Accreditation>();
      for (const row of unique) {
        changed.set(row.id, await this.applyTo(manager, row, action, reason, by, signing));
      }
      return ids.map((id) => changed.get(id)!);
    });
  }

  /**
   * Gives a card a new token inside the caller's transaction, from what its row
   * holds now (after a change of its privileges): the card printed before is
   * then SUPERSEDED_TOKEN at the gates, as after reissueCard.
   */
  async reissueWithin(
    manager: EntityManager,
    id: string,
    reason: string,
    by: string | null,
  ): Promise<Accreditation> {
    const [row] = await this.lock(manager, [id]);
    if (!row) throw new NotFoundError('Accreditation', id);
    return this.applyTo(manager, row, 'reissue', reason, by, new Signing(this.venues, manager));
  }

  /** The rows, locked (in id order, so two batches cannot deadlock), with their holder's names. */
  private async lock(manager: EntityManager, ids: readonly string[]): Promise<LockedRow[]> {
    if (ids.length === 0) return [];
    return manager.query(AccreditationSql.accreditations.lockWithHolders, [ids]);
  }

  /** Approval needs the holder's portrait (unless PORTRAIT_REQUIRED_FOR_APPROVAL=false). */
  private async portraitProblems(rows: LockedRow[]): Promise<{ id: string; message: string }[]> {
    if (!this.config.portraitRequiredForApproval || rows.length === 0) return [];
    const portraits = await this.portraits.describe(rows.map((r) => r.person_id));
    return rows
      .filter((_, i) => !portraits[i])
      .map((r) => ({
        id: r.id,
        message: `card ${r.card_number} (${r.given_name} ${r.family_name}) has no portrait: take or upload one before approval`,
      }));
  }

  private async applyTo(
    manager: EntityManager,
    row: LockedRow,
    action: LifecycleAction,
    reason: string | null,
    by: string | null,
    signing: Signing,
  ): Promise<Accreditation> {
    const id = row.id;
    const next = transition(
      { status: row.status, statusBeforeSuspension: row.status_before_suspension },
      action,
    );
    let { token_version: tokenVersion, card_token: cardToken } = row;
    if (SIGNING_ACTIONS.has(action)) {
      tokenVersion += 1;
      // A card names only what the catalogue has now (its codes may have been registered before a change).
      refuseOutsideCatalogue(catalogueProblems(await signing.codes(), row.venues, row.zones));
      cardToken = await this.cardKeys.sign(
        {
          cn: row.card_number,
          tv: tokenVersion,
          vf: row.valid_from.toISOString(),
          vu: row.valid_until.toISOString(),
          ven: row.venues,
          zon: row.zones,
        },
        await signing.catalogue(),
      );
    }
    // (TypeORM answers an UPDATE with [rows, count], so the row is rebuilt from what was set.)
    await manager.query(AccreditationSql.accreditations.setLifecycle, [
      id,
      next.status,
      next.statusBeforeSuspension,
      tokenVersion,
      cardToken,
    ]);
    await manager.query(AccreditationSql.history.append, [
      id,
      next.status,
      reason ?? (action === 'reissue' ? 'card reissued' : null),
      by,
    ]);
    return toAccreditation({
      ...row,
      status: next.status,
      status_before_suspension: next.statusBeforeSuspension,
      token_version: tokenVersion,
      card_token: cardToken,
    });
  }
}

/** The catalogue, read once per transaction however many cards it signs. */
class Signing {
  private codesRead?: Promise<CatalogueCodes>;
  private catalogueRead?: Promise<CardCatalogue>;

  constructor(
    private readonly venues: VenuesService,
    private readonly manager: EntityManager,
  ) {}

  codes(): Promise<CatalogueCodes> {
    return (this.codesRead ??= this.venues.codes(this.manager));
  }

  catalogue(): Promise<CardCatalogue> {
    return (this.catalogueRead ??= this.venues.catalogue(this.manager));
  }
}
