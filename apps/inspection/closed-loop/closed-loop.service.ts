import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '#libs/common/ids.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import type { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';

interface LoopRow {
  person_id: string;
  status: ClosedLoopStatus;
  entered_at: Date | null;
  last_negative_test_at: Date | null;
  last_sampled_at: Date | null;
  test_due_by: Date | null;
  close_contact_until: Date | null;
}

/** The stored state: what clients see, plus when the latest sample was taken (older results change nothing). */
export interface LoopState extends ClosedLoopState {
  lastSampledAt: Date | null;
}

/** Someone with no row has not arrived yet. */
export const OUTSIDE: LoopState = {
  status: ClosedLoopStatus.OUTSIDE,
  enteredAt: null,
  lastNegativeTestAt: null,
  lastSampledAt: null,
  testDueBy: null,
  closeContactUntil: null,
};

const toState = (r: LoopRow): LoopState => ({
  status: r.status,
  enteredAt: r.entered_at,
  lastNegativeTestAt: r.last_negative_test_at,
  lastSampledAt: r.last_sampled_at,
  testDueBy: r.test_due_by,
  closeContactUntil: r.close_contact_until,
});

@Injectable()
export class ClosedLoopService {
  constructor(private readonly dataSource: DataSource) {}

  async byPersonIds(
    ids: readonly string[],
    manager: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<LoopState[]> {
    const rows: LoopRow[] = await manager.query(
      `SELECT * FROM inspection.closed_loop WHERE person_id = ANY($1::uuid[])`,
      [ids.filter(isUuid)],
    );
    const byId = new Map(rows.map((r) => [r.person_id, toState(r)]));
    return ids.map((id) => byId.get(id) ?? OUTSIDE);
  }

  /**
   * Serialises everything that happens to one person (scans at any gate,
   * arrival, tests) for the rest of the transaction, then reads their state.
   * One statement when the person has a row (its row lock; after a wait,
   * PostgreSQL hands back the newest version). Without a row (not arrived
   * yet) an advisory lock on the id stands in, and whoever creates the row
   * holds it, so a second caller waits and then finds the row, locked.
   */
  async lockAndRead(manager: EntityManager, personId: string): Promise<LoopState> {
    const locked: LoopRow[] = await manager.query(
      `SELECT * FROM inspection.closed_loop WHERE person_id = $1 FOR UPDATE`,
      [personId],
    );
    if (locked[0]) return toState(locked[0]);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [personId]);
    const state: LoopRow[] = await manager.query(
      `SELECT * FROM inspection.closed_loop WHERE person_id = $1 FOR UPDATE`,
      [personId],
    );
    return state[0] ? toState(state[0]) : OUTSIDE;
  }

  async save(
    manager: EntityManager,
    personId: string,
    state: ClosedLoopState & { lastSampledAt?: Date | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO inspection.closed_loop
         (person_id, status, entered_at, last_negative_test_at, last_sampled_at, test_due_by,
          close_contact_until, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (person_id) DO UPDATE SET status = $2, entered_at = $3, last_negative_test_at = $4,
         last_sampled_at = $5, test_due_by = $6, close_contact_until = $7, updated_at = now()`,
      [
        personId,
        state.status,
        state.enteredAt,
        state.lastNegativeTestAt,
        state.lastSampledAt ?? null,
        state.testDueBy,
        state.closeContactUntil,
      ],
    );
  }
}
