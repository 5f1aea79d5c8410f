import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#libs/common/clock.js';
import { findCard } from '#libs/accreditation/card-lookup.js';
import { personScopeCondition } from '#libs/accreditation/organisation-scope.js';
import { normaliseCardNumber } from '#libs/accreditation/card-number.js';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type FieldProblem,
} from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import {
  decodeKeyset,
  keysetCondition,
  keysetOrder,
  microsOf,
  type Keyset,
} from '#libs/graphql/keyset.js';
import { checkPageSize, toPage, type Page } from '#libs/graphql/pagination.js';
import { fieldProblems } from '#libs/graphql/validation.pipe.js';
import { appendMovementEvents, lastMovementAt } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { Metrics } from '#libs/metrics/metrics.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import { CardVerifier } from '#apps/inspection/check-ins/card-verifier.service.js';
import {
  CheckInInput,
  Decision,
  Direction,
  type CheckIn,
  type CheckInsArgs,
  type DenialReason,
} from '#apps/inspection/check-ins/check-in.type.js';
import { decide, type GateFacts } from '#apps/inspection/check-ins/decision.js';
import { ClosedLoopService, OUTSIDE } from '#apps/inspection/closed-loop/closed-loop.service.js';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';

/** Most scans one offline device may submit per call. */
export const MAX_BATCH = 1000;

const VALIDATE = {
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

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

/** The error of a second concurrent recording of one check-in id. */
function isDuplicateCheckIn(error: unknown): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const cause = e.driverError ?? e;
  return cause.code === '23505' && cause.constraint === 'check_ins_pkey';
}

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

/** Check-ins newest first, the id breaking ties. */
const CHECK_INS_ORDER: Keyset = {
  columns: [
    { sql: 'scanned_at', kind: 'micros' },
    { sql: 'id', kind: 'uuid' },
  ],
  descending: true,
};

