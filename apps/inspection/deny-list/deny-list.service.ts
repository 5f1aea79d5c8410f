import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import type { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { DENY_LIST_HORIZON_HOURS, denyListEntry } from '#libs/inspection/gate-rules.js';
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
   * why). The SQL keeps the candidates, the cards the rule could list (not ACTIVE,
   * reissued, not in the loop or isolated, or a test due within the horizon), so the
   * many ACTIVE cards of people tested recently never leave the database. Cards come
   * from the accreditation owner's view accreditation.card_statuses, closed-loop
   * statuses from inspection.closed_loop_statuses (no row: not arrived).
   * `scope`: an organisation-bound caller sees its organisation's cards only.
   */
  async list(now: Date, scope: string | null): Promise<CardDenyListEntry[]> {
    const params: unknown[] = [now, DENY_LIST_HORIZON_HOURS];
    if (scope) params.push(scope);
    const rows: CardStateRow[] = await this.dataSource.query(
      `SELECT c.card_number, c.status, c.token_version,
              s.status AS loop_status, s.test_due_by
       FROM accreditation.card_statuses c
       LEFT JOIN inspection.closed_loop_statuses s ON s.person_id = c.person_id
       WHERE (c.status <> 'ACTIVE' OR c.token_version > 1
              OR s.status IS NULL OR s.status NOT IN ('IN_LOOP', 'CLOSE_CONTACT')
              OR s.test_due_by <= $1::timestamptz + $2 * interval '1 hour')
         ${scope ? 'AND c.organisation_id = $3' : ''}
       ORDER BY c.card_number`,
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
