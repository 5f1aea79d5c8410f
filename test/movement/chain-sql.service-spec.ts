import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { chainOf, eventHash } from '#libs/movement/chain.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { appendMovementEvents, type NewMovementEvent } from '#libs/movement/movement-log.js';
import { verifyMovementLog } from '#libs/movement/verify.js';
import { movementTestDatabase, type MovementTestDatabase } from '#test/movement/support.js';

/**
 * The chain is hashed in SQL (movement.append_events) and recomputed in JavaScript
 * (verifyMovementLog, chain.ts): both must build the very same bytes, for any text a
 * partner may send. PostgreSQL text holds no NUL; the API refuses NUL and lone surrogates.
 */
const AWKWARD = [
  'plain',
  'quote " and \' apostrophe',
  'back\\slash \\" \\\\ \\u0041',
  'controls \b\f\n\r\t \u0001\u0002\u001b\u001f and DEL \u007f',
  'line separators \u2028 \u2029',
  'accents é ü ñ, CJK 北京 国家体育场, RTL עברית',
  'astral 🎉 𝄞 😷 👩‍👩‍👧 (a family: ZWJ sequence)',
  'combining e\u0301 and BOM \ufeff',
  'JSON-looking {"chain":1,"seq":2}',
  'array-literal-looking {a,"b"} NULL, c',
  'NULL',
  '',
];

/** Text PostgreSQL can hold: well-formed UTF-16 without NUL. */
const storable = fc
  .string({ unit: 'binary', maxLength: 60 })
  .filter((s) => !/\p{Cs}/u.test(s) && !s.includes('\u0000'));

const person = randomUUID();

function event(location: string, source: string, occurredAt: Date): NewMovementEvent {
  return {
    id: randomUUID(),
    personId: person,
    location,
    kind: MovementKind.ENTRY,
    occurredAt,
    source,
  };
}

void describe('the movement chain in SQL and in JavaScript', () => {
  let db: MovementTestDatabase;

  before(async () => {
    db = await movementTestDatabase('chain_sql');
  });
  after(async () => {
    await db?.close();
  });

  void it('hashes exactly what canonicalContent() and eventHash() compute, for awkward and arbitrary text', async () => {
    const generated = fc.sample(
      fc.tuple(
        storable,
        storable,
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      ),
      600,
    );
    const cases: NewMovementEvent[] = [
      ...AWKWARD.map((text, i) =>
        event(text, AWKWARD[AWKWARD.length - 1 - i], new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i))),
      ),
      ...generated.map(([location, source, at]) => event(location, source, at)),
    ];
    for (let i = 0; i < cases.length; i += 150) {
      const batch = cases.slice(i, i + 150);
      const { appended } = await db.serviceDataSource.transaction((m) =>
        appendMovementEvents(m, batch),
      );
      assert.equal(appended.length, batch.length);
      const previous = new Map<string, string>(
        (
          await db.dataSource.query<{ id: string; prev_hash: string }[]>(
            `SELECT id, prev_hash FROM movement.events WHERE id = ANY($1::uuid[])`,
            [appended.map((e) => e.id)],
          )
        ).map((r) => [r.id, r.prev_hash]),
      );
      for (const stored of appended) {
        assert.equal(
          stored.chain,
          chainOf(stored.location),
          `chain of ${JSON.stringify(stored.location)}`,
        );
        const expected = eventHash(previous.get(stored.id) as string, {
          id: stored.id,
          chain: stored.chain,
          seq: stored.seq,
          personId: stored.personId,
          location: stored.location,
          kind: stored.kind,
          occurredAt: stored.occurredAt.toISOString(),
          recordedAt: stored.recordedAt.toISOString(),
          source: stored.source,
        });
        assert.equal(
          stored.hash,
          expected,
          `location ${JSON.stringify(stored.location)}, source ${JSON.stringify(stored.source)}`,
        );
      }
    }
    const verification = await verifyMovementLog(db.dataSource, { batchSize: 97 });
    assert.equal(verification.problem, null);
    assert.equal(verification.eventsChecked, cases.length);
  });

  void it('chains each event onto its predecessor in the order given, and skips an id already stored', async () => {
    const first = event('GATE-ORDER', 'a', new Date());
    const second = event('GATE-ORDER', 'b', new Date(Date.now() - 60_000));
    const { appended } = await db.serviceDataSource.transaction((m) =>
      appendMovementEvents(m, [first, second, { ...first, source: 'given twice' }]),
    );
    assert.deepEqual(
      appended.map((e) => e.source),
      ['a', 'b'],
    );
    assert.equal(appended[1].seq, appended[0].seq + 1);
    const replay = await db.serviceDataSource.transaction((m) => appendMovementEvents(m, [second]));
    assert.deepEqual(replay, { appended: [], existingIds: [second.id] });
  });

  void it('places a location on the chain chainOf() names', async () => {
    const locations = [...AWKWARD, ...fc.sample(storable, 300)];
    // The owner's function, called by the owner's append only: read here as the superuser.
    const rows: { chain: number }[] = await db.dataSource.query(
      `SELECT movement.chain_of(l) AS chain FROM unnest($1::text[]) WITH ORDINALITY AS u(l, n) ORDER BY n`,
      [locations],
    );
    assert.deepEqual(
      rows.map((r) => r.chain),
      locations.map(chainOf),
    );
  });

  void it('refuses text PostgreSQL cannot hold rather than hash something else', async () => {
    await assert.rejects(
      db.serviceDataSource.transaction((m) =>
        appendMovementEvents(m, [event('NUL \u0000 inside', 'x', new Date())]),
      ),
      /invalid byte sequence|0x00/,
    );
  });
});
