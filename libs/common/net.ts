import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Hands out free ports, never one it handed out before nor one of `taken`: a port freed a
 * moment ago can be handed out again by the system before whoever chose it listens on it
 * (the gateway's PORT given to a subgraph, two instances on one port).
 */
export function portAllocator(
  taken: Iterable<number> = [],
  /** Where free ports come from (the system's; a test gives its own sequence). */
  source: () => Promise<number> = freePort,
): () => Promise<number> {
  const given = new Set(taken);
  return async () => {
    for (;;) {
      const port = await source();
      if (!given.has(port)) {
        given.add(port);
        return port;
      }
    }
  };
}
