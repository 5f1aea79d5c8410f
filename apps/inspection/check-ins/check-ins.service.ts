import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { findCard } from '#libs/accreditation/card-lookup.js';
import { normaliseCardNumber } from '#libs/common/card-number.js';
import { BadUserInputError, ConflictError, NotFoundError } from '#libs/common/errors.js';
import { appendMovementEvents, lastMovementAt } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import { CardVerifier } from '#apps/inspection/check-ins/card-verifier.service.js';
import {
  Decision,
  Direction,
  type CheckIn,
  type CheckInInput,
  type DenialReason,
} from '#apps/inspection/check-ins/check-in.type.js';
import { decide, type GateFacts } from '#apps/inspection/check-ins/decision.js';
import { ClosedLoopService, OUTSIDE } from '#apps/inspection/closed-loop/closed-loop.service.js';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';

interface CheckInRow {
  id: string;
  area_code: string;
  person_id: string | null;
  direction: Direction;
  decision: Decision;
  reasons: DenialReason[];
  scanned_at: Date;
  recorded_at: Date;
  device_id: string | null;
  device_decision: Decision | null;
  conflict: boolean;
  fingerprint: string;
}

export const toCheckIn = (r: CheckInRow, replayed = false): CheckIn => ({
  id: r.id,
  areaCode: r.area_code,
  personId: r.person_id,
  direction: r.direction,
  decision: r.decision,
  reasons: r.reasons,
  scannedAt: r.scanned_at,
  recordedAt: r.recorded_at,
  deviceId: r.device_id,
  deviceDecision: r.device_decision,
  conflict: r.conflict,
  replayed,
});

/** What makes two submissions of one id "the same check-in". */
function fingerprintOf(input: CheckInInput): string {
  return JSON.stringify([
    input.areaCode,
    input.direction,
    input.cardToken ?? null,
    input.cardNumber ? normaliseCardNumber(input.cardNumber) : null,
    input.scannedAt?.toISOString() ?? null,
    input.deviceId ?? null,
    input.deviceDecision ?? null,
  ]);
}

@Injectable()
export class CheckInsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly verifier: CardVerifier,
    private readonly closedLoop: ClosedLoopService,
    private readonly feed: CheckInFeed,
  ) {}

  async checkIn(input: CheckInInput): Promise<CheckIn> {
    if (!input.cardToken === !input.cardNumber) {
      throw new BadUserInputError([
        { field: 'cardNumber', message: 'give exactly one of cardToken and cardNumber' },
      ]);
    }
    const result = await this.dataSource.transaction((manager) => this.record(manager, input));
    if (!result.replayed) this.feed.publish(result);
    return result;
  }

  /**
   * Decides and records one scan in the caller's transaction: the check-in
   * row and its movement event commit together. Locks, in this order: the
   * check-in id (a replay waits for the first), the person (simultaneous scans
   * of one card are decided one after the other), then the movement chain.
   */
  async record(manager: EntityManager, input: CheckInInput): Promise<CheckIn> {
    const fingerprint = fingerprintOf(input);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 1))`, [input.id]);
    const previous: CheckInRow[] = await manager.query(
      `SELECT * FROM inspection.check_ins WHERE id = $1`,
      [input.id],
    );
    if (previous[0]) {
      if (previous[0].fingerprint !== fingerprint) {
        throw new ConflictError(`Check-in ${input.id} was already recorded with other content`);
      }
      return toCheckIn(previous[0], true);
    }
    const area = await this.areas.byCode(input.areaCode, manager);
    if (!area) throw new NotFoundError('Inspection area', input.areaCode);

    let token: GateFacts['token'] = { state: 'none' };
    let cardNumber = input.cardNumber ? normaliseCardNumber(input.cardNumber) : null;
    if (input.cardToken) {
      const payload = await this.verifier.verify(input.cardToken);
      token = payload ? { state: 'valid', version: payload.tv } : { state: 'invalid' };
      cardNumber = payload?.cn ?? null;
    }
    const card = cardNumber ? await findCard(manager, cardNumber, { lock: true }) : null;
    const scannedAt = input.scannedAt ?? new Date();
    const loop = card ? await this.closedLoop.lockAndRead(manager, card.personId) : OUTSIDE;
    const last = card ? await lastMovementAt(manager, card.personId, area.code) : null;
    const { decision, reasons } = decide({
      direction: input.direction,
      token,
      card,
      area,
      loop,
      lastMovementHere: last?.kind ?? null,
      scannedAt,
    });
    const deviceDecision = input.deviceDecision ?? null;
    const rows: CheckInRow[] = await manager.query(
      `INSERT INTO inspection.check_ins
         (id, area_code, person_id, card_number, direction, decision, reasons, scanned_at,
          device_id, device_decision, conflict, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        input.id,
        area.code,
        card?.personId ?? null,
        cardNumber,
        input.direction,
        decision,
        reasons,
        scannedAt,
        input.deviceId ?? null,
        deviceDecision,
        deviceDecision !== null && deviceDecision !== decision,
        fingerprint,
      ],
    );
    // What happened at the gate is what the device let through, when it decided alone.
    const passed = (deviceDecision ?? decision) === Decision.ADMITTED;
    if (card && passed) {
      await appendMovementEvents(manager, [
        {
          id: input.id,
          personId: card.personId,
          location: area.code,
          kind: input.direction === Direction.IN ? MovementKind.ENTRY : MovementKind.EXIT,
          occurredAt: scannedAt,
          source: `check-in:${input.deviceId ?? area.code}`,
        },
      ]);
    }
    return toCheckIn(rows[0]);
  }
}
