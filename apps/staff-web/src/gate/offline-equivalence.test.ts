// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  denyListEntry,
  type AccreditationStatusCode,
  type GateFacts,
  type LoopStatusCode,
} from '@gate-rules';
import { createIntl } from 'react-intl';
import { CATALOGUES } from '../i18n/messages';
import {
  decideOffline,
  notReadyText,
  offlineReadiness,
  type CardClaims,
  type DenyListEntry,
} from './offline';

const en = createIntl({ locale: 'en-GB', messages: CATALOGUES.en });

/**
 * The offline gate against the server, over generated cases. For each case the
 * server decides on the live facts at the scan's time (the decision table its
 * check-ins apply, apps/inspection/check-ins/decision.ts, which is this
 * `decide`); the gate decides on what it cached earlier: the deny list as the
 * server's cardDenyList made it at load time (denyListEntry), through JSON as
 * it is kept on the device, and the card token's claims. They must agree on the
 * decision and on every reason, for every scan the gate's age limit lets it
 * decide alone. Who is inside an area is known only to the server: cases where
 * the person's last movement at the area is an ENTRY (ALREADY_INSIDE) are left out.
 */

const HOUR = 3_600_000;
const LOADED_AT = Date.parse('2022-02-04T08:00:00.000Z');
const STATUSES: AccreditationStatusCode[] = [
  'SUBMITTED',
  'APPROVED',
  'ACTIVE',
  'SUSPENDED',
  'REVOKED',
];
const LOOP: LoopStatusCode[] = ['OUTSIDE', 'IN_LOOP', 'CLOSE_CONTACT', 'ISOLATED', 'EXITED'];
const CARD = '12345674';
const RUNS = 3000;
const SEED = 20221130;

const hours = (min: number, max: number) =>
  fc.integer({ min: min * 60, max: max * 60 }).map((minutes) => minutes * 60_000);

/** Mostly `usual`, sometimes anything: cases that pass every other check are common enough. */
const mostly = <T>(usual: fc.Arbitrary<T>, any: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: any });

const caseArb = fc
  .record({
    limitHours: fc.integer({ min: 1, max: 24 }),
    ageFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    status: mostly(fc.constant<AccreditationStatusCode>('ACTIVE'), fc.constantFrom(...STATUSES)),
    cardVersion: mostly(fc.constant(1), fc.integer({ min: 1, max: 3 })),
    olderToken: mostly(fc.constant(0), fc.integer({ min: 0, max: 2 })),
    tokenInvalid: mostly(fc.constant(false), fc.boolean()),
    validFromOffset: mostly(hours(-72, -1), hours(-72, 24)),
    validLength: mostly(hours(80, 200), hours(0, 96)),
    venues: mostly(fc.constant<string[]>(['*']), fc.subarray(['NST', 'YAN', '*'])),
    zones: mostly(fc.constant<string[]>(['*']), fc.subarray(['1', '2', '*'])),
    area: fc.record({
      venueCode: fc.constantFrom('NST', 'YAN'),
      zone: fc.constantFrom('1', '2'),
      closedLoop: mostly(fc.constant(true), fc.boolean()),
    }),
    loopStatus: mostly(fc.constant<LoopStatusCode>('IN_LOOP'), fc.constantFrom(...LOOP)),
    testDueBy: mostly(hours(-48, 48), fc.constant(null)),
    direction: mostly(fc.constant('IN' as const), fc.constantFrom('IN' as const, 'OUT' as const)),
    lastMovementHere: fc.constantFrom(null, 'EXIT' as const),
    otherCards: fc.array(
      fc.record({
        cardNumber: fc.stringMatching(/^9\d{7}$/),
        status: fc.constantFrom(...STATUSES),
      }),
      { maxLength: 3 },
    ),
  })
  .map((c) => {
    const scannedAt = new Date(LOADED_AT + Math.floor(c.ageFraction * c.limitHours * HOUR));
    const validFrom = new Date(scannedAt.getTime() + c.validFromOffset);
    const validUntil = new Date(validFrom.getTime() + c.validLength);
    const tokenVersion = Math.max(1, c.cardVersion - c.olderToken);
    const testDueBy = c.testDueBy === null ? null : new Date(LOADED_AT + c.testDueBy);
    const live: GateFacts = {
      direction: c.direction,
      token: c.tokenInvalid ? { state: 'invalid' } : { state: 'valid', version: tokenVersion },
      card: {
        status: c.status,
        tokenVersion: c.cardVersion,
        validFrom,
        validUntil,
        venues: c.venues,
        zones: c.zones,
      },
      area: c.area,
      loop: { status: c.loopStatus, testDueBy },
      lastMovementHere: c.lastMovementHere,
      scannedAt,
    };
    return { ...c, scannedAt, validFrom, validUntil, tokenVersion, live };
  });

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The deny list the gate loaded at LOADED_AT, as kept on the device (JSON). */
function cachedDenyList(c: Case): DenyListEntry[] {
  const loadedAt = new Date(LOADED_AT);
  const entries = [
    denyListEntry(
      { cardNumber: CARD, status: c.status, tokenVersion: c.cardVersion },
      { status: c.loopStatus, testDueBy: c.live.loop.testDueBy },
      loadedAt,
    ),
    ...c.otherCards.map((o) =>
      denyListEntry(
        { cardNumber: o.cardNumber, status: o.status, tokenVersion: 1 },
        { status: 'ISOLATED', testDueBy: null },
        loadedAt,
      ),
    ),
  ];
  return JSON.parse(JSON.stringify(entries.filter((e) => e !== null))) as DenyListEntry[];
}

