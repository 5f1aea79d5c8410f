import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { userEmail } from '#libs/auth/identity-lookup.js';
import type { Principal } from '#libs/auth/principal.js';
import { Clock } from '#libs/common/clock.js';
import { BadUserInputError, ConflictError, NotFoundError } from '#libs/common/errors.js';
import { compensationFor } from '#libs/movement/annulment.js';
import { appendMovementEvents, type NewMovementEvent } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import type { MovementPoint } from '#libs/movement/stays.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import { Annulment } from '#apps/inspection/check-ins/annulment.type.js';
import type { CheckIn } from '#apps/inspection/check-ins/check-in.type.js';
import { CheckInsService } from '#apps/inspection/check-ins/check-ins.service.js';

/** How long after it was recorded a scan may be annulled. */
export const ANNUL_WINDOW_MS = 15 * 60 * 1000;
const MAX_REASON_LENGTH = 500;

interface AnnulmentRow {
  check_in_id: string;
  annulled_at: Date;
  annulled_by: string;
  reason: string;
}

const PG_UNIQUE_VIOLATION = '23505';

/**
 * annulCheckIn: a mistaken scan is kept and marked, and the entry or exit it
 * put in the movement log is undone by compensating events
 * (libs/movement/annulment.ts), in one transaction with the mark.
 */
@Injectable()
export class AnnulmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkIns: CheckInsService,
    private readonly clock: Clock,
  ) {}

  async annul(id: string, reason: string, principal: Principal): Promise<CheckIn> {
    const now = this.clock.now();
    if (!isUUID(id))
      throw new BadUserInputError([{ field: 'id', message: 'is not a check-in id' }]);
    const why = reason.trim();
    if (why.length === 0 || why.length > MAX_REASON_LENGTH) {
      throw new BadUserInputError([
        { field: 'reason', message: `must say why, in 1 to ${MAX_REASON_LENGTH} characters` },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const checkIn = await this.checkIns.byId(id, manager);
      if (!checkIn) throw new NotFoundError('Check-in', id);
      if (now.getTime() - checkIn.recordedAt.getTime() > ANNUL_WINDOW_MS) {
        throw new ConflictError(
          `Check-in ${id} was recorded more than ${ANNUL_WINDOW_MS / 60_000} minutes ago and can no longer be annulled`,
        );
      }
      const undo = checkIn.personId ? await this.undoing(manager, id, checkIn.personId) : [];
      // The key refuses a second annulment, also one racing this (it waits, then fails).
      await manager
        .query(InspectionSql.annulments.insert, [
          id,
          now,
          await this.nameOf(manager, principal),
          why,
          undo.map((e) => e.id),
        ])
        .catch((error: { code?: string }) => {
          if (error.code === PG_UNIQUE_VIOLATION) {
            throw new ConflictError(`Check-in ${id} was already annulled`);
          }
          throw error;
        });
      await appendMovementEvents(manager, undo);
    });
    const annulled = await this.checkIns.byId(id);
    if (!annulled) throw new NotFoundError('Check-in', id);
    return annulled;
  }

  /** The annulments of these check-ins, in their order (null where none). */
  async byCheckInIds(ids: readonly string[]): Promise<(Annulment | null)[]> {
    const rows: AnnulmentRow[] = await this.dataSource.query(
      InspectionSql.annulments.byCheckInIds,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.check_in_id, r]));
    return ids.map((id) => {
      const row = byId.get(id.toLowerCase());
      return row ? { at: row.annulled_at, by: row.annulled_by, reason: row.reason } : null;
    });
  }

  private async nameOf(manager: EntityManager, principal: Principal): Promise<string> {
    if (principal.kind === 'apiKey') return principal.name;
    return (await userEmail(manager, principal.id)) ?? principal.id;
  }

  /**
   * The events that undo the scan's movement event, if it made one (an admitted
   * scan's id is its event's id), at its instant. The person's events up to it are
   * read in full: a stay counts however long ago it began.
   */
  private async undoing(
    manager: EntityManager,
    eventId: string,
    personId: string,
  ): Promise<NewMovementEvent[]> {
    const rows: {
      id: string;
      location: string;
      kind: 'ENTRY' | 'EXIT';
      occurred_at: Date;
      recorded_at: Date;
    }[] = await manager.query(InspectionSql.annulments.movementsUpTo, [personId, eventId]);
    const history: MovementPoint[] = rows.map((r) => ({
      id: r.id,
      location: r.location,
      kind: r.kind,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
    }));
    const annulled = history.find((e) => e.id === eventId.toLowerCase());
    if (!annulled) return []; // a denied scan moved no one
    const undo = compensationFor(history, annulled);
    // The log breaks ties of instant and recording by id: ascending ids keep the order.
    const ids = undo.map(() => randomUUID()).sort();
    return undo.map((event, i) => ({
      id: ids[i],
      personId,
      location: event.location,
      kind: event.kind === 'ENTRY' ? MovementKind.ENTRY : MovementKind.EXIT,
      occurredAt: annulled.occurredAt,
      source: `annulment:${eventId.toLowerCase()}`,
    }));
  }
}
