import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#libs/common/clock.js';
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
import {
  checkInsConditions,
  checkInsPage,
  InspectionSql,
  type CheckInsFilter,
} from '#libs/sql/inspection.sql.js';
import { CheckInBatcher, type RecordedScan } from '#apps/inspection/check-ins/check-in-batcher.js';
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
import type { AccreditationStatusCode } from '#libs/inspection/gate-rules.js';
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

/** The facts a recorded scan was decided on, as decide() takes them. */
export function factsOf(
  row: RecordedScan,
  direction: Direction,
  token: GateFacts['token'],
): GateFacts {
  return {
    direction,
    token,
    card: row.card_known
      ? {
          status: row.card_status as AccreditationStatusCode,
          tokenVersion: row.card_token_version as number,
          validFrom: row.valid_from as Date,
          validUntil: row.valid_until as Date,
          venues: row.venues ?? [],
          zones: row.zones ?? [],
        }
      : null,
    area: { venueCode: row.venue_code, zone: row.zone, closedLoop: row.closed_loop },
    loop: { status: row.loop_status, testDueBy: row.test_due_by },
    lastMovementHere: row.last_kind,
    scannedAt: row.scanned_at,
  };
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
  private readonly logger = new Logger(CheckInsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly verifier: CardVerifier,
    private readonly batcher: CheckInBatcher,
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
   * One scan, one round trip: inspection.check_in (migration 1764300001900) reads
   * the facts, applies the decision table, writes the row and the movement event
   * in one statement, in a transaction with the scans that arrived meanwhile
   * (CheckInBatcher). A stored id comes back as a replay of
   * the first answer (CONFLICT when the content differs). The token is verified
   * here first (the keys are cached), so an invalid one is decided the same way.
   */
  private async recordAlone(input: CheckInInput, scope: string | null): Promise<CheckIn> {
    const fingerprint = fingerprintOf(input);
    let token: GateFacts['token'] = { state: 'none' };
    let cardNumber = input.cardNumber ? normaliseCardNumber(input.cardNumber) : null;
    if (input.cardToken) {
      const payload = await this.verifier.verify(input.cardToken);
      token = payload ? { state: 'valid', version: payload.tv } : { state: 'invalid' };
      cardNumber = payload?.cn ?? null;
    }
    const scannedAt = input.scannedAt ?? this.clock.now();
    const row = await this.batcher.record({
      id: input.id,
      areaCode: input.areaCode,
      direction: input.direction,
      cardNumber,
      tokenState: token.state,
      tokenVersion: token.state === 'valid' ? token.version : null,
      scope,
      scannedAt,
      deviceId: input.deviceId ?? null,
      deviceDecision: input.deviceDecision ?? null,
      fingerprint,
    });
    if (row.outcome === 'no_area') throw new NotFoundError('Inspection area', input.areaCode);
    if (row.outcome === 'replayed') {
      if (row.fingerprint !== fingerprint) {
        throw new ConflictError(`Check-in ${input.id} was already recorded with other content`);
      }
      return toCheckIn(row, true);
    }
    this.checkAgainstRules(row, input.direction, token);
    return toCheckIn(row);
  }

  /**
   * The rules are decide()'s (libs/inspection/gate-rules.ts); the database applies
   * the same table (inspection.gate_reasons, checked against decide() by a property
   * test). Every recorded scan is decided again here on the facts it was decided on:
   * a disagreement would be a defect, reported loudly (the row is what the gate did).
   */
  private checkAgainstRules(
    row: RecordedScan,
    direction: Direction,
    token: GateFacts['token'],
  ): void {
    const expected = decide(factsOf(row, direction, token));
    if (expected.decision === row.decision && expected.reasons.join() === row.reasons.join()) {
      return;
    }
    this.metrics.observeRuleDisagreement();
    this.logger.error(
      `check-in ${row.id}: the database decided ${row.decision} [${row.reasons.join()}], the rules ${expected.decision} [${expected.reasons.join()}]`,
    );
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
      InspectionSql.checkIns.fingerprints,
      [[...seen.keys()]],
    );
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
      const result = await this.recordAlone(input, scope);
      if (!result.replayed) this.feed.publish(result);
      results[index] = result;
    }
    return results;
  }

  /** Check-ins newest first, a keyset page on (scanned_at, id) descending. */
  async list(args: CheckInsArgs, scope: string | null = null): Promise<Page<CheckIn>> {
    const first = checkPageSize(args.first ?? 50);
    const after = decodeKeyset(args.after, CHECK_INS_ORDER);
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const filter: CheckInsFilter = {};
    if (args.areaCode) filter.areaCode = bind(args.areaCode);
    if (args.personId) {
      if (!isUuid(args.personId))
        return toPage(
          [],
          first,
          0,
          () => [],
          (r: CheckInRow) => toCheckIn(r),
        );
      filter.personId = bind(args.personId);
    }
    if (scope) filter.scope = personScopeCondition('person_id', bind(scope));
    if (args.decision) filter.decision = bind(args.decision);
    if (args.conflict != null) filter.conflict = bind(args.conflict);
    if (args.from) filter.from = bind(args.from);
    if (args.to) filter.to = bind(args.to);
    const countParams = [...params];
    const sql = checkInsPage(checkInsConditions(filter), microsOf('scanned_at'), {
      keyset: after ? keysetCondition(CHECK_INS_ORDER, after, bind) : null,
      order: keysetOrder(CHECK_INS_ORDER),
      limit: bind(first + 1),
    });
    const rows: (CheckInRow & { micros: string })[] = await this.dataSource.query(sql.rows, params);
    const [{ n }]: { n: number }[] = await this.dataSource.query(sql.count, countParams);
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
    const rows: CheckInRow[] = await db.query(InspectionSql.checkIns.byId, [id]);
    return rows[0] ? toCheckIn(rows[0]) : null;
  }
}