function claimsOf(c: Case): CardClaims | null {
  if (c.tokenInvalid) return null;
  return {
    cn: CARD,
    tv: c.tokenVersion,
    vf: c.validFrom.toISOString(),
    vu: c.validUntil.toISOString(),
    ven: c.venues,
    zon: c.zones,
  };
}

describe('the offline decision on cached data against the server on live facts', () => {
  it('reaches the same decision with the same reasons whenever the gate may decide alone', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const denyList = cachedDenyList(c);
        const loadedAt = new Date(LOADED_AT).toISOString();
        const readiness = offlineReadiness(
          { keys: '{"keys":[]}', denyList, denyListAt: loadedAt },
          c.scannedAt,
          c.limitHours,
        );
        expect(readiness.ready).toBe(true);
        const offline = decideOffline({
          claims: claimsOf(c),
          denyList,
          area: { code: 'GATE', ...c.area },
          direction: c.direction,
          at: c.scannedAt,
        });
        expect(offline).toEqual(decide(c.live));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('covers the health reasons among the generated cases, and tests falling due after loading', () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(caseArb, (c) => {
        const { decision, reasons } = decide(c.live);
        count(decision);
        for (const r of reasons) count(r);
        const due = c.live.loop.testDueBy?.getTime();
        if (reasons.includes('TEST_OVERDUE') && due !== undefined && due > LOADED_AT) {
          count('overdue only after loading');
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const what of [
      'ADMITTED',
      'DENIED',
      'NOT_IN_CLOSED_LOOP',
      'ISOLATED',
      'TEST_OVERDUE',
      'SUPERSEDED_TOKEN',
      'overdue only after loading',
    ]) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(20);
    }
  });

  it('refuses to decide on data older than the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 48 * 60 }),
        (limitHours, extraMinutes) => {
          const at = new Date(LOADED_AT + limitHours * HOUR + extraMinutes * 60_000);
          const readiness = offlineReadiness(
            { keys: '{"keys":[]}', denyList: [], denyListAt: new Date(LOADED_AT).toISOString() },
            at,
            limitHours,
          );
          expect(readiness).toMatchObject({ ready: false });
          expect(readiness).toMatchObject({ why: 'tooOld', limitHours });
          if (!readiness.ready) {
            expect(notReadyText(en, readiness)).toContain(`${limitHours}-hour limit`);
          }
        },
      ),
    );
  });
});