@Injectable()
export class CheckInsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly verifier: CardVerifier,
    private readonly closedLoop: ClosedLoopService,
    private readonly feed: CheckInFeed,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** `scope`: the organisation a scoped API key is bound to; other cards are unknown to it. */
  async checkIn(input: CheckInInput, scope: string | null = null): Promise<CheckIn> {
    if (!input.cardToken === !input.cardNumber) {
      throw new BadUserInputError([
        { field: 'cardNumber', message: 'give exactly one of cardToken and cardNumber' },
      ]);
    }
    const result = await this.recordAlone(input, scope);
    if (!result.replayed) {
      this.feed.publish(result);
      this.metrics.observeCheckIn(result.decision, result.reasons);
    }
    return result;
  }

  /**
   * One scan in a transaction of its own. A new scan goes straight to its
   * decision (replays are rare, so looking for one first would cost every scan
   * a round trip); a repeated id then fails on the check-in's primary key, and
   * run again looking for it, the transaction finds the first row and answers
   * as a replay (or CONFLICT). `expectReplay` looks first.
   */
  private async recordAlone(
    input: CheckInInput,
    scope: string | null,
    expectReplay = false,
  ): Promise<CheckIn> {
    try {
      return await this.dataSource.transaction((manager) =>
        this.record(manager, input, scope, expectReplay),
      );
    } catch (error) {
      if (expectReplay || !isDuplicateCheckIn(error)) throw error;
      return this.dataSource.transaction((manager) => this.record(manager, input, scope, true));
    }
  }

  /**
   * An offline device's scans: every problem of every scan is reported at
   * once and nothing is written; ids recorded before with other content are
   * CONFLICT before anything is written. Then each scan is decided and
   * recorded in scannedAt order (input order among equal times), each in a
   * transaction of its own, so a batch never holds one person's lock while
   * another gate waits for it; a retried batch replays what was recorded.
   * Answers come back in input order.
   */
  async submit(raw: readonly unknown[], scope: string | null = null): Promise<CheckIn[]> {
    if (raw.length > MAX_BATCH) {
      throw new BadUserInputError([
        { field: 'input', message: `must hold at most ${MAX_BATCH} scans per call` },
      ]);
    }
    const inputs = raw.map((r) =>
      r instanceof CheckInInput ? r : plainToInstance(CheckInInput, r as object),
    );
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    for (const [i, input] of inputs.entries()) {
      problems.push(...fieldProblems(validateSync(input, VALIDATE), `input[${i}]`));
      if (!input.cardToken === !input.cardNumber) {
        problems.push({
          field: `input[${i}].cardNumber`,
          message: 'give exactly one of cardToken and cardNumber',
        });
      }
      const id = String(input.id).toLowerCase();
      const first = seen.get(id);
      if (first !== undefined && fingerprintOf(inputs[first]) !== fingerprintOf(input)) {
        problems.push({
          field: `input[${i}].id`,
          message: `repeats input[${first}].id with other content`,
        });
      }
      if (first === undefined) seen.set(id, i);
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    if (inputs.length === 0) return [];

    const areaCodes = [...new Set(inputs.map((i) => i.areaCode))];
    const areas = await this.areas.byCodes(areaCodes);
    const missing = new Set(areaCodes.filter((_, i) => !areas[i]));
    if (missing.size > 0) {
      throw new BadUserInputError(
        inputs.flatMap((input, i) =>
          missing.has(input.areaCode)
            ? [
                {
                  field: `input[${i}].areaCode`,
                  message: `no inspection area has the code ${input.areaCode}`,
                },
              ]
            : [],
        ),
      );
    }
    const stored: { id: string; fingerprint: string }[] = await this.dataSource.query(
      `SELECT id, fingerprint FROM inspection.check_ins WHERE id = ANY($1::uuid[])`,
      [[...seen.keys()]],
    );
    const storedIds = new Set(stored.map((row) => row.id));
    const conflicting = stored.filter(
      (row) => row.fingerprint !== fingerprintOf(inputs[seen.get(row.id) as number]),
    );
    if (conflicting.length > 0) {
      throw new ConflictError(
        `Check-ins ${conflicting.map((c) => c.id).join(', ')} were already recorded with other content`,
      );
    }

    const now = this.clock.now();
    const order = inputs
      .map((input, index) => ({ input, index, at: (input.scannedAt ?? now).getTime() }))
      .sort((a, b) => a.at - b.at || a.index - b.index);
    const results: CheckIn[] = new Array<CheckIn>(inputs.length);
    for (const { input, index } of order) {
      const result = await this.recordAlone(input, scope, storedIds.has(input.id.toLowerCase()));
      if (!result.replayed) this.feed.publish(result);
      results[index] = result;
    }
    return results;
  }

  /** Check-ins newest first, a keyset page on (scanned_at, id) descending. */
  async list(args: CheckInsArgs, scope: string | null = null): Promise<Page<CheckIn>> {
    const first = checkPageSize(args.first ?? 50);
    const after = decodeKeyset(args.after, CHECK_INS_ORDER);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (args.areaCode) add('area_code = ?', args.areaCode);
    if (args.personId) {
      if (!isUuid(args.personId))
        return toPage(
          [],
          first,
          0,
          () => [],
          (r: CheckInRow) => toCheckIn(r),
        );
      add('person_id = ?', args.personId);
    }
    if (scope) add(personScopeCondition('person_id', '?'), scope);
    if (args.decision) add('decision = ?', args.decision);
    if (args.conflict != null) add('conflict = ?', args.conflict);
    if (args.from) add('scanned_at >= ?', args.from);
    if (args.to) add('scanned_at < ?', args.to);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const keyset = after
      ? `${where.length ? 'AND' : 'WHERE'} ${keysetCondition(CHECK_INS_ORDER, after, bind)}`
      : '';
    const limit = bind(first + 1);
    const rows: (CheckInRow & { micros: string })[] = await this.dataSource.query(
      `SELECT *, ${microsOf('scanned_at')} AS micros
       FROM inspection.check_ins ${filter} ${keyset}
       ORDER BY ${keysetOrder(CHECK_INS_ORDER)} LIMIT ${limit}`,
      params,
    );
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM inspection.check_ins ${filter}`,
      countParams,
    );
    return toPage(
      rows,
      first,
      n,
      (r) => [r.micros, r.id],
      (r) => toCheckIn(r),
    );
  }

  /** One check-in by id, or null. */
  async byId(
    id: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<CheckIn | null> {
    const rows: CheckInRow[] = await db.query(`SELECT * FROM inspection.check_ins WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toCheckIn(rows[0]) : null;
  }

  /**
   * Decides and records one scan in the caller's transaction: the check-in
   * row and its movement event commit together. Locks, in this order: the
   * card (FOR SHARE), the person (simultaneous scans of one card are decided
   * one after the other), then the movement chain. A replay racing the first
   * recording of its id fails on the primary key (see recordAlone): cheaper
   * than a lock on every id, since a replay is rare and a scan is not.
   */
  async record(
    manager: EntityManager,
    input: CheckInInput,
    scope: string | null = null,
    lookForReplay = true,
  ): Promise<CheckIn> {
    const fingerprint = fingerprintOf(input);
    const previous: CheckInRow[] = lookForReplay
      ? await manager.query(`SELECT * FROM inspection.check_ins WHERE id = $1`, [input.id])
      : [];
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
    const found = cardNumber ? await findCard(manager, cardNumber, { lock: true }) : null;
    const card = found && (!scope || found.organisationId === scope) ? found : null;
    const scannedAt = input.scannedAt ?? this.clock.now();
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
