import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildService {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs one built app (`node dist/apps/<name>/main.js`) as a child process
 * with the given environment. Its output goes to ours, or nowhere when
 * `quiet` (test runs keep the terminal for the test report).
 */
export function spawnService(
  name: string,
  mainFile: string,
  env: Record<string, string | undefined>,
  quiet = false,
  /** Receives the service's standard output (its JSON log lines) when quiet. */
  onOutput?: (chunk: string) => void,
): ChildService {
  const child = spawn(process.execPath, ['--enable-source-maps', mainFile], {
    env: { ...process.env, ...env },
    // The IPC channel tells the child when this process is gone (libs/common/stop-signals.ts).
    stdio: quiet
      ? ['ignore', onOutput ? 'pipe' : 'ignore', 'pipe', 'ipc']
      : ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (onOutput) child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    if (code && code !== 0 && quiet)
      process.stderr.write(`${name} exited with ${code ?? signal}:\n${stderr}\n`);
  });
  return {
    name,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * How long a service may take to answer its health check. A crashed service fails at
 * once (waitForHealthy watches the process); this bound only turns a hang into a
 * failure. On two cores shared with other work a NestJS start that takes 3 s alone
 * took over 60 s, and `npm start` should come up slowly rather than not at all.
 */
export const SERVICE_START_TIMEOUT_MS = 180_000;

/** Resolves when GET url answers 200; rejects after the timeout or when the process dies. */
export async function waitForHealthy(
  url: string,
  service: ChildService | null,
  timeoutMs = SERVICE_START_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service && service.process.exitCode !== null) {
      throw new Error(
        `${service.name} exited with code ${service.process.exitCode} before it was ready`,
      );
    }
    try {
      // A probe waits for its answer as long as the deadline allows: on a busy CPU a
      // starting service can take seconds to answer, and giving up on each probe early
      // would never see it healthy.
      const res = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs} ms`);
}
