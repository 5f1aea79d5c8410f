import type { ChildService } from '#libs/common/child-service.js';

export interface RestartPolicy {
  /** Wait before the first restart. */
  initialDelayMs: number;
  /** The wait doubles with each crash in a row, up to this. */
  maxDelayMs: number;
  /** A process that ran this long before crashing starts the count again. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

export type SupervisorEvent =
  | { event: 'started'; service: string; pid: number | undefined; restarts: number }
  | {
      event: 'exited';
      service: string;
      code: number | null;
      signal: string | null;
      restartInMs: number;
    }
  | { event: 'stopping' }
  | { event: 'stopped' };

interface Supervised {
  name: string;
  start: () => ChildService;
  current: ChildService;
  restarts: number;
  crashesInARow: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps a set of child processes running: one that exits on its own is
 * started again after a wait that doubles with each crash in a row (so a
 * service that cannot start does not spin), while the others keep serving.
 * Only stopAll ends them, in the reverse order of their start.
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private stopping = false;

  constructor(
    private readonly report: (event: SupervisorEvent) => void,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  /** Starts a child with `start` (called again for each restart) and watches it. */
  add(name: string, start: () => ChildService): ChildService {
    const child: Supervised = {
      name,
      start,
      current: start(),
      restarts: 0,
      crashesInARow: 0,
      startedAt: Date.now(),
      timer: null,
    };
    this.children.push(child);
    this.watch(child);
    return child.current;
  }

  /** The running process of a child (it changes on restart). */
  current(name: string): ChildService | undefined {
    return this.children.find((c) => c.name === name)?.current;
  }

  private watch(child: Supervised): void {
    const running = child.current;
    this.report({
      event: 'started',
      service: child.name,
      pid: running.process.pid,
      restarts: child.restarts,
    });
    running.process.once('exit', (code, signal) => this.restartLater(child, running, code, signal));
    // A process that could not be started at all emits only 'error'.
    running.process.once('error', () => {
      if (running.process.pid === undefined) this.restartLater(child, running, null, null);
    });
  }

  private restartLater(
    child: Supervised,
    ended: ChildService,
    code: number | null,
    signal: string | null,
  ): void {
    if (this.stopping || ended !== child.current || child.timer) return;
    const ranFor = Date.now() - child.startedAt;
    child.crashesInARow = ranFor >= this.policy.stableAfterMs ? 1 : child.crashesInARow + 1;
    const delay = Math.min(
      this.policy.initialDelayMs * 2 ** (child.crashesInARow - 1),
      this.policy.maxDelayMs,
    );
    this.report({ event: 'exited', service: child.name, code, signal, restartInMs: delay });
    child.timer = setTimeout(() => {
      child.timer = null;
      if (this.stopping) return;
      child.restarts += 1;
      child.startedAt = Date.now();
      child.current = child.start();
      this.watch(child);
    }, delay);
  }

  /** Stops every child, the last started first, and restarts none. */
  async stopAll(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.report({ event: 'stopping' });
    for (const child of this.children) if (child.timer) clearTimeout(child.timer);
    for (const child of [...this.children].reverse()) await child.current.stop();
    this.report({ event: 'stopped' });
  }
}
