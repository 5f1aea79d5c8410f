import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuSample, cpuSpent } from '#bench/support/cpu.js';
import { deployedEnvironment } from '#bench/support/deployed.js';
import { benchDatabase } from '#bench/support/bench-database.js';
import { type BenchPerson, seedPeopleWithCards } from '#bench/support/bench-people.js';
import { BenchReport } from '#bench/support/report.js';
import { startSystem } from '#tools/in-process-system.js';

/**
 * `npm run bench:movements`: the whole system on a fresh database; a
 * transport operator's system (an API key with MOVEMENT_WRITE) records
 * movement events through the gateway in batches of 5,000 (recordMovements),
 * a few batches in flight at once, and we print events per second. One in ten
 * events names the person by card number, the others by person id. Then the
 * log is verified (verifyMovementLog) and the replay of a batch is timed.
 *
 * Environment: BENCH_EVENTS (200000), BENCH_BATCH (5000), BENCH_CONCURRENCY
 * (4), BENCH_PEOPLE (20000), SUPERGRAPH_PATH (serve a freshly composed supergraph),
 * BENCH_DATABASE_URL (append to the log of a database loaded and kept earlier, such as
 * the contacts benchmark's Games of ~10 M events, its people's cards used), BENCH_SKIP_VERIFY.
 * The services run as deployed (bench/support/deployed.ts).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.LOG_LEVEL ??= 'error';

const PLACES = [
  ...Array.from({ length: 200 }, (_, i) => `HOTEL-${String(i).padStart(3, '0')}`),
  ...Array.from({ length: 150 }, (_, i) => `VENUE-${String(i).padStart(3, '0')}`),
  ...Array.from({ length: 50 }, (_, i) => `DINING-${String(i).padStart(2, '0')}`),
  ...Array.from({ length: 100 }, (_, i) => `BUS-${String(i).padStart(4, '0')}`),
];

const MUTATION = `mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id hash } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const report = new BenchReport('movements');
const database = await benchDatabase('movements_bench');
const system = await startSystem({
  label: 'movements_bench',
  databaseUrl: database.url,
  supergraphPath: process.env.SUPERGRAPH_PATH,
  env: deployedEnvironment(),
});
try {
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const databaseName = new URL(database.url).pathname.slice(1);
  const people = database.kept
    ? await keptPeople(db)
    : await seedPeopleWithCards(db, {
        count: PEOPLE,
        prefix: 'M',
        function: 'Driver',
        validDaysBefore: 1,
        validDaysAfter: 30,
      });
  const [{ logged }] = (
    await db.query<{ logged: string }>(`SELECT count(*) AS logged FROM movement.events`)
  ).rows;
  report.progress(`${people.length} people with cards; ${logged} events in the log already`);
  report.figure({ measure: 'the log before the run', value: Number(logged), unit: 'events' });

  const key = await system.admin.query<{ createApiKey: { secret: string } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
    { input: { name: 'Beijing Bus Co', scopes: ['MOVEMENT_WRITE'] } },
  );
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${key.createApiKey.secret}`,
  };

  report.progress(`building ${EVENTS} events in batches of ${BATCH}`);
  // Every request body is built before the clock starts.
  const now = Date.now();
  const inside = new Map<number, string>();
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let made = 0; made < EVENTS; made += BATCH) {
    const input = Array.from({ length: Math.min(BATCH, EVENTS - made) }, (_, i) => {
      const p = Math.floor(Math.random() * people.length);
      const at = inside.get(p);
      const location = at ?? PLACES[Math.floor(Math.random() * PLACES.length)];
      if (at) inside.delete(p);
      else inside.set(p, location);
      const who =
        (made + i) % 10 === 0 ? { cardNumber: people[p].card_number } : { personId: people[p].id };
      return {
        id: randomUUID(),
        ...who,
        location,
        kind: at ? 'EXIT' : 'ENTRY',
        occurredAt: new Date(now - Math.floor(Math.random() * 12 * 3_600_000)).toISOString(),
      };
    });
    // Encoded once here: a string body is converted (toUSVString) on every send.
    bodies.push(
      new TextEncoder().encode(JSON.stringify({ query: MUTATION, variables: { input } })),
    );
  }

  const send = async (body: Uint8Array<ArrayBuffer>): Promise<number> => {
    const started = performance.now();
    const res = await fetch(system.url, { method: 'POST', headers, body });
    const answer = (await res.json()) as {
      data?: { recordMovements: unknown[] };
      errors?: unknown;
    };
    if (!answer.data) throw new Error(`recordMovements failed: ${JSON.stringify(answer.errors)}`);
    return performance.now() - started;
  };

  await send(bodies[0]); // warm-up, and the first batch is also the replay measured below
  const queue = bodies.slice(1);
  const latencies: number[] = [];
  const cpuBefore = await cpuSample(db, databaseName);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
        latencies.push(await send(body));
        if (latencies.length % Math.max(1, Math.round(bodies.length / 5)) === 0) {
          report.progress(`${latencies.length} of ${bodies.length - 1} batches recorded`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSpent(cpuBefore, await cpuSample(db, databaseName));
  await db.end();
  const recorded = EVENTS - Math.min(BATCH, EVENTS);
  latencies.sort((a, b) => a - b);
  console.log(
    `recordMovements through the gateway: ${recorded} events in ${seconds.toFixed(1)} s = ` +
      `${Math.round(recorded / seconds)} events/s (batches of ${BATCH}, ${CONCURRENCY} in flight; ` +
      `per batch p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms)`,
  );
  report.figure({
    measure: `recordMovements through the gateway, batches of ${BATCH}, ${CONCURRENCY} in flight`,
    value: recorded / seconds,
    unit: 'events/s',
    goal: 'at least 20,000',
    met: recorded / seconds >= 20_000,
  });
  // What the events cost in CPU, which other work on the machine does not change: what the
  // CPUs could carry if they did nothing else.
  const cpuMsPerThousand = (s: number) => (s * 1000 * 1000) / recorded;
  report.figure({
    measure: 'CPU per 1,000 events: Node (gateway, subgraphs, this client)',
    value: cpuMsPerThousand(cpu.node),
    unit: 'ms',
  });
  for (const [name, seconds] of [...cpu.byNodeProcess].sort((a, b) => b[1] - a[1])) {
    if (seconds > 0.005 * cpu.node) {
      report.figure({
        measure: `— of which ${name}`,
        value: cpuMsPerThousand(seconds),
        unit: 'ms',
      });
    }
  }
  report.figure({
    measure: 'CPU per 1,000 events: PostgreSQL backends',
    value: cpuMsPerThousand(cpu.postgres),
    unit: 'ms',
  });
  if (cpu.node + cpu.postgres > 0) {
    const capacity = (os.cpus().length * recorded) / (cpu.node + cpu.postgres);
    report.figure({
      measure: `events/s ${os.cpus().length} idle CPUs could carry at that cost`,
      value: capacity,
      unit: 'events/s',
      goal: 'at least 20,000',
      met: capacity >= 20_000,
    });
  }
  report.figure({
    measure: `one batch of ${BATCH}, p50`,
    value: percentile(latencies, 50),
    unit: 'ms',
  });
  const replay = await send(bodies[0]);
  report.figure({
    measure: `replay of a batch of ${BATCH} (nothing written)`,
    value: replay,
    unit: 'ms',
  });
  console.log(
    `replay of a batch of ${BATCH} already recorded: ${replay.toFixed(0)} ms (nothing written)`,
  );

  // Skipped on a kept log of millions of events, which takes minutes to verify.
  if (!process.env.BENCH_SKIP_VERIFY) {
    const verifyStarted = performance.now();
    const verification = await system.admin.query<{
      verifyMovementLog: { valid: boolean; eventsChecked: number };
    }>(`{ verifyMovementLog { valid eventsChecked } }`);
    console.log(
      `verifyMovementLog: ${verification.verifyMovementLog.eventsChecked} events in ` +
        `${((performance.now() - verifyStarted) / 1000).toFixed(1)} s, valid: ${verification.verifyMovementLog.valid}`,
    );
    report.figure({
      measure: `verifyMovementLog over ${verification.verifyMovementLog.eventsChecked} events`,
      value: (performance.now() - verifyStarted) / 1000,
      unit: 's',
    });
  }
  await report.finish();
} finally {
  await system.stop();
  await database.drop();
}

/** A kept database's people with an active card, as many as BENCH_PEOPLE. */
async function keptPeople(db: pg.Client): Promise<BenchPerson[]> {
  return (
    await db.query<BenchPerson>(
      `SELECT person_id AS id, card_number FROM accreditation.accreditations
       WHERE status = 'ACTIVE' ORDER BY card_number LIMIT $1`,
      [PEOPLE],
    )
  ).rows;
}
