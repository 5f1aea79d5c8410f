import net from 'node:net';

/** The machine's Redis and NATS (CI's too): the live feed's fan-out is tested against them. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Fails, with what to do, when the broker does not accept connections: a test
 * that needs Redis or NATS fails without them rather than skipping unseen.
 */
export function requireBroker(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', (error) =>
      reject(
        new Error(
          `no broker at ${url} (${error.message}): start it, or point TEST_REDIS_URL / TEST_NATS_URL at one`,
        ),
      ),
    );
  });
}
