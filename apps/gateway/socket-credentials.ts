import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

interface SocketContext {
  request?: unknown;
  headers?: Record<string, string | undefined>;
}

/**
 * A subscription opened over the gateway's socket has no HTTP request, so the
 * runtime's header propagation skips it: the follow-up HTTP fetches that
 * resolve its events' fields in other subgraphs (the person of a check-in)
 * would go out without the caller's credentials and be refused. This forwards
 * the credentials the socket was opened with (see gateway.server.ts) to those
 * fetches; requests that came over HTTP are left to `propagateHeaders`.
 */
export function useSocketCallerCredentials(): GatewayPlugin {
  return {
    onFetch(payload) {
      const context = payload.executionRequest?.context as SocketContext | undefined;
      const authorization = context?.headers?.authorization;
      if (!context || context.request || !authorization) return;
      const headers = new Headers(payload.options.headers);
      if (headers.has('authorization')) return;
      headers.set('authorization', authorization);
      payload.setOptions({ ...payload.options, headers: Object.fromEntries(headers.entries()) });
    },
  };
}
