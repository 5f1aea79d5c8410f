import { readdir, readFile } from 'node:fs/promises';
import type pg from 'pg';

/**
 * CPU time spent by processes, read from /proc (Linux): what a benchmark cost, which the
 * machine's load does not change as it changes wall-clock figures. Elsewhere, or for a
 * PostgreSQL on another host, the processes are not found and count nothing.
 */
const TICKS_PER_SECOND = 100;

async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
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

async function sample(pids: number[]): Promise<Map<number, number>> {
  return new Map(await Promise.all(pids.map(async (p) => [p, await cpuSecondsOf(p)] as const)));
}

/** CPU seconds so far of the Node processes (gateway, subgraphs) and of the database's backends. */
export async function cpuSample(db: pg.ClientBase, database: string): Promise<CpuSample> {
  return {
    node: await sample(await processTree()),
    postgres: await sample(await backendsOf(db, database)),
  };
}

/** CPU seconds spent between two samples, per side (a process new since the first counts whole). */
export function cpuSpent(before: CpuSample, after: CpuSample): { node: number; postgres: number } {
  const spent = (a: Map<number, number>, b: Map<number, number>) =>
    [...b].reduce((sum, [pid, s]) => sum + s - (a.get(pid) ?? 0), 0);
  return { node: spent(before.node, after.node), postgres: spent(before.postgres, after.postgres) };
}
