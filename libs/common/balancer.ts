import net from 'node:net';

export interface Balancer {
  port: number;
  close(): Promise<void>;
}

/**
 * A round-robin TCP balancer for `npm start` with several replicas: each connection
 * (HTTP keep-alive or a WebSocket alike) goes whole to the next instance; an instance that
 * refuses the connection (down, restarting) is skipped for the next. In production a real
 * load balancer takes its place (docs/operations.md).
 */
export async function startBalancer(
  listen: { port: number; host: string },
  targets: readonly { host: string; port: number }[],
): Promise<Balancer> {
  let next = 0;
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = net.createServer((client) => {
    track(client);
    client.pause();
    client.on('error', () => client.destroy());
    const attempt = (left: number) => {
      const target = targets[next++ % targets.length];
      const upstream = net.connect(target);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.resume();
      });
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else if (left > 1 && !client.destroyed) attempt(left - 1);
        else client.destroy();
      });
    };
    attempt(targets.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : listen.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
