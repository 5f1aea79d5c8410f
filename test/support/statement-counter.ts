import { createServer, connect, type Socket } from 'node:net';

/**
 * A relay between the services and PostgreSQL that counts the statements sent
 * through it, read off the wire protocol: a simple Query ('Q') or an Execute
 * ('E') of the extended protocol is one statement. Only the connections of the
 * system pointed at it are counted, at the moment they are sent: no statistics
 * collector, no other test's traffic, no wait.
 */
export interface StatementCounter {
  /** The database URL to give the system: the same database, through the relay. */
  url: string;
  /** Statements sent so far, each with its SQL text (from its Parse or Query message). */
  readonly statements: readonly string[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** Reads the frontend's messages of one connection as they stream past. */
class FrontendReader {
  private buffer = Buffer.alloc(0);
  private started = false;
  /** The SQL of the last Parse, which the next Execute runs (unnamed statements). */
  private parsed = '';

  constructor(private readonly onStatement: (sql: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        // Startup, SSL and GSS requests have no type byte: a length, then a code.
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) this.started = true;
        this.buffer = this.buffer.subarray(length);
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]);
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      const body = this.buffer.subarray(5, 1 + length);
      if (type === 'Q') this.onStatement(cString(body, 0));
      else if (type === 'P') this.parsed = cString(body, body.indexOf(0) + 1);
      else if (type === 'E') this.onStatement(this.parsed);
      this.buffer = this.buffer.subarray(1 + length);
    }
  }
}

function cString(body: Buffer, start: number): string {
  const end = body.indexOf(0, start);
  return body.toString('utf8', start, end < 0 ? body.length : end);
}

/** Starts a counting relay on a free local port in front of the server of `databaseUrl`. */
export async function countStatements(databaseUrl: string): Promise<StatementCounter> {
  const target = new URL(databaseUrl);
  const statements: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const reader = new FrontendReader((sql) => statements.push(sql));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the relay has no port');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    statements,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
