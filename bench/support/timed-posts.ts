import { performance } from 'node:perf_hooks';
import { gatewayProofHeaders } from '#libs/auth/gateway-proof.js';
import type { KeptAlivePoster } from '#libs/common/kept-alive-poster.js';

/** A GraphQL request a benchmark times: its text and the variables of each call. */
export interface TimedRequest {
  query: string;
  variables: readonly Record<string, unknown>[];
  authorization: string;
}

/**
 * Times each call of `request` straight at a subgraph, signed as the gateway signs it (a
 * subgraph answers nothing else), and read as a client reads it (decoded and parsed): set
 * beside the same calls through the gateway, it shows what the gateway's hop costs.
 * Returns the times in milliseconds, in call order.
 */
export async function timedAtSubgraph(
  http: KeptAlivePoster,
  subgraphUrl: string,
  gatewaySecret: string,
  request: TimedRequest,
): Promise<number[]> {
  const url = new URL(subgraphUrl);
  const times: number[] = [];
  for (const variables of request.variables) {
    const body = Buffer.from(JSON.stringify({ query: request.query, variables }));
    const started = performance.now();
    const answer = await http.post(url, body, {
      'content-type': 'application/json',
      authorization: request.authorization,
      ...gatewayProofHeaders(gatewaySecret, { method: 'POST', path: url.pathname, body }),
    });
    const json = JSON.parse(answer.body.toString('utf8')) as { data?: unknown };
    times.push(performance.now() - started);
    if (!json.data) throw new Error(`the subgraph refused the call: ${JSON.stringify(json)}`);
  }
  return times;
}
