import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import {
  CONTACT_TOTALS_STATEMENT,
  CONTACTS_STATEMENT,
  findContacts,
} from '#libs/movement/contacts.js';
import { KeptAlivePoster } from '#libs/common/kept-alive-poster.js';
import { verifyMovementLog } from '#libs/movement/verify.js';
import { cpuSample, cpuSecondsOf, cpuSpent, servicePid } from '#bench/support/cpu.js';
import { deployedEnvironment } from '#bench/support/deployed.js';
import { benchDatabase } from '#bench/support/bench-database.js';
import { seedPeopleWithCards } from '#bench/support/bench-people.js';
import { BenchReport } from '#bench/support/report.js';
import { timedAtSubgraph } from '#bench/support/timed-posts.js';
import { startSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

/**
 * `npm run bench:contacts`: the whole system on a fresh database holding ten
 * million movement events (70,000 people, 14 days, 500 places), then
 * contacts() through the gateway for random people over 7-day windows, as three
 * answers (the totals alone, the first 100 with encounters, everything), with the CPU
 * each costs in PostgreSQL, the movement subgraph and the gateway, the same calls
 * straight at the movement subgraph (what the gateway's hop adds), and
 * verifyMovementLog over all of it.
 *
 * The events are generated straight into PostgreSQL (INSERT ... SELECT over
 * generate_series): every person lives a plausible day, ten events a day,
 *   hotel EXIT, bus ENTRY/EXIT, venue ENTRY/EXIT, dining hall ENTRY/EXIT,
 *   bus ENTRY/EXIT, hotel ENTRY (the night's stay runs to the next morning),
 * with times spread by person and day, and a recording delay of up to a
 * minute (1% of events arrive hours late, as from offline devices). The
 * 500 places: 200 hotels, 150 venues, 50 dining halls, 100 vehicles. A person
 * sleeps in one hotel, works at one of three venues (by day) and eats in one
 * of two dining halls, as delegations and workforce do; buses change daily.
 *
 * The log is hash-chained by a fast SQL path that builds the same RFC 8785
 * canonical text as libs/movement/chain.ts (to_json() escapes strings as
 * JSON.stringify does) and hashes it with PostgreSQL's sha256(), one chain
 * per loop, two chains at a time. verifyMovementLog then recomputes every
 * chain in Node with the application's own code, so the benchmark also
 * proves the two agree on ten million events.
 *
 * Environment: BENCH_PEOPLE (70000), BENCH_DAYS (14), BENCH_QUERIES (200),
 * BENCH_ANSWERS (which answers, by name: totals, first 100 with encounters, all with
 * encounters), BENCH_DATABASE_URL (reuse a database an earlier run loaded and kept;
 * BENCH_KEEP=1 keeps the one made here), SUPERGRAPH_PATH (serve a freshly
 * composed supergraph).
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 70_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 14);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const WINDOW_DAYS = 7;
const DAY = 86_400_000;
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.LOG_LEVEL ??= 'error';

/**
 * What the ten million events look like (BENCH_SHAPE):
 *
 * - games (the default), as a Games is: 70,000 people in hotel rooms of two (one in ten
 *   alone), moving in delegations of 40 that share a bus out (20 to 60 minutes) and back
 *   and a day at one of 35 venues (2,000 people a day each, 2 to 6 hours), eating in one
 *   of 50 dining halls (1,400 a day each, a few hundred at once, 45 to 75 minutes);
 * - dense: everyone in 500 places (200 hotels of 350, 150 venues, 50 dining halls, 100
 *   buses), so each person meets thousands every day: the worst case for contacts, whose
 *   answers then run to thousands of people.
 */
const SHAPE = process.env.BENCH_SHAPE === 'dense' ? 'dense' : 'games';
const GROUP = 40;
const GROUPS = Math.ceil(PEOPLE / GROUP);
const SHARED_ROOMS = Math.floor(PEOPLE * 0.9);

/** Each person's day d: the places, when they set out (t0) and how long each stretch lasts. */
const DAY_PLANS: Record<'games' | 'dense', string> = {
  games: `
    SELECT p.person_id, d AS day,
      $1::timestamptz + d * interval '1 day' + interval '6 hours 30 minutes'
        + ((p.g * 37 + d * 101) % 240) * interval '1 minute' + (p.n % ${GROUP}) * interval '1 second' AS t0,
      (20 + (p.g * 13 + d * 7) % 41) * interval '1 minute' AS bus1,
      (120 + (p.g * 29 + d * 53) % 241) * interval '1 minute' AS venue,
      (45 + (p.g * 17 + d * 11) % 31) * interval '1 minute' AS dining,
      (20 + (p.g * 23 + d * 5) % 41) * interval '1 minute' AS bus2,
      'ROOM-' || lpad((CASE WHEN p.n < ${SHARED_ROOMS} THEN p.n / 2
                            ELSE ${SHARED_ROOMS / 2} + p.n - ${SHARED_ROOMS} END)::text, 5, '0') AS hotel,
      'BUS-' || lpad(((p.g + d * 7) % ${GROUPS})::text, 4, '0') AS bus_out,
      'VENUE-' || lpad(((p.g % 35 + d % 3) % 35)::text, 2, '0') AS venue_at,
      'DINING-' || lpad((((p.n * 11) % 50 + d % 2) % 50)::text, 2, '0') AS dining_at,
      'BUS-' || lpad((${GROUPS} + (p.g + d * 11) % ${GROUPS})::text, 4, '0') AS bus_back
    FROM (SELECT p.*, p.n / ${GROUP} AS g FROM p) p CROSS JOIN generate_series(0, $2 - 1) d`,
  dense: `
    SELECT p.person_id, d AS day,
      $1::timestamptz + d * interval '1 day' + interval '6 hours 30 minutes'
        + ((p.n * 37 + d * 101) % 120) * interval '1 minute' + (p.n % 60) * interval '1 second' AS t0,
      (20 + (p.n * 13 + d * 7) % 21) * interval '1 minute' AS bus1,
      (180 + (p.n * 29 + d * 53) % 181) * interval '1 minute' AS venue,
      (30 + (p.n * 17 + d * 11) % 31) * interval '1 minute' AS dining,
      (20 + (p.n * 23 + d * 5) % 21) * interval '1 minute' AS bus2,
      'HOTEL-' || lpad((p.n % 200)::text, 3, '0') AS hotel,
      'BUS-' || lpad(((p.n * 3 + d) % 100)::text, 4, '0') AS bus_out,
      'VENUE-' || lpad((((p.n * 7) % 150 + d % 3) % 150)::text, 3, '0') AS venue_at,
      'DINING-' || lpad((((p.n * 11) % 50 + d % 2) % 50)::text, 2, '0') AS dining_at,
      'BUS-' || lpad(((p.n * 5 + d * 3 + 100) % 100)::text, 4, '0') AS bus_back
    FROM p CROSS JOIN generate_series(0, $2 - 1) d`,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  report.progress(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** The canonical JSON of libs/movement/chain.ts canonicalContent(), in SQL. */
const CANONICAL_SQL = `
  '{"chain":' || s.chain || ',"id":' || to_json(s.id::text)::text || ',"kind":' || to_json(s.kind)::text
  || ',"location":' || to_json(s.location)::text
  || ',"occurredAt":"' || to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"personId":' || to_json(s.person_id::text)::text
  || ',"recordedAt":"' || to_char(s.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"seq":' || s.seq || ',"source":' || to_json(s.source)::text || '}'`;

async function load(url: string, start: Date): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET synchronous_commit = off`,
    );
    console.log(
      `loading ${PEOPLE} people and ${PEOPLE * DAYS * 10} events from ${start.toISOString()}`,
    );
    await timed('people with accreditations', async () => {
      await seedPeopleWithCards(db, {
        count: PEOPLE,
        prefix: 'B',
        function: 'Athlete',
        validDaysBefore: 60,
        validDaysAfter: 60,
      });
    });
    await db.query(`CREATE SCHEMA bench`);
    await timed('events generated (staging, with recording order and canonical text)', async () => {
      await db.query(
        `CREATE UNLOGGED TABLE bench.raw AS
         WITH p AS (
           SELECT id AS person_id, (row_number() OVER (ORDER BY id) - 1)::int AS n
           FROM accreditation.people),
         b AS (${DAY_PLANS[SHAPE]}),
         t AS (
           SELECT b.*, t0 + interval '5 minutes' AS t1 FROM b),
         u AS (
           SELECT t.*, t1 + bus1 AS t2, t1 + bus1 + interval '5 minutes' AS t3,
                  t1 + bus1 + interval '5 minutes' + venue AS t4 FROM t),
         v AS (
           SELECT u.*, t4 + interval '10 minutes' AS t5, t4 + interval '10 minutes' + dining AS t6 FROM u),
         w AS (
           SELECT v.*, t6 + interval '10 minutes' AS t7, t6 + interval '10 minutes' + bus2 AS t8 FROM v)
         SELECT w.person_id, x.location, x.kind, x.at AS occurred_at
         FROM w CROSS JOIN LATERAL (VALUES
           (w.hotel, 'EXIT', w.t0), (w.bus_out, 'ENTRY', w.t1), (w.bus_out, 'EXIT', w.t2),
           (w.venue_at, 'ENTRY', w.t3), (w.venue_at, 'EXIT', w.t4),
           (w.dining_at, 'ENTRY', w.t5), (w.dining_at, 'EXIT', w.t6),
           (w.bus_back, 'ENTRY', w.t7), (w.bus_back, 'EXIT', w.t8),
           (w.hotel, 'ENTRY', w.t8 + interval '5 minutes')) AS x(location, kind, at)`,
        [start, DAYS],
      );
      await db.query(
        `CREATE UNLOGGED TABLE bench.staging AS
         SELECT s.*, ${CANONICAL_SQL} AS canonical
         FROM (
           SELECT r.*, row_number() OVER (PARTITION BY r.chain ORDER BY r.recorded_at, r.id) AS seq
           FROM (
             SELECT gen_random_uuid() AS id, movement.chain_of(raw.location) AS chain, raw.person_id, raw.location, raw.kind, raw.occurred_at,
                    date_trunc('milliseconds', raw.occurred_at
                      + CASE WHEN random() < 0.01 THEN random() * interval '6 hours'
                             ELSE random() * interval '60 seconds' END) AS recorded_at,
                    CASE WHEN raw.location LIKE 'BUS-%' THEN 'Beijing Bus Co' ELSE 'check-in' END AS source
             FROM bench.raw raw) r) s`,
      );
      await db.query(`DROP TABLE bench.raw`);
      await db.query(`CREATE INDEX ON bench.staging (chain, seq)`);
    });
  } finally {
    await db.end();
  }
}

/**
 * Hash-chains the staged events into movement.events, with the log's
 * indexes dropped during the load and built again after.
 */
async function chainAndInsert(url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET maintenance_work_mem = '1GB'; SET synchronous_commit = off`);
    // Kept in the bench schema, so an interrupted load can be resumed with BENCH_DATABASE_URL.
    await db.query(
      `CREATE TABLE IF NOT EXISTS bench.indexes AS
       SELECT indexname AS name, replace(indexdef, ' ON ONLY ', ' ON ') AS def FROM pg_indexes
       WHERE schemaname = 'movement' AND tablename = 'events' AND indexname <> 'events_pkey'`,
    );
    await db.query(
      `CREATE TABLE IF NOT EXISTS bench.primary_key AS
       SELECT 'ALTER TABLE movement.events ADD CONSTRAINT events_pkey ' || pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = 'movement.events'::regclass AND conname = 'events_pkey'`,
    );
    const indexes = (await db.query<{ name: string; def: string }>(`SELECT * FROM bench.indexes`))
      .rows;
    const [primaryKey] = (await db.query<{ def: string }>(`SELECT def FROM bench.primary_key`))
      .rows;
    for (const index of indexes) await db.query(`DROP INDEX IF EXISTS movement.${index.name}`);
    await db.query(`ALTER TABLE movement.events DROP CONSTRAINT IF EXISTS events_pkey`);
    // A resumed load starts the chains again (the bench owns this database).
    await db.query(`ALTER TABLE movement.events DISABLE TRIGGER events_no_truncate`);
    await db.query(`TRUNCATE movement.events`);
    await db.query(`ALTER TABLE movement.events ENABLE TRIGGER events_no_truncate`);
    await db.query(`UPDATE movement.chains SET head_hash = repeat('0', 64), head_seq = 0`);
    // Without statistics the recursive walk below may not use the (chain, seq) index.
    await db.query(`ANALYZE bench.staging`);
    await timed('hash chains computed in SQL and events inserted (2 sessions)', async () => {
      const chains = Array.from({ length: 64 }, (_, i) => i);
      const worker = async () => {
        const session = new pg.Client({ connectionString: url });
        await session.connect();
        try {
          await session.query(`SET synchronous_commit = off; SET work_mem = '256MB'`);
          for (let c = chains.shift(); c !== undefined; c = chains.shift()) {
            if (c % 8 === 0) report.progress(`hash-chaining chain ${c + 1} of 64`);
            // Each step hashes the previous step's hash with the next event's canonical text.
            await session.query(
              `WITH RECURSIVE walk AS (
                 SELECT s.seq, repeat('0', 64) AS prev,
                        encode(sha256(convert_to(repeat('0', 64) || E'\\n' || s.canonical, 'UTF8')), 'hex') AS hash
                 FROM bench.staging s WHERE s.chain = $1 AND s.seq = 1
                 UNION ALL
                 SELECT s.seq, w.hash,
                        encode(sha256(convert_to(w.hash || E'\\n' || s.canonical, 'UTF8')), 'hex')
                 FROM walk w JOIN bench.staging s ON s.chain = $1 AND s.seq = w.seq + 1),
               inserted AS (
                 INSERT INTO movement.events
                   (id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)
                 SELECT s.id, s.chain, s.seq, s.person_id, s.location, s.kind, s.occurred_at, s.recorded_at,
                        s.source, w.prev, w.hash
                 FROM walk w JOIN bench.staging s ON s.chain = $1 AND s.seq = w.seq
                 RETURNING seq, hash)
               UPDATE movement.chains
               SET head_seq = (SELECT max(seq) FROM inserted),
                   head_hash = (SELECT hash FROM inserted ORDER BY seq DESC LIMIT 1)
               WHERE chain = $1 AND EXISTS (SELECT 1 FROM inserted)`,
              [c],
            );
          }
        } finally {
          await session.end();
        }
      };
      await Promise.all([worker(), worker()]);
    });
    await timed('primary key and indexes built', async () => {
      await db.query(primaryKey.def);
      for (const index of indexes) await db.query(index.def);
    });
    await timed('idempotency keys and the presence projection', async () => {
      await db.query(
        `INSERT INTO movement.event_ids (id, occurred_at) SELECT id, occurred_at FROM bench.staging`,
      );
      await db.query(
        `INSERT INTO movement.latest (person_id, event_id, location, kind, occurred_at, recorded_at)
         SELECT DISTINCT ON (person_id) person_id, id, location, kind, occurred_at, recorded_at
         FROM bench.staging ORDER BY person_id, occurred_at DESC, recorded_at DESC, id DESC`,
      );
    });
    await db.query(`DROP SCHEMA bench CASCADE`);
    // What the append keeps as it goes, built at once from the whole log.
    await timed('stays derived from the log (movement.rebuild_stays)', async () => {
      const stayIndexes = (
        await db.query<{ name: string; def: string }>(
          `SELECT indexname AS name, indexdef AS def FROM pg_indexes
           WHERE schemaname = 'movement' AND tablename = 'stays' AND indexname <> 'stays_pkey'`,
        )
      ).rows;
      for (const index of stayIndexes) await db.query(`DROP INDEX movement.${index.name}`);
      await db.query(`SET work_mem = '512MB'`);
      const [{ made }] = (
        await db.query<{ made: string }>(`SELECT movement.rebuild_stays() AS made`)
      ).rows;
      report.progress(`${made} stay rows; building their indexes`);
      for (const index of stayIndexes) await db.query(index.def);
    });
    await timed('VACUUM ANALYZE', async () => {
      await db.query(`VACUUM ANALYZE movement.stays`);
      await db.query(`VACUUM ANALYZE movement.events`);
      await db.query(`VACUUM ANALYZE movement.event_ids`);
      await db.query(`VACUUM ANALYZE movement.latest`);
    });
  } finally {
    await db.end();
  }
}

