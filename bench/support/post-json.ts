import http from 'node:http';

/**
 * A lean HTTP client for load generators: POSTs JSON over kept-alive connections with
 * Node's http module. The benchmarks' client shares its process with the in-process
 * gateway, so whatever the client spends is added to every figure; Node's `fetch`
 * (undici, with web streams, AbortSignals and a cloned Request per call) costs ~1 ms of
 * CPU a request on this machine, more than a scanner's own HTTP stack would. This one
 * costs a fraction of that, so the figures are the system's.
 */
export class JsonPoster {
  private readonly agent: http.Agent;

  constructor(maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** The answer's status and parsed JSON body. */
  post(
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; json: unknown; bytes: number }> {
    const target = new URL(url);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            try {
              const body = Buffer.concat(chunks);
              const json = JSON.parse(body.toString('utf8')) as unknown;
              resolve({ status: response.statusCode ?? 0, json, bytes: body.length });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
