/**
 * How a service or the gateway process stops: SIGINT, SIGTERM, or its parent going away.
 *
 * The handlers are installed before the process starts its work, so a stop that comes while
 * it is still starting (a slow start on a busy machine, `npm start` interrupted) ends it at
 * once instead of being swallowed by a library's own signal listener. A process started by
 * the launcher or a test has an IPC channel to it (libs/common/child-service.ts): when that
 * channel closes the parent is gone, even killed by SIGKILL, and the process stops too rather
 * than live on as an orphan holding its port and its parent's output pipe.
 */
/** How long a stopping process may take to close before it exits regardless. */
export const STOP_GRACE_MS = 8_000;

export function onStop(stop: () => Promise<unknown>, graceMs = STOP_GRACE_MS): void {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    // A close that waits on something gone (a peer that never answers) must not keep the
    // process alive: past the grace it exits anyway, as the launcher's SIGKILL would.
    setTimeout(() => process.exit(1), graceMs).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', once);
  process.once('SIGTERM', once);
  if (process.send) {
    // The channel alone must not keep the process alive.
    process.channel?.unref();
    process.once('disconnect', once);
    // The parent may have gone while this process was still loading its modules.
    if (!process.connected) once();
  }
}
