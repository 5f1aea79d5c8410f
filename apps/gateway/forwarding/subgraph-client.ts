import http from 'node:http';
import https from 'node:https';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '#libs/auth/gateway-proof.js';

/** What the subgraph answered: the HTTP status and the GraphQL response it carried. */
export interface SubgraphAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: SubgraphError[] } | null;
}

export interface SubgraphError {
  message?: unknown;
  path?: unknown;
  locations?: unknown;
  extensions?: Record<string, unknown>;
}

/** Thrown when the request never reached the subgraph (nothing was sent): safe to try again. */
export class SubgraphUnreachable extends Error {}

/** The headers the gateway forwards from the client (settled by graphql-request.ts). */
export type ForwardedHeaders = Partial<
  Record<'authorization' | 'x-request-id' | 'x-forwarded-for', string>
>;

/**
 * POSTs a GraphQL request to one subgraph over kept-alive connections, signed as every
 * gateway request is (the proof covers the method, the path and these exact bytes).
 */
export class SubgraphClient {
  private readonly target: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(
    url: string,
    private readonly secret: string,
  ) {
    this.target = new URL(url);
    this.transport = this.target.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true });
  }

  post(body: string, forwarded: ForwardedHeaders): Promise<SubgraphAnswer> {
    const bytes = Buffer.from(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'content-length': String(bytes.length),
      [GATEWAY_PROOF_HEADER]: signGatewayProof(this.secret, {
        method: 'POST',
        path: this.target.pathname,
        body: bytes,
      }),
    };
    for (const [name, value] of Object.entries(forwarded)) if (value) headers[name] = value;
    return new Promise((resolve, reject) => {
      const request = this.transport.request(
        this.target,
        { method: 'POST', agent: this.agent, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            let parsed: SubgraphAnswer['body'] = null;
            try {
              const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              if (value && typeof value === 'object') parsed = value;
            } catch {
              // Not a GraphQL response: answered below as the subgraph's failure.
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // Refused or unresolvable: the subgraph received nothing.
        reject(
          error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND'
            ? new SubgraphUnreachable(error.message)
            : error,
        );
      });
      request.end(bytes);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
