import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accreditationCreatedAt } from '#libs/accreditation/people-lookup.js';
import type { Principal } from '#libs/auth/principal.js';
import { Clock } from '#libs/common/clock.js';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type FieldProblem,
} from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import { findContacts } from '#libs/movement/contacts.js';
import { contactTraceProblems } from '#libs/movement/query-window.js';
import { ClosedLoopService } from '#apps/inspection/closed-loop/closed-loop.service.js';
import type { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import type { Contact, TestResultInput } from '#apps/inspection/health/health.type.js';

/** How far ahead of the server's clock a sample time may be (clocks of lab systems drift). */
const MAX_SAMPLE_AHEAD_MS = 5 * 60_000;

function requirePersonId(personId: string): void {
  if (!isUuid(personId))
    throw new BadUserInputError([{ field: 'personId', message: 'must be a person id (UUID)' }]);
}

/**
 * The health rules of DESIGN.md through the closed-loop state machine: tests move the
 * test clock or isolate, release ends isolation, a contact trace designates close
 * contacts. Every change takes the person's lock (the one a check-in takes), so a gate
 * never decides on a half-applied result.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly closedLoop: ClosedLoopService,
    private readonly clock: Clock,
  ) {}

  async recordTestResult(
    input: TestResultInput,
    principal: Principal | null,
  ): Promise<ClosedLoopState> {
    const fingerprint = JSON.stringify([
      input.personId.toLowerCase(),
      input.sampledAt.toISOString(),
      input.result,
    ]);
    const now = this.clock.now();
    if (input.sampledAt.getTime() > now.getTime() + MAX_SAMPLE_AHEAD_MS) {
      throw new BadUserInputError([
        {
          field: 'input.sampledAt',
          message: `is more than 5 minutes in the future (server time ${now.toISOString()})`,
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(InspectionSql.locks.testResult, [input.id.toLowerCase()]);
      const previous: { fingerprint: string; person_id: string }[] = await manager.query(
        InspectionSql.testResults.byId,
        [input.id],
      );
      if (previous[0]) {
        if (previous[0].fingerprint !== fingerprint) {
          throw new ConflictError(
            `Test result ${input.id} was already recorded with other content`,
          );
        }
        const [state] = await this.closedLoop.byPersonIds([previous[0].person_id], manager);
        return { ...state, stateChanged: false };
      }
      const state = await this.closedLoop.lockAndRead(manager, input.personId);
      if (state.status === ClosedLoopStatus.OUTSIDE) {
        throw new NotFoundError('Person in the closed loop (arrived)', input.personId);
      }
      const created = await accreditationCreatedAt(manager, input.personId);
      if (created && input.sampledAt.getTime() < created.getTime()) {
        throw new BadUserInputError([
          {
            field: 'input.sampledAt',
            message: `is before the person's accreditation was created (${created.toISOString()})`,
          },
        ]);
      }
      await manager.query(InspectionSql.testResults.insert, [
        input.id,
        input.personId,
        input.sampledAt,
        input.result,
        fingerprint,
      ]);
      const { state: next, changed } = await this.closedLoop.apply(
        manager,
        input.personId,
        {
          kind: 'TEST_RESULT',
          result: input.result,
          sampledAt: input.sampledAt,
          testId: input.id,
        },
        principal,
        state,
      );
      return { ...next, stateChanged: changed };
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
      const result = await this.closedLoop.apply(
        manager,
        personId,
        { kind: 'RELEASE', reason: why },
        principal,
      );
      return result.state;
    });
  }

  /**
   * Traces the person's contacts over [from, to) and makes them (all, or those named in
   * personIds, each of whom must be one of them) close contacts through the state
   * machine: CLOSE_CONTACT for CLOSE_CONTACT_DAYS, next test at most 12 h away; an
   * ISOLATED contact stays ISOLATED, one who has left the loop stays EXITED. Contacts are
   * locked in id order, so two designations never deadlock.
   */
  async designateCloseContacts(
    personId: string,
    from: Date,
    to: Date,
    minMinutes: number,
    personIds: readonly string[] | null,
    principal: Principal | null,
  ): Promise<Contact[]> {
    requirePersonId(personId);
    const problems = contactTraceProblems({ personId, from, to, minMinutes });
    personIds?.forEach((id, i) => {
      if (!isUuid(id)) problems.push({ field: `personIds[${i}]`, message: 'must be a person id' });
    });
    if (problems.length > 0) throw new BadUserInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const contacts = await findContacts(manager, personId, from, to, minMinutes);
      let chosen = contacts;
      if (personIds) {
        const found = new Set(contacts.map((c) => c.personId.toLowerCase()));
        const strangers: FieldProblem[] = [];
        personIds.forEach((id, i) => {
          if (!found.has(id.toLowerCase())) {
            strangers.push({
              field: `personIds[${i}]`,
              message: `${id} is not a contact of ${personId} in that window`,
            });
          }
        });
        if (strangers.length > 0) throw new BadUserInputError(strangers);
        const wanted = new Set(personIds.map((id) => id.toLowerCase()));
        chosen = contacts.filter((c) => wanted.has(c.personId.toLowerCase()));
      }
      const ids = [...new Set(chosen.map((c) => c.personId))].sort();
      for (const id of ids) {
        await this.closedLoop.apply(
          manager,
          id,
          { kind: 'CLOSE_CONTACT', of: personId },
          principal,
        );
      }
      return chosen.map((c) => ({
        person: { id: c.personId },
        totalMinutes: c.totalMinutes,
        encounters: c.encounters,
      }));
    });
  }
}
