import http from 'node:http';
import https from 'node:https';

/** How long a free connection is kept when its server announces no keep-alive timeout. */
const IDLE_CONNECTION_MS = 30_000;

/** An HTTP answer, read whole. */
export interface PostedAnswer {
  status: number;
  body: Buffer<ArrayBuffer>;
}

/**
 * POSTs bytes over kept-alive connections with Node's http module and reads each answer
 * whole. For callers that send many requests to the same few places (the gateway to its
 * subgraphs, a benchmark's load generator): Node's `fetch` (undici: web streams,
 * AbortSignals, a cloned Request per call) costs ~1 ms of CPU a request on this machine,
 * more than a small request itself.
 *
 * A server closes a connection left idle past its keep-alive timeout, and a request written
 * to it as it closes is lost ("socket hang up"): the gateway then cannot tell whether a
 * mutation was applied, so it answers a failure rather than send it twice. Free
 * connections are therefore closed here a second before the timeout the server announces
 * (`Keep-Alive: timeout=5`), which Node 20's agent applies only when it has a timeout of
 * its own.
 */
export class KeptAlivePoster {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(maxSocketsPerHost = Infinity) {
    const options = {
      keepAlive: true,
      maxSockets: maxSocketsPerHost,
      // How long a free connection is kept when the server announces no timeout; with one
      // announced, a second less than it. A request in progress is not cut by it.
      timeout: IDLE_CONNECTION_MS,
    };
    this.agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  }

  post(
    url: URL | string,
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<PostedAnswer> {
    const target = typeof url === 'string' ? new URL(url) : url;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const secure = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent: secure ? this.agents['https:'] : this.agents['http:'],
          headers: { ...headers, 'content-length': String(bytes.length) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
        },
      );
      request.on('error', reject);
      request.end(bytes);
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
