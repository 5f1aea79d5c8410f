import { gatewayProofHeaders } from '#libs/auth/gateway-proof.js';
import { KeptAlivePoster, type PostedAnswer } from '#libs/common/kept-alive-poster.js';

/** What the subgraph answered: the HTTP status and its body's bytes as written (UTF-8). */
export interface SubgraphAnswer {
  status: number;
  body: Buffer<ArrayBuffer>;
}

/** A GraphQL response as a subgraph writes it. */
export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: SubgraphError[];
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
  private readonly poster = new KeptAlivePoster();

  constructor(
    url: string,
    private readonly secret: string,
  ) {
    this.target = new URL(url);
  }

  async post(body: string, forwarded: ForwardedHeaders): Promise<SubgraphAnswer> {
    const bytes = Buffer.from(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...gatewayProofHeaders(this.secret, {
        method: 'POST',
        path: this.target.pathname,
        body: bytes,
      }),
    };
    for (const [name, value] of Object.entries(forwarded)) if (value) headers[name] = value;
    let answer: PostedAnswer;
    try {
      answer = await this.poster.post(this.target, bytes, headers);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Refused or unresolvable: the subgraph received nothing.
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
        throw new SubgraphUnreachable((error as Error).message);
      }
      throw error;
    }
    return { status: answer.status, body: answer.body };
  }

  close(): void {
    this.poster.close();
  }
}

/** The GraphQL response a body holds, or null when it is not one (answered as a failure). */
export function graphQLResponseIn(body: Buffer): SubgraphResponse | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}