const report = new BenchReport('contacts');
const database = await benchDatabase('contacts_bench');
const system = await startSystem({
  label: 'contacts_bench',
  databaseUrl: database.url,
  supergraphPath: process.env.SUPERGRAPH_PATH,
  env: deployedEnvironment(),
});
try {
  const direct = new pg.Pool({
    connectionString: system.databaseUrl,
    max: 4,
    options: '-c jit=off',
  });
  // What libs/movement expects of a manager: query() resolving to the rows.
  const manager = {
    query: async (sql: string, params?: unknown[]) =>
      (await direct.query(sql, params)).rows as unknown,
  } as Pick<EntityManager, 'query'>;

  let [{ n: events }] = (
    await direct.query<{ n: string }>(`SELECT count(*) AS n FROM movement.events`)
  ).rows;
  // The data ends at the start of today, so every window is in the past.
  const end = new Date(Math.floor(Date.now() / DAY) * DAY);
  let start = new Date(end.getTime() - DAYS * DAY);
  const [{ staged }] = (
    await direct.query<{ staged: boolean }>(
      `SELECT to_regclass('bench.staging') IS NOT NULL AS staged`,
    )
  ).rows;
  if (staged || Number(events) === 0) {
    if (!staged) await load(system.databaseUrl, start);
    await chainAndInsert(system.databaseUrl);
    [{ n: events }] = (
      await direct.query<{ n: string }>(`SELECT count(*) AS n FROM movement.events`)
    ).rows;
  } else {
    const [{ first }] = (
      await direct.query<{ first: Date }>(`SELECT min(occurred_at) AS first FROM movement.events`)
    ).rows;
    start = new Date(Math.floor(first.getTime() / DAY) * DAY);
    console.log(`reusing ${system.databaseUrl}`);
  }
  const [{ size }] = (
    await direct.query<{ size: string }>(
      `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'movement.events'::regclass`,
    )
  ).rows;
  console.log(`movement.events: ${events} events, ${size} with indexes`);

  const people = (
    await direct.query<{ id: string }>(`SELECT id FROM accreditation.people`)
  ).rows.map((r) => r.id);
  if (people.length === 0) throw new Error('loaded only (BENCH_LOAD_ONLY)');
  const tracer = await given(system).user(['TRACER']);
  // A lean client (libs/common/kept-alive-poster.ts): the figures are the system's, not fetch's.
  const http = new KeptAlivePoster(1);
  const span = (DAYS - WINDOW_DAYS) * DAY;
  const samples = Array.from({ length: QUERIES + 20 }, () => {
    const from = new Date(
      start.getTime() + Math.floor(Math.random() * (span / 3_600_000)) * 3_600_000,
    );
    return {
      personId: people[Math.floor(Math.random() * people.length)],
      from: from.toISOString(),
      to: new Date(from.getTime() + WINDOW_DAYS * DAY).toISOString(),
    };
  });
  // The three answers a reader asks for: the contacts with their totals (a list, a count,
  // designation), the first hundred with their encounters (the staff client's trace
  // screen), and everything (an export).
  const ALL_ANSWERS = [
    { name: 'totals', args: '', fields: 'totalMinutes person { id }', encounters: false },
    {
      name: 'first 100 with encounters',
      args: ', first: 100',
      fields: 'totalMinutes person { id } encounters { location from until minutes }',
      encounters: true,
      first: 100,
    },
    {
      name: 'all with encounters',
      args: '',
      fields: 'totalMinutes person { id } encounters { location from until minutes }',
      encounters: true,
    },
  ];
  // BENCH_ANSWERS=totals (names, comma-separated) measures those answers alone, for a profile.
  const chosen = process.env.BENCH_ANSWERS?.split(',');
  const ANSWERS = ALL_ANSWERS.filter((a) => !chosen || chosen.includes(a.name));
  const movementPid = servicePid('movement');
  const databaseName = new URL(system.databaseUrl).pathname.slice(1);
  const cpuDb = new pg.Client({ connectionString: system.databaseUrl });
  await cpuDb.connect();
  // Warm-up: the first queries read the stays from disk into the cache.
  for (const sample of samples.slice(0, 20)) {
    await tracer.query(
      `query($personId: ID!, $from: DateTime!, $to: DateTime!) {
         contacts(personId: $personId, from: $from, to: $to) { totalMinutes } }`,
      sample,
    );
  }
  for (const answer of ANSWERS) {
    const query = `query($personId: ID!, $from: DateTime!, $to: DateTime!) {
      contacts(personId: $personId, from: $from, to: $to${answer.args}) { ${answer.fields} } }`;
    const times: number[] = [];
    let contactsFound = 0;
    let encountersFound = 0;
    let bytes = 0;
    const cpuBefore = await cpuSample(cpuDb, databaseName);
    const serviceBefore = movementPid ? (cpuSecondsOf(movementPid) ?? 0) : 0;
    for (const sample of samples.slice(20)) {
      const started = performance.now();
      const answer = await http.post(system.url, JSON.stringify({ query, variables: sample }), {
        'content-type': 'application/json',
        authorization: `Bearer ${tracer.token}`,
      });
      const json = JSON.parse(answer.body.toString('utf8')) as {
        data?: { contacts: { encounters?: unknown[] }[] };
      };
      times.push(performance.now() - started);
      const data = json.data;
      if (!data) throw new Error(`contacts failed: ${JSON.stringify(json)}`);
      contactsFound += data.contacts.length;
      for (const c of data.contacts) encountersFound += c.encounters?.length ?? 0;
      bytes += answer.body.length;
    }
    const cpu = cpuSpent(cpuBefore, await cpuSample(cpuDb, databaseName));
    const service = movementPid ? (cpuSecondsOf(movementPid) ?? 0) - serviceBefore : 0;
    const perQuery = (seconds: number) => ((seconds * 1000) / QUERIES).toFixed(1);
    const sqlTimes: number[] = [];
    for (const sample of samples.slice(20)) {
      const started = performance.now();
      await findContacts(manager, sample.personId, new Date(sample.from), new Date(sample.to), 15, {
        first: answer.first,
        encounters: answer.encounters,
      });
      sqlTimes.push(performance.now() - started);
    }
    const subgraphTimes = await timedAtSubgraph(
      http,
      system.subgraphUrls.movement,
      system.env.GATEWAY_SECRET,
      { query, variables: samples.slice(20), authorization: `Bearer ${tracer.token}` },
    );
    times.sort((x, y) => x - y);
    sqlTimes.sort((x, y) => x - y);
    subgraphTimes.sort((x, y) => x - y);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    console.log(
      `contacts() ${answer.name} through the gateway, ${QUERIES} random people, ${WINDOW_DAYS}-day windows, ` +
        `minMinutes 15: p50 ${p50.toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ` +
        `per answer ${(contactsFound / QUERIES).toFixed(0)} contacts, ${(encountersFound / QUERIES).toFixed(0)} encounters, ` +
        `${(bytes / QUERIES / 1024).toFixed(0)} KiB of JSON; CPU per query: PostgreSQL ${perQuery(cpu.postgres)} ms, ` +
        `movement subgraph ${perQuery(service)} ms, gateway and client ${perQuery(cpu.node - service)} ms; ` +
        `findContacts alone p50 ${percentile(sqlTimes, 50).toFixed(1)} ms, p99 ${percentile(sqlTimes, 99).toFixed(1)} ms; ` +
        `the movement subgraph alone p50 ${percentile(subgraphTimes, 50).toFixed(1)} ms`,
    );
    report.figure({
      measure: `contacts() ${answer.name}, through the gateway over ${events} events, p50`,
      value: p50,
      unit: 'ms',
      goal: 'under 50 ms',
      met: p50 < 50,
    });
    report.figure({
      measure: `contacts() ${answer.name}, through the gateway over ${events} events, p99`,
      value: p99,
      unit: 'ms',
      goal: 'under 200 ms',
      met: p99 < 200,
    });
    report.figure({
      measure: `contacts ${answer.name}, findContacts alone (SQL and rows), p50`,
      value: percentile(sqlTimes, 50),
      unit: 'ms',
    });
    report.figure({
      measure: `contacts ${answer.name}, the movement subgraph alone (signed as the gateway), p50`,
      value: percentile(subgraphTimes, 50),
      unit: 'ms',
    });
  }
  await cpuDb.end();
  if (process.env.BENCH_EXPLAIN) {
    const s = samples[20];
    const session = await direct.connect();
    for (const statement of [CONTACT_TOTALS_STATEMENT, CONTACTS_STATEMENT]) {
      // The totals as findContacts runs them, with sorts disfavoured (migration 1764300003000).
      const sorts = statement === CONTACT_TOTALS_STATEMENT ? 'off' : 'on';
      await session.query(`SELECT set_config('enable_sort', $1, false)`, [sorts]);
      const plan = await session.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement}`,
        [s.personId, s.from, s.to, 15, null],
      );
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    session.release(true);
  }

  if (!process.env.BENCH_SKIP_VERIFY) await verifyAll(manager);
  await direct.end();
  http.close();
  await report.finish();
} finally {
  await system.stop();
  if (process.env.BENCH_KEEP && !database.kept) console.log(`kept ${database.url}`);
  else await database.drop();
}

/** verifyMovementLog through the gateway over everything loaded (in-process when that fails). */
async function verifyAll(manager: Pick<EntityManager, 'query'>): Promise<void> {
  const started = performance.now();
  const verification = await system.admin.request<{
    verifyMovementLog: {
      valid: boolean;
      eventsChecked: number;
      firstInvalidEventId: string | null;
    };
  }>(`{ verifyMovementLog { valid eventsChecked firstInvalidEventId } }`);
  const seconds = (performance.now() - started) / 1000;
  if (verification.data) {
    const v = verification.data.verifyMovementLog;
    console.log(
      `verifyMovementLog through the gateway: ${v.eventsChecked} events in ${seconds.toFixed(1)} s ` +
        `(${Math.round(v.eventsChecked / seconds)} events/s), valid: ${v.valid}, firstInvalidEventId: ${v.firstInvalidEventId}`,
    );
  } else {
    console.log(
      `verifyMovementLog through the gateway failed after ${seconds.toFixed(1)} s: ${JSON.stringify(verification.errors)}`,
    );
    const again = performance.now();
    const v = await verifyMovementLog(manager);
    console.log(
      `verifyMovementLog in-process: ${v.eventsChecked} events in ${((performance.now() - again) / 1000).toFixed(1)} s, valid: ${v.valid}`,
    );
  }
}
