import path from 'node:path';
import type { Logger } from 'pino';

let installed = false;

/**
 * Makes a crash say why: an exception nothing caught, or a rejected promise
 * nothing handled, is logged (fatal, with the error and its stack) before the
 * process exits with 1, so a supervisor restarting it leaves a cause behind.
 * Request paths end in a catch of their own; this is the last line.
 */
export function logCrashes(
  logger: Pick<Logger, 'fatal'>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  if (installed) return;
  installed = true;
  const crash = (kind: 'uncaughtException' | 'unhandledRejection') => (error: unknown) => {
    logger.fatal({ err: error, kind }, `process crashed (${kind})`);
    exit(1);
  };
  process.on('uncaughtException', crash('uncaughtException'));
  process.on('unhandledRejection', crash('unhandledRejection'));
}

/** The app a main file belongs to (dist/apps/<name>/main.js), for its log lines. */
export function appName(mainFile: string = process.argv[1] ?? 'app'): string {
  return path.basename(path.dirname(mainFile));
}
