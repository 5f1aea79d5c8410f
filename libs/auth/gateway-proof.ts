import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Proof that a request to a subgraph comes from the gateway: an HMAC-SHA256,
 * keyed with GATEWAY_SECRET, over the time it was made, the method, the path
 * and the SHA-256 of the body. A subgraph refuses any request without a valid
 * proof younger than PROOF_LIFETIME_MS, so a process that reaches it directly
 * (on the host or the private network) gets nothing, and a proof seen once
 * cannot be replayed for another request or after a few seconds.
 *
 * Sent as `x-gateway-proof: t=<unix ms>,d=<body sha256>,s=<hmac>` (base64url).
 */
export const GATEWAY_PROOF_HEADER = 'x-gateway-proof';
/** The key under which the gateway's subgraph WebSocket sends its proof in connectionParams. */
export const GATEWAY_PROOF_PARAM = 'gatewayProof';
/** How far a proof's time may be from the subgraph's clock, either way (allows clock skew). */
export const PROOF_LIFETIME_MS = 30_000;
/** What a WebSocket's proof is signed for: the connection, not a request body. */
export const WEBSOCKET_METHOD = 'WS';

export interface ProvenRequest {
  method: string;
  /** The URL's path, without the query string. */
  path: string;
  /** The raw body; empty when there is none. */
  body?: string | Buffer;
}

export type ProofProblem = 'missing' | 'malformed' | 'expired' | 'forged' | 'body-mismatch';

export function bodyDigest(body: string | Buffer | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('base64url');
}

function signature(secret: string, time: number, request: ProvenRequest, digest: string): string {
  return createHmac('sha256', secret)
    .update(`v1\n${time}\n${request.method.toUpperCase()}\n${request.path}\n${digest}`)
    .digest('base64url');
}

/** The header value proving that the gateway sends this request now. */
export function signGatewayProof(
  secret: string,
  request: ProvenRequest,
  now: number = Date.now(),
): string {
  const digest = bodyDigest(request.body);
  return `t=${now},d=${digest},s=${signature(secret, now, request, digest)}`;
}

export interface ParsedProof {
  time: number;
  digest: string;
  signature: string;
}

export function parseGatewayProof(value: string): ParsedProof | null {
  const match = /^t=(\d{1,15}),d=([\w-]{43}),s=([\w-]{43})$/.exec(value);
  if (!match) return null;
  return { time: Number(match[1]), digest: match[2], signature: match[3] };
}

/**
 * Checks a proof's signature and age without the body (so a forged request is
 * refused before its body is read); the body is then checked against
 * `proof.digest` with bodyMatchesProof.
 */
export function checkGatewayProof(
  secret: string,
  value: string | undefined | null,
  request: Omit<ProvenRequest, 'body'>,
  now: number = Date.now(),
): { proof: ParsedProof; problem?: never } | { proof?: never; problem: ProofProblem } {
  if (!value) return { problem: 'missing' };
  const proof = parseGatewayProof(value);
  if (!proof) return { problem: 'malformed' };
  const expected = Buffer.from(signature(secret, proof.time, request, proof.digest));
  const given = Buffer.from(proof.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { problem: 'forged' };
  }
  if (Math.abs(now - proof.time) > PROOF_LIFETIME_MS) return { problem: 'expired' };
  return { proof };
}

export function bodyMatchesProof(proof: ParsedProof, body: string | Buffer | undefined): boolean {
  const actual = Buffer.from(bodyDigest(body));
  const signed = Buffer.from(proof.digest);
  return actual.length === signed.length && timingSafeEqual(actual, signed);
}

/** Headers for a caller that holds the secret (the gateway, the compose tool, boundary tests). */
export function gatewayProofHeaders(
  secret: string,
  request: ProvenRequest,
): Record<typeof GATEWAY_PROOF_HEADER, string> {
  return { [GATEWAY_PROOF_HEADER]: signGatewayProof(secret, request) };
}

/** True when a subgraph WebSocket's connectionParams carry a valid, fresh proof from the gateway. */
export function socketHasGatewayProof(
  secret: string,
  connectionParams: Record<string, unknown> | undefined,
  path = '/graphql',
): boolean {
  const value = connectionParams?.[GATEWAY_PROOF_PARAM];
  const checked = checkGatewayProof(secret, typeof value === 'string' ? value : null, {
    method: WEBSOCKET_METHOD,
    path,
  });
  return checked.proof !== undefined && bodyMatchesProof(checked.proof, '');
}

/** A POST to a subgraph as the gateway would send it (compose tool, subgraph boundary tests). */
export function fetchAsGateway(
  secret: string,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...headers,
      ...gatewayProofHeaders(secret, { method: 'POST', path: new URL(url).pathname, body }),
    },
    body,
  });
}
