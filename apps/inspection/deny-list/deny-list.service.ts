import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import type { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { DENY_LIST_HORIZON_HOURS, denyListEntry } from '#libs/inspection/gate-rules.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import type { CardDenyListEntry } from '#apps/inspection/deny-list/deny-list.type.js';

interface CardStateRow {
  card_number: string;
  status: AccreditationStatus;
  token_version: number;
  loop_status: ClosedLoopStatus | null;
  test_due_by: Date | null;
}

@Injectable()
export class DenyListService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The deny list at `now` (libs/inspection/gate-rules.ts decides what is listed and
   * why). The SQL (InspectionSql.denyList) keeps the candidates, the cards the rule could
   * list, so the many ACTIVE cards of people tested recently never leave the database.
   * `scope`: an organisation-bound caller sees its organisation's cards only.
   */
  async list(now: Date, scope: string | null): Promise<CardDenyListEntry[]> {
    const params: unknown[] = [now, DENY_LIST_HORIZON_HOURS];
    if (scope) params.push(scope);
    const rows: CardStateRow[] = await this.dataSource.query(
      scope ? InspectionSql.denyList.ofOrganisation : InspectionSql.denyList.all,
      params,
    );
    return rows.flatMap((r) => {
      const entry = denyListEntry(
        { cardNumber: r.card_number, status: r.status, tokenVersion: r.token_version },
        { status: r.loop_status ?? 'OUTSIDE', testDueBy: r.test_due_by },
        now,
      );
      return entry ? [entry as CardDenyListEntry] : [];
    });
  }
}
