import { readFileSync } from 'node:fs';

/**
 * How much shared memory the embedded PostgreSQL takes, decided from the machine's
 * /proc/meminfo.
 *
 * On this kind of machine (a virtual machine, two page tables walked on every TLB miss) a
 * random page of a big index costs far more than its comparisons: appended to a Games' log
 * of ten million events, one uuid inserted into the log's idempotency key took ~40 µs of
 * PostgreSQL's CPU with every page already in shared buffers, ~15 µs on 2 MB pages
 * (ARCHITECTURE.md, "Speed, thirteenth pass"). Huge pages must be reserved by the machine's
 * administrator (README, "Memory"); when they are, the embedded server takes a quarter of
 * the memory in shared buffers on them, so the log's hot indexes stay in them. Without them
 * a larger pool measured no faster, so PostgreSQL's default stays.
 */
export interface SharedMemoryPlan {
  /** Server settings to pass as `-c name=value`. */
  settings: Record<string, string>;
  /** What the plan is, for the operator's log. */
  summary: string;
}

/** Below this much reserved, huge pages are not worth a larger pool. */
const LEAST_HUGE_MB = 256;
/**
 * PostgreSQL's shared memory beyond the buffers (lock tables for 300 connections, the WAL
 * buffers, the buffers' descriptors): `postgres -C shared_memory_size` reads 153 MB for
 * 128 MB of buffers, 1,084 for 1 GB, 6,312 for 6 GB, so about 25 MB and 2.4 %. A wider margin
 * is kept out of the reservation so the whole segment fits in it.
 */
const OVERHEAD_MB = 64;
const OVERHEAD_SHARE = 0.04;

/** The value in kB of one /proc/meminfo line (HugePages_* are counts), or 0. */
function meminfoValue(meminfo: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo);
  return match ? Number(match[1]) : 0;
}

/** So many huge pages (a count of /proc/meminfo) in MB. */
function hugePagesMb(meminfo: string, pages: number): number {
  return (pages * meminfoValue(meminfo, 'Hugepagesize')) / 1024;
}

/** The plan for a machine whose /proc/meminfo reads `meminfo` ('' where there is none). */
export function sharedMemoryPlan(meminfo: string): SharedMemoryPlan {
  const totalMb = meminfoValue(meminfo, 'MemTotal') / 1024;
  // Pages another server has mapped but not yet touched still count as free: not for us.
  const hugeFreeMb = hugePagesMb(
    meminfo,
    meminfoValue(meminfo, 'HugePages_Free') - meminfoValue(meminfo, 'HugePages_Rsvd'),
  );
  if (hugeFreeMb < LEAST_HUGE_MB) {
    return {
      settings: {},
      summary: 'shared buffers at PostgreSQL default (no huge pages reserved: README, "Memory")',
    };
  }
  const fitting = hugeFreeMb * (1 - OVERHEAD_SHARE) - OVERHEAD_MB;
  const sharedBuffersMb = Math.floor(Math.min(totalMb / 4, fitting));
  return {
    // `try`: should another server take the pages first, this one starts on ordinary pages.
    settings: { shared_buffers: `${sharedBuffersMb}MB`, huge_pages: 'try' },
    summary: `shared buffers ${sharedBuffersMb} MB on huge pages (${Math.floor(hugeFreeMb)} MB free)`,
  };
}

/** This machine's /proc/meminfo, or '' where there is none. */
export function machineMeminfo(): string {
  try {
    return readFileSync('/proc/meminfo', 'utf8');
  } catch {
    return '';
  }
}

/** The machine's huge pages, reserved and held, for a benchmark's header. */
export function hugePagesLabel(meminfo = machineMeminfo()): string {
  const total = meminfoValue(meminfo, 'HugePages_Total');
  if (total === 0) return 'no huge pages reserved';
  const held =
    total - meminfoValue(meminfo, 'HugePages_Free') + meminfoValue(meminfo, 'HugePages_Rsvd');
  const mb = (pages: number) => Math.round(hugePagesMb(meminfo, pages));
  return `huge pages ${mb(total)} MB reserved, ${mb(held)} MB held`;
}
