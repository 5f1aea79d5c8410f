import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { cpuSnapshot, cpuUsed, type CpuSnapshot } from '#bench/support/cpu.js';
import { deployedEnvironment } from '#bench/support/deployed.js';
import { BenchReport } from '#bench/support/report.js';
import { gatewayProofHeaders } from '#libs/auth/gateway-proof.js';
import { KeptAlivePoster } from '#libs/common/kept-alive-poster.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { inspection } from '#test/inspection/support.js';
import type { GivenPerson } from '#test/support/given.js';

/**
 * `npm run bench:checkin`: the check-in's latency and throughput through the
 * gateway and straight at the inspection subgraph, against pgbench running
 * the same SQL work on the same PostgreSQL.
 *
 * Environment: TEST_DATABASE_URL (the server; a fresh database is made on
 * it), BENCH_PEOPLE (64), BENCH_SEQUENTIAL (500), BENCH_CONCURRENCY (32),
 * BENCH_SECONDS (10).
 */
const exec = promisify(execFile);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 64);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
process.env.LOG_LEVEL ??= 'error';

const CHECK_IN = `mutation($input: CheckInInput!) { checkIn(input: $input) { decision reasons } }`;

interface Stats {
  count: number;
  rps: number;
  p50: number;
  p99: number;
  denied: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** One scan: every person alternates IN and OUT, so every scan is admitted. */
class Scanner {
  private readonly inside = new Map<string, boolean>();
  /** One kept-alive connection per client: the figures are the system's, not fetch's. */
  readonly http = new KeptAlivePoster(CONCURRENCY);
  constructor(
    private readonly areaCode: string,
    private readonly token: string,
    /** The inspection subgraph, called directly: it answers only requests signed as the gateway's. */
    private readonly subgraph: { url: string; gatewaySecret: string },
  ) {}

