import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import type {
  AccreditationStatusCode,
  LoopStatusCode,
  MovementKindCode,
} from '#libs/inspection/gate-rules.js';
import type {
  Decision,
  DenialReason,
  Direction,
} from '#apps/inspection/check-ins/check-in.type.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

/** What inspection.check_in needs of one scan (migration 1764300001900). */
export interface ScanToRecord {
  id: string;
  areaCode: string;
  direction: Direction;
  /** Normalised; null when the token did not verify. */
  cardNumber: string | null;
  tokenState: 'none' | 'invalid' | 'valid';
  tokenVersion: number | null;
  scope: string | null;
  scannedAt: Date;
  deviceId: string | null;
  deviceDecision: Decision | null;
  fingerprint: string;
}

/** inspection.check_in's answer for one scan: the row, and for a scan recorded now its facts. */
export interface RecordedScan {
  outcome: 'recorded' | 'replayed' | 'no_area';
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
  card_known: boolean;
  card_status: AccreditationStatusCode | null;
  card_token_version: number | null;
  valid_from: Date | null;
  valid_until: Date | null;
  venues: string[] | null;
  zones: string[] | null;
  venue_code: string;
  zone: string;
  closed_loop: boolean;
  loop_status: LoopStatusCode;
  test_due_by: Date | null;
  last_kind: MovementKindCode | null;
}

type Answer =
  (RecordedScan & { ord: number }) | (Pick<RecordedScan, 'id'> & { ord: number; outcome: 'retry' });

/** Calls in flight at once: one commits while the next decides. */
const IN_FLIGHT = 2;

interface Waiting {
  scan: ScanToRecord;
  resolve(row: RecordedScan): void;
  reject(error: unknown): void;
  /** After a call of several scans failed: this scan is tried in a call of its own. */
  alone: boolean;
}

/**
 * Group commit for check-ins. A scan that finds no call in flight goes at once, in a
 * call of its own (one round trip); scans arriving while calls are in flight wait and
 * go together in the next one, one transaction and one commit for all. At one gate
 * every admitted scan appends to the same movement chain, whose head is locked until
 * the commit: grouped, its lock and the commit's flush are paid once per call, not
 * once per scan.
 *
 * A call holds one scan per card (a card's later scan waits for the next call, in
 * order), sorted by card number so two calls lock cards and people in one order. A
 * person let through earlier in the same call is answered 'retry' by the database and
 * goes in the next call. When a call of several scans fails, each is tried alone, so
 * one scan's failure is its own.
 */
@Injectable()
export class CheckInBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly most: number;

  constructor(
    private readonly dataSource: DataSource,
    config: InspectionConfig,
  ) {
    this.most = config.CHECK_IN_BATCH;
  }

  record(scan: ScanToRecord): Promise<RecordedScan> {
    return new Promise<RecordedScan>((resolve, reject) => {
      this.waiting.push({ scan, resolve, reject, alone: false });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.waiting.length > 0) {
      const call = this.nextCall();
      this.inFlight += 1;
      void this.send(call).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The next call's scans, taken from the queue; the others keep their order. */
  private nextCall(): Waiting[] {
    if (this.waiting[0].alone) return [this.waiting.shift() as Waiting];
    const call: Waiting[] = [];
    const kept: Waiting[] = [];
    const cards = new Set<string>();
    for (const w of this.waiting) {
      const card = w.scan.cardNumber ?? `id:${w.scan.id}`;
      if (w.alone || call.length >= this.most || cards.has(card)) {
        kept.push(w);
        // A card whose scan waits keeps its later scans waiting too.
        cards.add(card);
      } else {
        call.push(w);
        cards.add(card);
      }
    }
    this.waiting.splice(0, this.waiting.length, ...kept);
    return call.sort((a, b) => (a.scan.cardNumber ?? '').localeCompare(b.scan.cardNumber ?? ''));
  }

  private async send(call: Waiting[]): Promise<void> {
    let answers: Answer[];
    try {
      const s = call.map((w) => w.scan);
      answers = await this.dataSource.query(InspectionSql.checkIns.record, [
        s.map((x) => x.id),
        s.map((x) => x.areaCode),
        s.map((x) => x.direction),
        s.map((x) => x.cardNumber),
        s.map((x) => x.tokenState),
        s.map((x) => x.tokenVersion),
        s.map((x) => x.scope),
        s.map((x) => x.scannedAt),
        s.map((x) => x.deviceId),
        s.map((x) => x.deviceDecision),
        s.map((x) => x.fingerprint),
      ]);
    } catch (error) {
      if (call.length === 1) {
        call[0].reject(error);
      } else {
        for (const w of call) w.alone = true;
        this.waiting.unshift(...call);
      }
      return;
    }
    const retry: Waiting[] = [];
    const answered = new Set<number>();
    for (const answer of answers) {
      const w = call[answer.ord - 1];
      answered.add(answer.ord);
      if (answer.outcome === 'retry') retry.push(w);
      else w.resolve(answer);
    }
    this.waiting.unshift(...retry);
    call.forEach((w, i) => {
      if (!answered.has(i + 1))
        w.reject(new Error(`check-in ${w.scan.id}: no answer from the database`));
    });
  }
}
