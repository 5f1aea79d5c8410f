import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import {
  fieldName,
  gatewaySchema,
  leavesOf,
  validMutations,
  withValue,
  type Leaf,
  type MutationCase,
} from '#test/support/mutation-inputs.js';

/**
 * A leaf gets the variants that matter for every field of its kind (the first `always`)
 * and a share of the others, rotating from leaf to leaf: every variant is tried on many
 * fields, and the run stays within about a minute on two shared cores.
 */
function sampled(variants: [string, unknown][], always: number, leafIndex: number, more = 3) {
  const rest = variants.slice(always);
  const picked =
    rest.length <= more
      ? rest
      : Array.from({ length: more }, (_, i) => rest[(leafIndex * more + i) % rest.length]);
  return [...variants.slice(0, always), ...picked];
}

/**
 * Values that replace one field of a valid call: the wrong type, empty, huge, NUL and
 * control characters, far dates, unicode edge cases. Each names what it tries.
 */
function variantsFor(leaf: Leaf): [string, unknown][] {
  const wrongType: [string, unknown][] = [
    ['a number', 12345],
    ['an object', { nested: 'x' }],
    ['null', null],
  ];
  switch (leaf.kind) {
    case 'list':
      return [
        ['an empty list', []],
        ['a string', 'not a list'],
        ['null', null],
      ];
    case 'enum':
      return [
        ['an unknown value', 'NOT_A_VALUE'],
        ['empty', ''],
        ['a number', 1],
      ];
    case 'text':
      return [
        ['a NUL', 'a\u0000b'],
        ['huge', 'x'.repeat(100_000)],
        ['empty', ''],
        ['control characters', '\u0001\u0007\u001b[31m\u007f\r\n'],
        ['a lone surrogate', 'a\uD800b'],
        ['emoji sequences', '👨‍👩‍👧‍👦🏳️‍🌈'],
        ['combining marks', 'Zalgo\u0301\u0302\u0303\u0304\u0305'],
        ['bidi override, BOM and noncharacters', '\u202Eevil\uFEFF\uFFFF'],
        ...wrongType,
      ];
    case 'scalar':
      if (leaf.type === 'DateTime' || leaf.type === 'Date') {
        const far =
          leaf.type === 'Date'
            ? ['275760-09-13', '0000-01-01', '2026-02-30']
            : [
                '+275760-09-13T00:00:00Z',
                '-000001-01-01T00:00:00Z',
                '9999-12-31T23:59:59Z',
                '2026-02-30T12:00:00Z',
              ];
        return [
          ...far.map((v): [string, unknown] => [`far date ${v}`, v]),
          ['empty', ''],
          ['a timestamp number', 8.64e15],
          ['null', null],
        ];
      }
      return [
        ['a negative number', -1],
        ['2^31', 2 ** 31],
        ['a string', '15'],
      ];
  }
}

/** Counts and fingerprints of everything a mutation may write (not the audit trail or throttles). */
const STATE_SQL = `SELECT json_build_object(
  'people', (SELECT count(*) FROM accreditation.people),
  'organisations', (SELECT count(*) FROM accreditation.organisations),
  'accreditations', (SELECT md5(coalesce(string_agg(id || status || token_version || coalesce(card_token, ''), ',' ORDER BY id), ''))
                     FROM accreditation.accreditations),
  'accreditationEvents', (SELECT count(*) FROM accreditation.accreditation_events),
  'users', (SELECT count(*) FROM identity.users),
  'apiKeys', (SELECT count(*) || '/' || count(revoked_at) FROM identity.api_keys),
  'areas', (SELECT count(*) FROM inspection.areas),
  'checkIns', (SELECT count(*) FROM inspection.check_ins),
  'closedLoop', (SELECT md5(coalesce(string_agg(person_id || status || coalesce(test_due_by::text, ''), ',' ORDER BY person_id), ''))
                 FROM inspection.closed_loop),
  'testResults', (SELECT count(*) FROM inspection.test_results),
  'portEvents', (SELECT count(*) FROM inspection.port_events),
  'movements', (SELECT count(*) FROM movement.event_ids)
)::text AS state`;

interface Answer {
  status: number;
  text: string;
  data: Record<string, unknown> | null;
  codes: string[];
}

