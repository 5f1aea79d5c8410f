import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#libs/auth/principal.js';
import { Clock } from '#libs/common/clock.js';
import { isUuid } from '#libs/common/ids.js';
import {
  current,
  OUTSIDE,
  transition,
  type LoopChange,
  type LoopEvent,
  type LoopState,
  type LoopTransition,
} from '#libs/inspection/closed-loop-machine.js';
import type { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

export { OUTSIDE, type LoopState } from '#libs/inspection/closed-loop-machine.js';

interface LoopRow {
  person_id: string;
  status: ClosedLoopStatus;
  entered_at: Date | null;
  last_negative_test_at: Date | null;
  last_sampled_at: Date | null;
  test_due_by: Date | null;
  close_contact_until: Date | null;
}

const toState = (r: LoopRow): LoopState => ({
  status: r.status,
  enteredAt: r.entered_at,
  lastNegativeTestAt: r.last_negative_test_at,
  lastSampledAt: r.last_sampled_at,
  testDueBy: r.test_due_by,
  closeContactUntil: r.close_contact_until,
});

/** Who made a change, as the history records it. */
export const byWhom = (principal: Principal | null): string =>
  principal ? `${principal.kind}:${principal.id}` : 'system';

/**
 * Stores the closed loop: every change goes through the state machine
 * (libs/inspection/closed-loop-machine.ts) in apply(), which saves the state and a
 * history line per step (who, when, why) in the caller's transaction.
 */
@Injectable()
export class ClosedLoopService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: InspectionConfig,
  ) {}

  /** The states as they stand now (an expired close contact reads IN_LOOP). */
  async byPersonIds(
    ids: readonly string[],
    manager: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<LoopState[]> {
    const rows: LoopRow[] = await manager.query(InspectionSql.closedLoop.byPersonIds, [
      ids.filter(isUuid),
    ]);
    const now = this.clock.now();
    const byId = new Map(rows.map((r) => [r.person_id, current(toState(r), now).state]));
    return ids.map((id) => byId.get(id) ?? OUTSIDE);
  }

  /**
   * Serialises everything that happens to one person (scans at any gate,
   * arrival, tests) for the rest of the transaction, then reads their stored state
   * (not yet expired: apply() and current() do that).
   * One statement when the person has a row (its row lock; after a wait,
   * PostgreSQL hands back the newest version). Without a row (not arrived
   * yet) an advisory lock on the id stands in, and whoever creates the row
   * holds it, so a second caller waits and then finds the row, locked.
   */
  async lockAndRead(manager: EntityManager, personId: string): Promise<LoopState> {
    const locked: LoopRow[] = await manager.query(InspectionSql.closedLoop.lock, [personId]);
    if (locked[0]) return toState(locked[0]);
    await manager.query(InspectionSql.locks.person, [personId]);
    const state: LoopRow[] = await manager.query(InspectionSql.closedLoop.lock, [personId]);
    return state[0] ? toState(state[0]) : OUTSIDE;
  }

  /**
   * One transition of the person's closed loop: locks, applies the event at the clock's
   * now, saves the state and writes its history. `stored` is the state the caller read
   * with lockAndRead in this transaction, if it did.
   */
  async apply(
    manager: EntityManager,
    personId: string,
    event: LoopEvent,
    principal: Principal | null,
    stored?: LoopState,
  ): Promise<LoopTransition> {
    const before = stored ?? (await this.lockAndRead(manager, personId));
    const now = this.clock.now();
    const result = transition(before, event, now, {
      testIntervalHours: this.config.TEST_INTERVAL_HOURS,
      closeContactDays: this.config.CLOSE_CONTACT_DAYS,
    });
    await this.save(manager, personId, result.state, now);
    await this.writeHistory(manager, personId, result.changes, byWhom(principal));
    return result;
  }

  /**
   * Stores what time alone has changed (a close contact whose days have run out is
   * IN_LOOP again), with its history line by `system`; the expiry sweep calls it.
   */
  async settle(manager: EntityManager, personId: string): Promise<LoopState> {
    const stored = await this.lockAndRead(manager, personId);
    const now = this.clock.now();
    const result = current(stored, now);
    if (result.changes.length === 0) return stored;
    await this.save(manager, personId, result.state, now);
    await this.writeHistory(manager, personId, result.changes, 'system');
    return result.state;
  }

  private async writeHistory(
    manager: EntityManager,
    personId: string,
    changes: readonly LoopChange[],
    who: string,
  ): Promise<void> {
    for (const change of changes) {
      await manager.query(InspectionSql.closedLoop.appendHistory, [
        personId,
        change.status,
        change.reason,
        change.expiry ? 'system' : who,
        change.at,
      ]);
    }
  }

  private async save(
    manager: EntityManager,
    personId: string,
    state: LoopState,
    now: Date,
  ): Promise<void> {
    await manager.query(InspectionSql.closedLoop.save, [
      personId,
      state.status,
      state.enteredAt,
      state.lastNegativeTestAt,
      state.lastSampledAt,
      state.testDueBy,
      state.closeContactUntil,
      now,
    ]);
  }
}