  async scan(url: string, person: GivenPerson): Promise<{ ms: number; admitted: boolean }> {
    const direction = this.inside.get(person.id) ? 'OUT' : 'IN';
    const started = performance.now();
    const request = JSON.stringify({
      query: CHECK_IN,
      variables: {
        input: {
          id: randomUUID(),
          areaCode: this.areaCode,
          direction,
          cardNumber: person.cardNumber,
        },
      },
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${this.token}`,
    };
    if (url === this.subgraph.url) {
      // The subgraph answers only requests signed as the gateway signs them.
      Object.assign(
        headers,
        gatewayProofHeaders(this.subgraph.gatewaySecret, {
          method: 'POST',
          path: new URL(url).pathname,
          body: request,
        }),
      );
    }
    const answer = await this.http.post(url, request, headers);
    const body = JSON.parse(answer.body.toString('utf8')) as {
      data?: { checkIn: { decision: string } };
      errors?: unknown[];
    };
    const ms = performance.now() - started;
    const admitted = body.data?.checkIn.decision === 'ADMITTED';
    if (admitted) this.inside.set(person.id, direction === 'IN');
    else if (body.errors) throw new Error(`check-in failed: ${JSON.stringify(body.errors)}`);
    return { ms, admitted };
  }

  async sequential(url: string, people: GivenPerson[], n: number): Promise<Stats> {
    const times: number[] = [];
    let denied = 0;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const result = await this.scan(url, people[Math.floor(i / 2) % people.length]);
      times.push(result.ms);
      if (!result.admitted) denied++;
    }
    return summarise(times, denied, performance.now() - started);
  }

  /** `clients` loops, each scanning its own person, for `seconds`. */
  async concurrent(
    url: string,
    people: GivenPerson[],
    clients: number,
    seconds: number,
  ): Promise<Stats> {
    const times: number[] = [];
    let denied = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const person = people[c % people.length];
        while (performance.now() < until) {
          const result = await this.scan(url, person);
          times.push(result.ms);
          if (!result.admitted) denied++;
        }
      }),
    );
    return summarise(times, denied, performance.now() - started);
  }
}

function summarise(times: number[], denied: number, elapsedMs: number): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: times.length,
    rps: times.length / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    denied,
  };
}

const line = (label: string, s: Stats) =>
  `${label.padEnd(34)} ${String(s.count).padStart(6)} scans  ${s.rps.toFixed(0).padStart(6)} rps  p50 ${fmt(s.p50).padStart(9)}  p99 ${fmt(s.p99).padStart(9)}${s.denied ? `  (${s.denied} denied!)` : ''}`;

/**
 * The same SQL work as CheckInsService.record for an admitted IN, one
 * transaction per scan: the id lock and replay check, the area, the card
 * (accreditation.find_card, FOR SHARE), the person's lock and loop state, the
 * last movement at the area (movement.movements), the check-in row, then the
 * chained append (movement.append_events: claim the id, lock the chain head,
 * hash and insert the event, move the head, the latest projection).
 */
const PGBENCH_SCRIPT = `
\\set me :client_id % :npeople
SELECT gen_random_uuid() AS cid, person_id AS pid, card_number AS card FROM bench.people WHERE n = :me::int \\gset
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended(:cid::text, 1));
SELECT * FROM inspection.check_ins WHERE id = :cid::uuid;
SELECT * FROM inspection.areas WHERE code = :area;
SELECT * FROM accreditation.find_card(:card, true);
SELECT pg_advisory_xact_lock(hashtextextended(:pid::text, 0));
SELECT * FROM inspection.closed_loop WHERE person_id = :pid::uuid;
SELECT kind, occurred_at FROM movement.movements WHERE person_id = :pid::uuid AND location = :area ORDER BY occurred_at DESC, recorded_at DESC, id DESC LIMIT 1;
INSERT INTO inspection.check_ins (id, area_code, person_id, card_number, direction, decision, reasons, scanned_at, device_id, device_decision, conflict, fingerprint) VALUES (:cid::uuid, :area, :pid::uuid, :card, 'IN', 'ADMITTED', '{}', now(), NULL, NULL, false, :cid::text) RETURNING *;
SELECT * FROM movement.append_events(ARRAY[:cid::uuid], ARRAY[:pid::uuid], ARRAY[:area], '{ENTRY}', ARRAY[now()], '{bench}');
COMMIT;
`;

/**
 * What the service sends now, as pgbench sends it: one statement per scan
 * (inspection.check_in), each person alternating IN and OUT as in the bench
 * (the direction read first, so each scan is admitted and appends).
 */
const PGBENCH_ONE_STATEMENT = `
\\set me :client_id % :npeople
SELECT person_id AS pid, card_number AS card FROM bench.people WHERE n = :me::int \\gset
SELECT CASE WHEN EXISTS (SELECT 1 FROM movement.presence WHERE person_id = :pid::uuid AND location = :area) THEN 'OUT' ELSE 'IN' END AS dir \\gset
SELECT * FROM inspection.check_in(ARRAY[gen_random_uuid()], ARRAY[:area::text], ARRAY[:dir::text], ARRAY[:card::text], '{none}', '{NULL}'::int[], '{NULL}'::uuid[], ARRAY[now()], '{NULL}'::text[], '{NULL}'::text[], '{bench}');
`;

async function pgbench(
  system: RunningSystem,
  areaCode: string,
  people: GivenPerson[],
  runs: { clients: number; script: 'same' | 'one' }[],
): Promise<{ clients: number; script: 'same' | 'one'; tps: number; latencyMs: number }[] | null> {
  try {
    await exec('pgbench', ['--version']);
  } catch {
    console.log('pgbench: not installed (apt-get install -y postgresql-contrib); skipped');
    return null;
  }
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE SCHEMA bench`);
    await db.query(
      `CREATE TABLE bench.people (n int PRIMARY KEY, person_id uuid NOT NULL, card_number text NOT NULL)`,
    );
    await db.query(
      `INSERT INTO bench.people SELECT i - 1, p, c FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(p, c, i)`,
      [people.map((p) => p.id), people.map((p) => p.cardNumber)],
    );
  } finally {
    await db.end();
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'checkin-bench-'));
  try {
    const scripts = { same: path.join(tmp, 'checkin.sql'), one: path.join(tmp, 'one.sql') };
    await writeFile(scripts.same, PGBENCH_SCRIPT);
    await writeFile(scripts.one, PGBENCH_ONE_STATEMENT);
    const measured: { clients: number; script: 'same' | 'one'; tps: number; latencyMs: number }[] =
      [];
    for (const { clients, script } of runs) {
      const { stdout } = await exec(
        'pgbench',
        [
          ...['-n', '-M', 'extended', '-c', String(clients), '-j', String(Math.min(2, clients))],
          ...['-T', String(SECONDS), '-D', `area=${areaCode}`],
          ...['-D', `npeople=${people.length}`, '-f', scripts[script], system.databaseUrl],
        ],
        { maxBuffer: 10 * 1024 * 1024 },
      );
      measured.push({
        clients,
        script,
        tps: Number(/tps = ([\d.]+)/.exec(stdout)?.[1]),
        latencyMs: Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]),
      });
    }
    return measured;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const report = new BenchReport('checkin');
  report.progress(
    `${PEOPLE} people, ${SEQUENTIAL} sequential scans, ${CONCURRENCY} clients for ${SECONDS} s`,
  );
  const system = await startSystem({
    label: 'bench_checkin',
    env: deployedEnvironment({ DB_POOL_SIZE: '20' }),
  });
  try {
    const g = inspection(system);
    const organisation = await g.organisation();
    const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
    const gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
    const people: GivenPerson[] = [];
    const seedStarted = performance.now();
    for (let batch = 0; batch < PEOPLE; batch += 8) {
      const made = await Promise.all(
        Array.from({ length: Math.min(8, PEOPLE - batch) }, async () => {
          const person = await g.person(organisation.id, { venues: ['NST'], zones: ['1'] });
          await g.approve(person.accreditationId);
          const arrival = await g.arrive(port.code, person.cardNumber, person.documentNumber);
          if (arrival.decision !== 'ADMITTED')
            throw new Error(`seed arrival denied: ${arrival.reasons.join()}`);
          return person;
        }),
      );
      people.push(...made);
    }
    report.progress(
      `seeded ${people.length} arrived people in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const subgraphUrl = system.subgraphUrls.inspection;
    const scanner = new Scanner(gate.code, system.admin.token as string, {
      url: subgraphUrl,
      gatewaySecret: system.env.GATEWAY_SECRET,
    });
    await scanner.sequential(system.url, people, 100); // warm up both paths
    await scanner.sequential(subgraphUrl, people, 100);

    const results: [string, Stats][] = [];
    results.push([
      'sequential, through the gateway',
      await scanner.sequential(system.url, people, SEQUENTIAL),
    ]);
    results.push([
      'sequential, inspection subgraph',
      await scanner.sequential(subgraphUrl, people, SEQUENTIAL),
    ]);
    // CPU per check-in: the inspection service, its PostgreSQL backends, and this process
    // (the load generator, plus the in-process gateway on the gateway run). The direct run
    // gives what the load generator alone costs, so the gateway's share is the difference.
    const measured = async (url: string): Promise<[Stats, CpuSnapshot]> => {
      const before = await cpuSnapshot(system.databaseUrl, 'inspection');
      const stats = await scanner.concurrent(url, people, CONCURRENCY, SECONDS);
      return [stats, cpuUsed(before, await cpuSnapshot(system.databaseUrl, 'inspection'))];
    };
    const [throughGateway, gatewayCpu] = await measured(system.url);
    const [direct, directCpu] = await measured(subgraphUrl);
    results.push([`${CONCURRENCY} clients, through the gateway`, throughGateway]);
    results.push([`${CONCURRENCY} clients, inspection subgraph`, direct]);
    console.log('');
    for (const [label, stats] of results) console.log(line(label, stats));
    const median = results[0][1].p50;
    report.figure({
      measure: 'check-in, 1 client, through the gateway, median',
      value: median,
      unit: 'ms',
      goal: 'under 10 ms',
      met: median < 10,
    });
    for (const [label, stats] of results.slice(2)) {
      report.figure({ measure: `check-in, ${label}`, value: stats.rps, unit: '/s' });
      report.figure({ measure: `check-in, ${label}, p50`, value: stats.p50, unit: 'ms' });
    }
    const perScan = (seconds: number, scans: number) => (seconds * 1000) / scans;
    const generator = perScan(directCpu.own, direct.count);
    const cpu = {
      service: perScan(gatewayCpu.service, throughGateway.count),
      postgres: perScan(gatewayCpu.postgres, throughGateway.count),
      gateway: perScan(gatewayCpu.own, throughGateway.count) - generator,
    };
    console.log(
      `CPU per check-in (${CONCURRENCY} clients through the gateway): inspection service ${cpu.service.toFixed(2)} ms, PostgreSQL ${cpu.postgres.toFixed(2)} ms, gateway ${cpu.gateway.toFixed(2)} ms (this process ${perScan(gatewayCpu.own, throughGateway.count).toFixed(2)} ms less the load generator's ${generator.toFixed(2)} ms, measured on the direct run)`,
    );
    report.figure({
      measure: 'CPU per check-in, inspection service',
      value: cpu.service,
      unit: 'ms',
    });
    report.figure({
      measure: 'CPU per check-in, PostgreSQL backends',
      value: cpu.postgres,
      unit: 'ms',
    });
    report.figure({ measure: 'CPU per check-in, gateway', value: cpu.gateway, unit: 'ms' });

    report.progress('pgbench');
    const sql = await pgbench(system, gate.code, people, [
      { clients: 1, script: 'same' },
      { clients: CONCURRENCY, script: 'same' },
      { clients: 1, script: 'one' },
      { clients: CONCURRENCY, script: 'one' },
    ]);
    if (sql) {
      for (const run of sql) {
        const what = run.script === 'same' ? 'pgbench same SQL' : 'pgbench one statement';
        const label = run.clients === 1 ? `sequential, ${what}` : `${run.clients} clients, ${what}`;
        console.log(
          `${label.padEnd(34)} ${run.tps.toFixed(0).padStart(19)} tps  avg ${fmt(run.latencyMs).padStart(9)}`,
        );
      }
      const gateway = results[2][1].rps;
      const subgraph = results[3][1].rps;
      const tps = sql[1].tps;
      const oneStatement = sql[3].tps;
      console.log('');
      console.log(`gateway / pgbench:  ${(gateway / tps).toFixed(2)}x   (goal: at least 0.5x)`);
      report.figure({
        measure: `pgbench, ${CONCURRENCY} clients, same SQL`,
        value: tps,
        unit: 'tps',
      });
      report.figure({
        measure: `gateway throughput / pgbench at ${CONCURRENCY} clients`,
        value: gateway / tps,
        unit: 'x',
        goal: 'at least 0.5',
        met: gateway / tps >= 0.5,
      });
      report.figure({
        measure: `pgbench, ${CONCURRENCY} clients, one statement (inspection.check_in)`,
        value: oneStatement,
        unit: 'tps',
      });
      report.figure({
        measure: `gateway throughput / pgbench one statement at ${CONCURRENCY} clients`,
        value: gateway / oneStatement,
        unit: 'x',
      });
      console.log(`subgraph / pgbench: ${(subgraph / tps).toFixed(2)}x`);
      console.log(`gateway / subgraph: ${(gateway / subgraph).toFixed(2)}x`);
    }
    scanner.http.close();
    await report.finish();
  } finally {
    await system.stop();
  }
}

await main();
