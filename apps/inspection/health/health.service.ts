import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#libs/auth/principal.js';
import { BadUserInputError, ConflictError, NotFoundError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { findContacts } from '#libs/movement/contacts.js';
import {
  ClosedLoopService,
  type LoopState,
} from '#apps/inspection/closed-loop/closed-loop.service.js';
import type { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import {
  TestResult,
  type Contact,
  type TestResultInput,
} from '#apps/inspection/health/health.type.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A close contact is tested twice as often. */
const CLOSE_CONTACT_TEST_INTERVAL_HOURS = 12;
/** Longest window a contact trace may cover. */
const MAX_TRACE_DAYS = 31;

function requirePersonId(personId: string): void {
  if (!isUuid(personId))
    throw new BadUserInputError([{ field: 'personId', message: 'must be a person id (UUID)' }]);
}

const byWhom = (principal: Principal | null) =>
  principal ? `${principal.kind}:${principal.id}` : 'system';

/**
 * The health rules of DESIGN.md: tests move the test clock or isolate,
 * release ends isolation, a contact trace designates close contacts. Every
 * change takes the person's lock (the one a check-in takes), so a gate never
 * decides on a half-applied result.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly closedLoop: ClosedLoopService,
    private readonly config: InspectionConfig,
  ) {}

  /** Hours until the next test is due after a sample taken at `at`. */
  private intervalHours(state: LoopState, at: Date): number {
    const closeContact =
      state.status === ClosedLoopStatus.CLOSE_CONTACT ||
      (state.closeContactUntil !== null && at.getTime() < state.closeContactUntil.getTime());
    return closeContact ? CLOSE_CONTACT_TEST_INTERVAL_HOURS : this.config.TEST_INTERVAL_HOURS;
  }

  async recordTestResult(
    input: TestResultInput,
    principal: Principal | null,
  ): Promise<ClosedLoopState> {
    const fingerprint = JSON.stringify([
      input.personId.toLowerCase(),
      input.sampledAt.toISOString(),
      input.result,
    ]);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 3))`, [
        input.id.toLowerCase(),
      ]);
      const previous: { fingerprint: string; person_id: string }[] = await manager.query(
        `SELECT fingerprint, person_id FROM inspection.test_results WHERE id = $1`,
        [input.id],
      );
      if (previous[0]) {
        if (previous[0].fingerprint !== fingerprint) {
          throw new ConflictError(
            `Test result ${input.id} was already recorded with other content`,
          );
        }
        return (await this.closedLoop.byPersonIds([previous[0].person_id], manager))[0];
      }
      const state = await this.closedLoop.lockAndRead(manager, input.personId);
      if (state.status === ClosedLoopStatus.OUTSIDE) {
        throw new NotFoundError('Person in the closed loop (arrived)', input.personId);
      }
      await manager.query(
        `INSERT INTO inspection.test_results (id, person_id, sampled_at, result, fingerprint)
         VALUES ($1, $2, $3, $4, $5)`,
        [input.id, input.personId, input.sampledAt, input.result, fingerprint],
      );
      // A result older than the latest sample changes nothing: it is kept, not applied.
      if (state.lastSampledAt && input.sampledAt.getTime() < state.lastSampledAt.getTime())
        return state;
      const at = input.sampledAt;
      let next: LoopState;
      if (input.result === TestResult.POSITIVE) {
        next = {
          ...state,
          lastSampledAt: at,
          status:
            state.status === ClosedLoopStatus.EXITED ? state.status : ClosedLoopStatus.ISOLATED,
        };
      } else {
        const stillClose =
          state.closeContactUntil !== null && state.closeContactUntil.getTime() > Date.now();
        next = {
          ...state,
          lastSampledAt: at,
          lastNegativeTestAt: at,
          testDueBy: new Date(at.getTime() + this.intervalHours(state, at) * HOUR_MS),
          status:
            state.status === ClosedLoopStatus.CLOSE_CONTACT && !stillClose
              ? ClosedLoopStatus.IN_LOOP
              : state.status,
        };
      }
      await this.closedLoop.save(manager, input.personId, next);
      if (next.status !== state.status) {
        await this.history(
          manager,
          input.personId,
          next.status,
          `test ${input.id}: ${input.result}`,
          principal,
        );
      }
      return next;
    });
  }

  async releaseFromIsolation(
    personId: string,
    reason: string,
    principal: Principal | null,
  ): Promise<ClosedLoopState> {
    requirePersonId(personId);
    const why = reason.trim();
    if (why.length === 0 || why.length > 500) {
      throw new BadUserInputError([{ field: 'reason', message: 'must be 1 to 500 characters' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const state = await this.closedLoop.lockAndRead(manager, personId);
      if (state.status !== ClosedLoopStatus.ISOLATED) {
        throw new ConflictError(`Person ${personId} is ${state.status}, not ISOLATED`);
      }
      const stillClose =
        state.closeContactUntil !== null && state.closeContactUntil.getTime() > Date.now();
      const next: LoopState = {
        ...state,
        status: stillClose ? ClosedLoopStatus.CLOSE_CONTACT : ClosedLoopStatus.IN_LOOP,
      };
      await this.closedLoop.save(manager, personId, next);
      await this.history(manager, personId, next.status, `released: ${why}`, principal);
      return next;
    });
  }

  /**
   * Traces the person's contacts over [from, to) and makes each one
   * CLOSE_CONTACT until now + CLOSE_CONTACT_DAYS; an ISOLATED contact stays
   * ISOLATED (and becomes CLOSE_CONTACT when released within that time), one
   * who has left the loop stays EXITED. Contacts are locked in id order, so
   * two designations never deadlock.
   */
  async designateCloseContacts(
    personId: string,
    from: Date,
    to: Date,
    minMinutes: number,
    principal: Principal | null,
  ): Promise<Contact[]> {
    requirePersonId(personId);
    const problems = [];
    if (from.getTime() >= to.getTime())
      problems.push({ field: 'to', message: 'must be after from' });
    if (to.getTime() - from.getTime() > MAX_TRACE_DAYS * DAY_MS) {
      problems.push({
        field: 'from',
        message: `the window may cover at most ${MAX_TRACE_DAYS} days`,
      });
    }
    if (!Number.isInteger(minMinutes) || minMinutes < 1 || minMinutes > 24 * 60) {
      problems.push({ field: 'minMinutes', message: 'must be between 1 and 1440' });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const contacts = await findContacts(manager, personId, from, to, minMinutes);
      const until = new Date(Date.now() + this.config.CLOSE_CONTACT_DAYS * DAY_MS);
      const ids = [...new Set(contacts.map((c) => c.personId))].sort();
      for (const id of ids) {
        const state = await this.closedLoop.lockAndRead(manager, id);
        const closeContactUntil =
          state.closeContactUntil && state.closeContactUntil.getTime() > until.getTime()
            ? state.closeContactUntil
            : until;
        const keeps =
          state.status === ClosedLoopStatus.ISOLATED ||
          state.status === ClosedLoopStatus.EXITED ||
          state.status === ClosedLoopStatus.OUTSIDE;
        const next: LoopState = {
          ...state,
          status: keeps ? state.status : ClosedLoopStatus.CLOSE_CONTACT,
          closeContactUntil,
        };
        await this.closedLoop.save(manager, id, next);
        await this.history(
          manager,
          id,
          next.status,
          `close contact of ${personId} until ${until.toISOString()}`,
          principal,
        );
      }
      return contacts.map((c) => ({
        person: { id: c.personId },
        totalMinutes: c.totalMinutes,
        encounters: c.encounters,
      }));
    });
  }

  private async history(
    manager: EntityManager,
    personId: string,
    status: ClosedLoopStatus,
    reason: string,
    principal: Principal | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO inspection.closed_loop_history (person_id, status, reason, by) VALUES ($1, $2, $3, $4)`,
      [personId, status, reason, byWhom(principal)],
    );
  }
}
