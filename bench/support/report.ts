import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEPLOYED } from '#bench/support/deployed.js';
import { machineReferenceMs } from '#bench/support/machine-reference.js';
import { hugePagesLabel } from '#libs/database/shared-memory.js';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * What every benchmark prints the same way: progress while it loads data
 * (with the machine's load, since a busy machine makes every figure worse),
 * and its figures as a table at the end. The figures are also written to
 * dist/bench-results/<name>.json, which `npm run bench` gathers into
 * bench/results.md.
 */
export interface Figure {
  /** What was measured, in words ("check-in, 32 clients, through the gateway"). */
  measure: string;
  value: number;
  unit: string;
  /** The goal, in words, when the issue set one ("at least 20,000"). */
  goal?: string;
  /** Whether the goal is met, when there is one. */
  met?: boolean;
}

export interface BenchResult {
  bench: string;
  database: string;
  startedAt: string;
  seconds: number;
  cpus: number;
  loadAtStart: number;
  loadAtEnd: number;
  /** machineReferenceMs() at the start: the machine's speed that day (lower is faster). */
  referenceMs?: number;
  /** The machine's huge pages at the start (libs/database/shared-memory.ts says why). */
  hugePages?: string;
  figures: Figure[];
}

export const RESULTS_DIR = path.join(REPO_ROOT, 'dist', 'bench-results');

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

/** Which PostgreSQL the benchmark runs on, for the table (never the password). */
export function databaseLabel(url = process.env.TEST_DATABASE_URL ?? ''): string {
  const label = process.env.BENCH_DATABASE_LABEL;
  if (label) return label;
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}`;
  } catch {
    return 'unknown';
  }
}

export class BenchReport {
  private readonly figures: Figure[] = [];
  private readonly started = performance.now();
  private readonly startedAt = new Date();
  private readonly loadAtStart = os.loadavg()[0];
  private readonly referenceMs = machineReferenceMs();
  private readonly hugePages = hugePagesLabel();

  constructor(private readonly bench: string) {
    console.log(
      `${bench}: ${os.cpus().length} CPUs, load average ${load()}, machine reference ${this.referenceMs.toFixed(0)} ms, ${this.hugePages}, PostgreSQL at ${databaseLabel()}, ` +
        (DEPLOYED
          ? 'services as deployed (NODE_ENV=production)'
          : 'development build (NODE_ENV is not production)'),
    );
  }

  /** A line of progress, with the time since the start and the machine's load. */
  progress(message: string): void {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    console.log(`  [${seconds.padStart(6)} s, load ${load()}] ${message}`);
  }

  figure(figure: Figure): void {
    this.figures.push(figure);
  }

  /** Prints the table and writes the result file. */
  async finish(): Promise<BenchResult> {
    const result: BenchResult = {
      bench: this.bench,
      database: databaseLabel(),
      startedAt: this.startedAt.toISOString(),
      seconds: (performance.now() - this.started) / 1000,
      cpus: os.cpus().length,
      loadAtStart: this.loadAtStart,
      loadAtEnd: os.loadavg()[0],
      referenceMs: this.referenceMs,
      hugePages: this.hugePages,
      figures: this.figures,
    };
    console.log('');
    console.log(figuresTable(result.figures));
    console.log(
      `\nload average ${result.loadAtStart.toFixed(1)} at the start, ${result.loadAtEnd.toFixed(1)} at the end, on ${result.cpus} CPUs: figures mean little when it is well above the CPUs; machine reference ${result.referenceMs?.toFixed(0)} ms (a fixed piece of Node work: compare runs of different days by it)`,
    );
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = `${this.bench}${process.env.BENCH_DATABASE_LABEL ? `.${process.env.BENCH_DATABASE_LABEL}` : ''}.json`;
    await writeFile(path.join(RESULTS_DIR, file), JSON.stringify(result, null, 2));
    return result;
  }
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100 || Number.isInteger(value))
    return Math.round(value).toLocaleString('en');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** The figures as a Markdown table (readable in a terminal too). */
export function figuresTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.measure,
    `${formatValue(f.value)} ${f.unit}`,
    f.goal ?? '',
    f.met === undefined ? '' : f.met ? 'met' : 'MISSED',
  ]);
  const header = ['measure', 'figure', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
