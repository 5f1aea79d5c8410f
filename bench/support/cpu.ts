import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';

/**
 * Where a benchmark's time goes, in CPU seconds, per process: on a busy shared
 * machine the wall time says more about the neighbours than about the code.
 * Linux only (/proc); elsewhere every figure is 0.
 */

/** CPU seconds (user + system) a local process has used so far, or null when unknown. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The child of this process running apps/<service>/main.js (startSystem spawns one per subgraph). */
export function servicePid(service: string): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(stat[1]) !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`${service}/main.js`))
        return Number(entry);
    }
  } catch {
    // not Linux
  }
  return null;
}

export interface CpuSnapshot {
  /** The service's process. */
  service: number;
  /** Its PostgreSQL backends (by application_name), summed. */
  postgres: number;
  /** This process: the load generator, and the gateway when it runs in-process. */
  own: number;
}

/** CPU seconds so far of `service`, of its database backends and of this process. */
export async function cpuSnapshot(databaseUrl: string, service: string): Promise<CpuSnapshot> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const backends = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [service],
    );
    const pid = servicePid(service);
    const own = process.cpuUsage();
    return {
      postgres: backends.rows.reduce((total, r) => total + (cpuSecondsOf(r.pid) ?? 0), 0),
      service: pid ? (cpuSecondsOf(pid) ?? 0) : 0,
      own: (own.user + own.system) / 1e6,
    };
  } finally {
    await db.end();
  }
}

/** What each process spent between two snapshots, in CPU seconds. */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return {
    service: after.service - before.service,
    postgres: after.postgres - before.postgres,
    own: after.own - before.own,
  };
}

async function childrenOf(pid: number): Promise<number[]> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const lists = await Promise.all(
      tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')),
    );
    return lists.flatMap((l) => l.split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** This process and every process below it (the subgraphs the system spawned). */
async function processTree(pid = process.pid): Promise<number[]> {
  const below = await childrenOf(pid);
  return [pid, ...(await Promise.all(below.map((c) => processTree(c)))).flat()];
}

/** The backends serving a database, when PostgreSQL runs on this machine. */
async function backendsOf(db: pg.ClientBase, database: string): Promise<number[]> {
  const rows = (
    await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
      database,
    ])
  ).rows;
  return rows.map((r) => r.pid);
}

export interface CpuSample {
  node: Map<number, number>;
  postgres: Map<number, number>;
}

function sample(pids: number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, cpuSecondsOf(p) ?? 0] as const));
}

/** CPU seconds so far of the Node processes (gateway, subgraphs) and of the database's backends. */
export async function cpuSample(db: pg.ClientBase, database: string): Promise<CpuSample> {
  return {
    node: sample(await processTree()),
    postgres: sample(await backendsOf(db, database)),
  };
}

/** What a Node process of the system is: this one (the load and the in-process gateway) or a service. */
function nodeProcessName(pid: number): string {
  if (pid === process.pid) return 'gateway and this client';
  try {
    const service = /apps\/([\w-]+)\/main\.js/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    return service ? `${service[1]} service` : `process ${pid}`;
  } catch {
    return `process ${pid}`;
  }
}

/**
 * CPU seconds spent between two samples, per side (a process new since the first counts
 * whole), and the Node side per process (`byNodeProcess`, named by nodeProcessName).
 */
export function cpuSpent(
  before: CpuSample,
  after: CpuSample,
): { node: number; postgres: number; byNodeProcess: Map<string, number> } {
  const byNodeProcess = new Map<string, number>();
  for (const [pid, seconds] of after.node) {
    const name = nodeProcessName(pid);
    byNodeProcess.set(name, (byNodeProcess.get(name) ?? 0) + seconds - (before.node.get(pid) ?? 0));
  }
  const postgres = [...after.postgres].reduce(
    (sum, [pid, seconds]) => sum + seconds - (before.postgres.get(pid) ?? 0),
    0,
  );
  return {
    node: [...byNodeProcess.values()].reduce((sum, seconds) => sum + seconds, 0),
    postgres,
    byNodeProcess,
  };
}
