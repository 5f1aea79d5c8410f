import { setTimeout as pause } from 'node:timers/promises';

/**
 * Waits for a condition the system reaches after it has answered (an audit
 * entry written by its batch timer, a log line flushed): runs `check` until it
 * passes, returning what it returned, or throws its last error once `timeoutMs`
 * has gone by. The only timer of the tests: it paces the retries, it is no wait
 * for a guessed duration.
 */
export async function eventually<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 15_000, everyMs = 20 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await pause(everyMs);
  }
}
