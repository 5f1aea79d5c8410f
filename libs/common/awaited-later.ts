/**
 * A promise the caller awaits later, after awaiting other work: marked handled now, so
 * that if it fails meanwhile the failure is not an unhandled rejection, which ends the
 * process (crash.ts). The promise itself is returned unchanged: it still fails where it
 * is awaited, and the caller handles the failure there.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
