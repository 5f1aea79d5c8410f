import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { Metrics } from '#libs/metrics/metrics.js';
import { useAnswersAsWritten } from '#apps/gateway/forwarding/answered-as-written.plugin.js';
import { useWholeOperationForwarding } from '#apps/gateway/forwarding/whole-operation-forwarding.plugin.js';
import { useOperationMetrics } from '#apps/gateway/operation-metrics.plugin.js';
import type { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { corsPolicy } from '#apps/gateway/security/cors.js';
import { useClientErrorCodes } from '#apps/gateway/security/error-codes.plugin.js';
import { useHiddenSuggestions } from '#apps/gateway/security/hidden-suggestions.plugin.js';
import { useQueryCostLimit } from '#apps/gateway/security/query-limits.plugin.js';
import { useQueryShapeLimits } from '#apps/gateway/security/query-shape-limits.js';
import { useSocketCallerCredentials } from '#apps/gateway/socket-credentials.js';
import { signedWebSocketTransport, useSubgraphProof } from '#apps/gateway/subgraph-proof.js';

/**
 * The Hive gateway runtime over the supergraph, with our limits, error
 * policy, CORS allow-list and the proof every subgraph request carries.
 */
export function createRuntime(
  config: GatewayConfig,
  supergraph: string,
  metrics?: Metrics,
): GatewayRuntime {
  return createGatewayRuntime({
    supergraph: () => supergraph,
    logging: 'error',
    graphiql: false,
    landingPage: false,
    // Production answers no introspection.
    disableIntrospection: config.production ? { disableIf: () => true } : undefined,
    // A request a browser could send without a CORS preflight must carry one of these headers.
    csrfPrevention: { requestHeaders: ['x-graphql-client', 'apollo-require-preflight'] },
    cors: corsPolicy(config.corsOrigins),
    plugins: () => [
      ...(metrics ? [useOperationMetrics(metrics)] : []),
      useQueryShapeLimits(),
      useQueryCostLimit(),
      useClientErrorCodes(),
      ...(config.production ? [useHiddenSuggestions()] : []),
      useSocketCallerCredentials(),
      useSubgraphProof(config.GATEWAY_SECRET),
      // Last: forwarding replaces the runtime's execution for operations one subgraph answers
      // whole, and an answer of data alone goes out as the subgraph's bytes.
      ...(config.FORWARD_WHOLE_OPERATIONS
        ? [useWholeOperationForwarding(supergraph, config.GATEWAY_SECRET), useAnswersAsWritten()]
        : []),
    ],
    transports: { http: httpTransport, ws: signedWebSocketTransport(config.GATEWAY_SECRET) },
    transportEntries: {
      '*.http': {
        options: {
          // Merging identical in-flight subgraph requests would flatter benchmarks and is of
          // little use for our traffic (each scan differs).
          deduplicateInflightRequests: false,
          subscriptions: { kind: 'ws', location: '/graphql' },
        },
      },
    },
    // Each subgraph authenticates the caller itself from the forwarded credentials. The request
    // id and the client's address were settled by the gateway (see graphql-request.ts): what a
    // client sent itself is never forwarded.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => {
        const headers = (context as { headers?: Record<string, string> }).headers ?? {};
        return {
          authorization: request?.headers.get('authorization') ?? headers.authorization,
          'x-request-id': request?.headers.get('x-request-id') ?? undefined,
          'x-forwarded-for': request?.headers.get('x-forwarded-for') ?? undefined,
        };
      },
    },
  });
}
