import net from 'node:net';

/**
 * A client that sends exactly the bytes given, for requests no well-behaved
 * client library would send: bodies cut off mid-way, lengths that lie.
 */
export class RawConnection {
  private received = '';
  private closed = false;
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  send(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Closes the connection at once, whatever was promised. */
  cut(): void {
    this.socket.destroy();
  }

  /**
   * The status line and headers of the answer, as soon as they arrive; null
   * when the server closes without one or nothing comes within `timeoutMs`
   * (a bound on a wait for an event, not a sleep).
   */
  async answerHead(timeoutMs = 10_000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.received.includes('\r\n\r\n')) {
      if (this.closed || Date.now() >= deadline) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.slice(0, this.received.indexOf('\r\n\r\n'));
  }
}

/** The head of a POST /graphql with the given headers. */
export function postHead(headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: 'gateway', 'content-type': 'application/json', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return `POST /graphql HTTP/1.1\r\n${lines}\r\n\r\n`;
}

/** One chunk of a chunked body. */
export function chunk(data: string | Buffer): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([
    Buffer.from(`${bytes.length.toString(16)}\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
}