describe('fuzzing every mutation in production mode, through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let schema: GraphQLSchema;
  let cases: MutationCase[];
  before(async () => {
    system = await startSystem({ label: 'fuzz', env: { NODE_ENV: 'production' } });
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    schema = await gatewaySchema();
    cases = await validMutations(system);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const state = async () => (await db.query<{ state: string }>(STATE_SQL)).rows[0].state;

  const send = async (token: string, query: string, variables: unknown): Promise<Answer> => {
    const res = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: res.status,
      text,
      data: body.data ?? null,
      codes: (body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'),
    };
  };

  const assertClean = (what: string, answer: Answer) => {
    assert.ok(answer.status < 500, `${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    assert.deepEqual(
      answer.codes.filter((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'NO_CODE'),
      [],
      `${what}: ${answer.text.slice(0, 400)}`,
    );
    assert.doesNotMatch(answer.text, /\bat .+\.(js|ts):\d+|stacktrace|SELECT |INSERT INTO/i, what);
  };

  /**
   * Mutations that take no input to change: nothing to fuzz. (logout would also end the
   * admin's session the fuzzing runs on; test/security/sessions.e2e-spec.ts covers it.)
   */
  const WITHOUT_INPUT = new Set(['checkpointMovementLog', 'logout', 'eraseExpiredPersonalData']);

  it('changes one field of a valid call at a time: never a 500 or internal error, nothing half-written', async (t) => {
    const missing = Object.keys(schema.getMutationType()!.getFields()).filter(
      (name) => !WITHOUT_INPUT.has(name) && !cases.some((c) => c.name === name),
    );
    // A mutation added later needs its valid call in test/support/mutation-inputs.ts.
    assert.deepEqual(missing, [], 'mutations without a valid call to start from');
    const token = system.admin.token!;
    let calls = 0;
    let leafIndex = 0;
    let before = await state();
    for (const c of cases) {
      const base = c.variables();
      const valid = await send(token, c.query, base);
      assertClean(`${c.name} (valid)`, valid);
      before = await state();
      for (const leaf of leavesOf(schema, c.name, base)) {
        leafIndex += 1;
        const always = leaf.kind === 'text' ? 2 : leaf.type.startsWith('Date') ? 1 : 3;
        for (const [what, value] of sampled(variantsFor(leaf), always, leafIndex)) {
          const label = `${c.name} ${fieldName(leaf.path)} = ${what}`;
          const answer = await send(token, c.query, withValue(c.variables(), leaf.path, value));
          calls += 1;
          assertClean(label, answer);
          const now = await state();
          if (answer.data === null) assert.equal(now, before, `${label} was refused yet wrote`);
          before = now;
        }
      }
    }
    assert.ok(calls > 300, `only ${calls} calls`);
    t.diagnostic(`${calls} calls changing one field each`);
  });

  it('takes a 5,000-event recordMovements batch with 100-character locations and a 1,000-scan submitCheckIns', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const [person, holder] = await Promise.all([
      g.arrivedPerson(organisation.id),
      g.approvedPerson(organisation.id),
    ]);
    const area = await g.area();
    const partnerKey = await system.admin.query<{ createApiKey: { secret: string } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
      { input: { name: 'bus operator', scopes: ['MOVEMENT_WRITE'] } },
    );
    const start = Date.now() - 50 * 60_000;
    const location = (i: number) => `BUS-${String(i % 50).padStart(4, '0')}-${'L'.repeat(91)}`;
    const events = Array.from({ length: 5000 }, (_, i) => ({
      id: randomUUID(),
      personId: person.id,
      location: location(i),
      kind: i % 2 === 0 ? 'ENTRY' : 'EXIT',
      occurredAt: new Date(start + i * 500).toISOString(),
    }));
    assert.equal(events[0].location.length, 100);
    const record =
      'mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id } }';
    const size = JSON.stringify({ query: record, variables: { input: events } }).length;
    assert.ok(size > 1024 * 1024, `the batch is ${size} bytes, past the 1 MB limit`);
    const movements = await send(partnerKey.createApiKey.secret, record, { input: events });
    assertClean('recordMovements x 5000', movements);
    assert.equal((movements.data?.recordMovements as unknown[]).length, 5000);

    const scans = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      areaCode: area.code,
      direction: i % 2 === 0 ? 'IN' : 'OUT',
      cardToken: holder.cardToken,
      scannedAt: new Date(start + i * 1000).toISOString(),
      deviceId: 'gate-7-offline',
    }));
    const checkIns = await send(
      system.admin.token!,
      'mutation($input: [CheckInInput!]!) { submitCheckIns(input: $input) { id decision } }',
      { input: scans },
    );
    assertClean('submitCheckIns x 1000', checkIns);
    assert.equal((checkIns.data?.submitCheckIns as unknown[]).length, 1000);
  });
});
