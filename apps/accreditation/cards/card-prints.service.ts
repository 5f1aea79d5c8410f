import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { BadUserInputError, ConflictError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import { renderCardsPdf, type CardPrint } from '#apps/accreditation/cards/card-pdf.js';
import { FileLinks } from '#apps/accreditation/photos/file-links.js';
import { PortraitStore } from '#apps/accreditation/photos/portrait-store.js';

/** The most cards one print run (one PDF) holds. */
export const MAX_PRINT_RUN = 500;

interface PrintRow {
  id: string;
  person_id: string;
  card_number: string;
  category: string;
  category_name: string | null;
  status: AccreditationStatus;
  venues: string[];
  zones: string[];
  valid_from: Date;
  valid_until: Date;
  card_token: string | null;
  given_name: string;
  family_name: string;
  function: string;
  organisation_name: string;
}

/** Printable cards: links to them, and the PDFs behind the links. */
@Injectable()
export class CardPrintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly portraits: PortraitStore,
    private readonly links: FileLinks,
  ) {}

  /** The link to one accreditation's card (only for one with a card token). */
  cardLink(accreditationId: string): string {
    return this.links.link(`cards/${accreditationId}`);
  }

  /**
   * A print run of these accreditations, in the order given: each must exist
   * and have a card (not SUBMITTED), or nothing is made and each is named.
   */
  async printRunLink(ids: readonly string[], by: string | null): Promise<string> {
    if (ids.length === 0 || ids.length > MAX_PRINT_RUN) {
      throw new BadUserInputError([
        { field: 'accreditationIds', message: `must list 1 to ${MAX_PRINT_RUN} accreditations` },
      ]);
    }
    const rows = await this.rows(ids.filter(isUuid));
    const found = new Map(rows.map((r) => [r.id, r]));
    const unknown = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ id, i }) => ({
        field: `accreditationIds[${i}]`,
        message: `${id} is not an accreditation`,
      }));
    if (unknown.length > 0) throw new BadUserInputError(unknown);
    const noCard = rows.filter((r) => !r.card_token);
    if (noCard.length > 0) {
      throw new ConflictError(
        `No card to print yet (still SUBMITTED): ${noCard
          .map((r) => `card ${r.card_number} (${r.given_name} ${r.family_name})`)
          .join(', ')}`,
      );
    }
    const [run]: { id: string }[] = await this.dataSource.query(AccreditationSql.printRuns.insert, [
      ids,
      by,
    ]);
    return this.links.link(`print-runs/${run.id}`);
  }

  /** The people a print run shows (for the audit trail). */
  async peopleOf(ids: readonly string[]): Promise<string[]> {
    return (await this.rows(ids.filter(isUuid))).map((r) => r.person_id);
  }

  /** One card's PDF, or null when it has no card. */
  async cardPdf(accreditationId: string): Promise<Uint8Array | null> {
    const rows = await this.rows([accreditationId]);
    if (rows.length === 0 || !rows[0].card_token) return null;
    return renderCardsPdf(await this.prints(rows));
  }

  /** A print run's PDF, or null when there is no such run. */
  async printRunPdf(runId: string): Promise<Uint8Array | null> {
    const runs: { accreditation_ids: string[] }[] = await this.dataSource.query(
      AccreditationSql.printRuns.accreditationIds,
      [runId],
    );
    if (runs.length === 0) return null;
    const ids = runs[0].accreditation_ids;
    const byId = new Map((await this.rows(ids)).map((r) => [r.id, r]));
    // A card revoked back to SUBMITTED cannot happen; one without a token now is left out.
    const rows = ids.map((id) => byId.get(id)).filter((r): r is PrintRow => !!r?.card_token);
    return renderCardsPdf(await this.prints(rows));
  }

  private async prints(rows: PrintRow[]): Promise<CardPrint[]> {
    const prints: CardPrint[] = [];
    for (const r of rows) {
      prints.push({
        cardNumber: r.card_number,
        givenName: r.given_name,
        familyName: r.family_name,
        organisation: r.organisation_name,
        function: r.function,
        category: r.category,
        categoryName: r.category_name,
        venues: r.venues,
        zones: r.zones,
        validFrom: r.valid_from,
        validUntil: r.valid_until,
        cardToken: r.card_token!,
        portrait: await this.portraits.read(r.person_id, 'full'),
      });
    }
    return prints;
  }

  private rows(ids: readonly string[]): Promise<PrintRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(AccreditationSql.accreditations.prints, [ids]);
  }
}
