import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { buildGraphQLWSExecutor } from '@graphql-tools/executor-graphql-ws';
import type { ExecutionRequest, Executor } from '@graphql-tools/utils';
import {
  GATEWAY_PROOF_HEADER,
  GATEWAY_PROOF_PARAM,
  signGatewayProof,
  WEBSOCKET_METHOD,
} from '#libs/auth/gateway-proof.js';

/**
 * Signs every HTTP request the gateway sends to a subgraph (the subgraphs
 * refuse anything else, see libs/auth/gateway-proof.ts): the proof covers the
 * method, the path and the exact body, and is only good for a few seconds.
 */
export function useSubgraphProof(secret: string): GatewayPlugin {
  return {
    onFetch(payload) {
      const { url, options } = payload;
      const body = options.body;
      if (body !== undefined && body !== null && typeof body !== 'string') {
        // Only JSON text is ever sent; anything else would go out unsigned and be refused.
        throw new Error('A subgraph request body that is not text cannot be signed');
      }
      // Encoded once, then hashed and sent as bytes: hashing the text and writing it to the
      // socket each encoded it again (for a 12 MB import, ~80 and ~115 ms, against ~45 ms).
      const bytes = body ? Buffer.from(body) : undefined;
      const proof = signGatewayProof(secret, {
        method: options.method ?? 'GET',
        path: new URL(url).pathname,
        body: bytes ?? '',
      });
      const headers = new Headers(options.headers);
      headers.set(GATEWAY_PROOF_HEADER, proof);
      payload.setOptions({
        ...options,
        ...(bytes ? { body: bytes } : {}),
        headers: Object.fromEntries(headers.entries()),
      });
    },
  };
}

type SocketExecutor = ReturnType<typeof buildGraphQLWSExecutor>;

function authorizationOf(request: ExecutionRequest): string {
  const context = request.context as { headers?: Record<string, string | undefined> } | undefined;
  return context?.headers?.authorization ?? '';
}

/**
 * The transport for subscriptions to a subgraph over graphql-ws: one socket
 * per caller's credentials (closed a few seconds after its last subscription),
 * whose connectionParams carry those credentials and a proof from the gateway,
 * signed afresh on every connection attempt, retries after a restart included.
 */
export function signedWebSocketTransport(secret: string) {
  return {
    getSubgraphExecutor({ transportEntry }: { transportEntry: { location?: string } }) {
      if (!transportEntry.location) throw new Error('A subgraph socket needs a location');
      const url = transportEntry.location.replace(/^http/, 'ws');
      const path = new URL(url).pathname;
      const sockets = new Map<string, SocketExecutor>();
      const socketFor = (authorization: string): SocketExecutor => {
        let socket = sockets.get(authorization);
        if (!socket) {
          socket = buildGraphQLWSExecutor({
            url,
            lazy: true,
            lazyCloseTimeout: 3000,
            connectionParams: () => ({
              authorization,
              [GATEWAY_PROOF_PARAM]: signGatewayProof(secret, { method: WEBSOCKET_METHOD, path }),
            }),
            on: { closed: () => sockets.delete(authorization) },
          });
          sockets.set(authorization, socket);
        }
        return socket;
      };
      const execute: Executor = (request) => socketFor(authorizationOf(request))(request);
      const executor = Object.assign(execute, {
        [Symbol.asyncDispose]: async () => {
          await Promise.all([...sockets.values()].map((s) => s[Symbol.asyncDispose]()));
        },
      });
      return executor;
    },
  };
}
