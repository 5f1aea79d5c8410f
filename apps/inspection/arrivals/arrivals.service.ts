import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { activateAccreditation } from '#libs/accreditation/activation.js';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { findCard, type CardRecord } from '#libs/accreditation/card-lookup.js';
import type { Principal } from '#libs/auth/principal.js';
import { Clock } from '#libs/common/clock.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import { normaliseCardNumber } from '#libs/accreditation/card-number.js';
import { BadUserInputError, ConflictError, NotFoundError } from '#libs/common/errors.js';
import { appendMovementEvents } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { AreaKind, type InspectionArea } from '#apps/inspection/areas/area.type.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import type {
  Arrival,
  ArrivalInput,
  DepartureInput,
} from '#apps/inspection/arrivals/arrival.type.js';
import { Decision, DenialReason } from '#apps/inspection/check-ins/check-in.type.js';
import { ClosedLoopService } from '#apps/inspection/closed-loop/closed-loop.service.js';
import type { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';

interface PortEventRow {
  id: string;
  kind: 'ARRIVAL' | 'DEPARTURE';
  area_code: string;
  person_id: string | null;
  decision: Decision;
  reasons: DenialReason[];
  occurred_at: Date;
  fingerprint: string;
}

/** Arrival rules of DESIGN.md, every reason that applies in the enum's order. */
export function arrivalReasons(
  card: CardRecord | null,
  documentNumber: string,
  at: Date,
): DenialReason[] {
  if (!card) return [DenialReason.UNKNOWN_CARD];
  const reasons: DenialReason[] = [];
  if (card.documentNumber.toUpperCase() !== documentNumber.trim().toUpperCase()) {
    reasons.push(DenialReason.DOCUMENT_MISMATCH);
  }
  if (card.status === AccreditationStatus.SUBMITTED) reasons.push(DenialReason.NOT_APPROVED);
  if (card.status === AccreditationStatus.SUSPENDED) reasons.push(DenialReason.SUSPENDED);
  if (card.status === AccreditationStatus.REVOKED) reasons.push(DenialReason.REVOKED);
  if (at < card.validFrom || at > card.validUntil) reasons.push(DenialReason.OUTSIDE_VALIDITY);
  return reasons;
}

@Injectable()
export class ArrivalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly closedLoop: ClosedLoopService,
    private readonly clock: Clock,
  ) {}

  private async portArea(manager: EntityManager, code: string): Promise<InspectionArea> {
    const area = await this.areas.byCode(code, manager);
    if (!area) throw new NotFoundError('Inspection area', code);
    if (area.kind !== AreaKind.PORT_OF_ENTRY) {
      throw new BadUserInputError([
        { field: 'areaCode', message: `${code} is not a PORT_OF_ENTRY area` },
      ]);
    }
    return area;
  }

  /** The stored answer for a repeated id, or null for a new one; other content is a CONFLICT. */
  private async replay(
    manager: EntityManager,
    id: string,
    fingerprint: string,
  ): Promise<PortEventRow | null> {
    await manager.query(InspectionSql.locks.portEvent, [id]);
    const rows: PortEventRow[] = await manager.query(InspectionSql.portEvents.byId, [id]);
    if (rows[0] && rows[0].fingerprint !== fingerprint) {
      throw new ConflictError(
        `${rows[0].kind.toLowerCase()} ${id} was already recorded with other content`,
      );
    }
    return rows[0] ?? null;
  }

  async processArrival(input: ArrivalInput, principal: Principal | null): Promise<Arrival> {
    const fingerprint = JSON.stringify([
      'ARRIVAL',
      input.areaCode,
      normaliseCardNumber(input.cardNumber),
      input.documentNumber,
      input.flightNumber ?? null,
      input.arrivedAt?.toISOString() ?? null,
    ]);
    return this.dataSource.transaction(async (manager) => {
      const previous = await this.replay(manager, input.id, fingerprint);
      if (previous)
        return this.toArrival(previous, true, await this.arrivedBefore(manager, previous));
      const area = await this.portArea(manager, input.areaCode);
      const arrivedAt = input.arrivedAt ?? this.clock.now();
      const card = await findCard(manager, normaliseCardNumber(input.cardNumber), { lock: true });
      const reasons = arrivalReasons(card, input.documentNumber, arrivedAt);
      // A card that arrived and has not departed is not validated again: the first
      // arrival stands (its entry, its test due date), and the desk is told when it was.
      let alreadyArrivedAt: Date | null = null;
      if (card) {
        const state = await this.closedLoop.lockAndRead(manager, card.personId);
        if (
          state.enteredAt &&
          state.status !== ClosedLoopStatus.OUTSIDE &&
          state.status !== ClosedLoopStatus.EXITED
        ) {
          reasons.push(DenialReason.ALREADY_INSIDE);
          alreadyArrivedAt =
            (await this.lastAdmittedArrival(manager, card.personId, new Date(8.64e15))) ??
            state.enteredAt;
        }
      }
      const decision = reasons.length === 0 ? Decision.ADMITTED : Decision.DENIED;
      if (card && decision === Decision.ADMITTED) {
        // The accreditation row before the person, the order a check-in takes them in
        // (card, then person), so a scan of the same card at that moment waits instead of deadlocking.
        await activateAccreditation(manager, card.accreditationId, `arrival:${area.code}`);
        await this.closedLoop.apply(
          manager,
          card.personId,
          { kind: 'ARRIVAL', at: arrivedAt, where: area.code },
          principal,
        );
        await appendMovementEvents(manager, [
          {
            id: input.id,
            personId: card.personId,
            location: area.code,
            kind: MovementKind.ENTRY,
            occurredAt: arrivedAt,
            source: `arrival:${area.code}`,
          },
        ]);
      }
      const rows: PortEventRow[] = await manager.query(InspectionSql.portEvents.insertArrival, [
        input.id,
        area.code,
        card?.personId ?? null,
        normaliseCardNumber(input.cardNumber),
        decision,
        reasons,
        arrivedAt,
        input.flightNumber ?? null,
        fingerprint,
      ]);
      return this.toArrival(rows[0], false, alreadyArrivedAt);
    });
  }

  /** For a stored ALREADY_INSIDE answer: the admitted arrival before it. */
  private async arrivedBefore(manager: EntityManager, row: PortEventRow): Promise<Date | null> {
    if (!row.person_id || !row.reasons.includes(DenialReason.ALREADY_INSIDE)) return null;
    return this.lastAdmittedArrival(manager, row.person_id, row.occurred_at, row.id);
  }

  private async lastAdmittedArrival(
    manager: EntityManager,
    personId: string,
    notAfter: Date,
    exceptId: string | null = null,
  ): Promise<Date | null> {
    const rows: { at: Date | null }[] = await manager.query(
      InspectionSql.portEvents.lastAdmittedArrival,
      [personId, notAfter, exceptId],
    );
    return rows[0]?.at ?? null;
  }

  async processDeparture(
    input: DepartureInput,
    principal: Principal | null,
  ): Promise<ClosedLoopState> {
    const fingerprint = JSON.stringify([
      'DEPARTURE',
      input.areaCode,
      normaliseCardNumber(input.cardNumber),
      input.departedAt?.toISOString() ?? null,
    ]);
    return this.dataSource.transaction(async (manager) => {
      const previous = await this.replay(manager, input.id, fingerprint);
      const card = await findCard(manager, normaliseCardNumber(input.cardNumber));
      if (!card) throw new NotFoundError('Card', input.cardNumber);
      if (previous) return (await this.closedLoop.byPersonIds([card.personId], manager))[0];
      const area = await this.portArea(manager, input.areaCode);
      const departedAt = input.departedAt ?? this.clock.now();
      const { state: next } = await this.closedLoop.apply(
        manager,
        card.personId,
        { kind: 'DEPARTURE', at: departedAt, where: area.code },
        principal,
      );
      await appendMovementEvents(manager, [
        {
          id: input.id,
          personId: card.personId,
          location: area.code,
          kind: MovementKind.EXIT,
          occurredAt: departedAt,
          source: `departure:${area.code}`,
        },
      ]);
      await manager.query(InspectionSql.portEvents.insertDeparture, [
        input.id,
        area.code,
        card.personId,
        card.cardNumber,
        departedAt,
        fingerprint,
      ]);
      return next;
    });
  }

  private toArrival(r: PortEventRow, replayed: boolean, alreadyArrivedAt: Date | null): Arrival {
    return {
      id: r.id,
      personId: r.person_id,
      areaCode: r.area_code,
      decision: r.decision,
      reasons: r.reasons,
      arrivedAt: r.occurred_at,
      replayed,
      alreadyArrivedAt,
    };
  }
}
