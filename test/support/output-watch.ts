import type { ChildProcess } from 'node:child_process';

/**
 * Collects what processes write (JSON log lines) and lets a test wait for a
 * condition on it: an event, never a guess at how long it takes.
 */
export class OutputWatch {
  private text = '';
  private readonly waiters: (() => void)[] = [];

  readonly push = (chunk: string): void => {
    this.text += chunk;
    for (const waiter of this.waiters.splice(0)) waiter();
  };

  /** The JSON lines written so far. */
  lines(): Record<string, unknown>[] {
    return this.text.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  count(predicate: (line: Record<string, unknown>) => boolean): number {
    return this.lines().filter(predicate).length;
  }

  /**
   * Resolves with the first line that matches; rejects when `process` exits
   * first or after `timeoutMs` (a bound on the wait, not a sleep).
   */
  async waitFor(
    what: string,
    predicate: (line: Record<string, unknown>) => boolean,
    options: { after?: number; process?: ChildProcess; timeoutMs?: number } = {},
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const wake = () => {
      for (const waiter of this.waiters.splice(0)) waiter();
    };
    options.process?.on('exit', wake);
    try {
      for (;;) {
        const found = this.lines()
          .slice(options.after ?? 0)
          .find(predicate);
        if (found) return found;
        const exited = options.process?.exitCode ?? options.process?.signalCode;
        if (exited !== null && exited !== undefined) {
          throw new Error(
            `the process exited (${exited}) before: ${what}\n${this.text.slice(-3000)}`,
          );
        }
        if (Date.now() >= deadline) throw new Error(`timed out waiting for: ${what}`);
        // Woken by new output or the process's exit; the timer only bounds the wait.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadline - Date.now());
          this.waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    } finally {
      options.process?.off('exit', wake);
    }
  }
}
