import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createGatewayRuntime,
  getGraphQLWSOptions,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { getDistDirectory, renderAltair } from 'altair-static';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createLogger } from '#libs/common/logger.js';
import type { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { subgraphsHealthy } from '#apps/gateway/readiness.js';
import {
  BodyTooLargeError,
  LARGE_BODY_BYTES,
  mayHaveLargeBody,
  readBody,
  SMALL_BODY_BYTES,
} from '#apps/gateway/security/body-limit.js';
import { useClientErrorCodes } from '#apps/gateway/security/error-codes.plugin.js';
import { useQueryCostLimit } from '#apps/gateway/security/query-limits.plugin.js';
import { serveStatic } from '#apps/gateway/static-files.js';
import { loadSupergraph } from '#apps/gateway/supergraph.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema/supergraph.graphql');
const DEFAULT_WEB_ROOT = path.join(REPO_ROOT, 'dist/staff-web');
const IDE_PATH = '/ide';

export interface RunningGateway {
  server: Server;
  port: number;
  runtime: GatewayRuntime;
  close(): Promise<void>;
}

function headerOf(value: string | string[] | undefined | null): string | undefined {
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

/**
 * The one public endpoint: the Hive gateway runtime over the committed
 * supergraph at /graphql (HTTP and graphql-ws on the same path), /health,
 * an offline GraphQL IDE at /ide outside production, and the staff web
 * client at /.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway'),
): Promise<RunningGateway> {
  const subgraphUrls = [config.ACCREDITATION_URL, config.INSPECTION_URL, config.MOVEMENT_URL];
  const supergraph = await loadSupergraph(config.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH, {
    accreditation: config.ACCREDITATION_URL,
    inspection: config.INSPECTION_URL,
    movement: config.MOVEMENT_URL,
  });
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    logging: 'error',
    graphiql: false,
    landingPage: false,
    // Production answers no introspection and suggests no field names.
    disableIntrospection: config.production ? { disableIf: () => true } : undefined,
    // A request a browser could send without a CORS preflight must carry one of these headers.
    csrfPrevention: { requestHeaders: ['x-graphql-client', 'apollo-require-preflight'] },
    plugins: () => [
      EnvelopArmorPlugin({
        maxDepth: { n: 12, ignoreIntrospection: true, flattenFragments: true },
        maxAliases: { n: 15 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 5000 },
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: config.production },
      }),
      useQueryCostLimit(),
      useClientErrorCodes(),
    ],
    transports: { http: httpTransport, ws: wsTransport },
    transportEntries: {
      '*.http': {
        options: {
          // Merging identical in-flight subgraph requests would flatter benchmarks and is of
          // little use for our traffic (each scan differs).
          deduplicateInflightRequests: false,
          subscriptions: {
            kind: 'ws',
            location: '/graphql',
            options: { connectionParams: { authorization: '{context.headers.authorization}' } },
          },
        },
      },
    },
    // Each subgraph authenticates the caller itself from the forwarded credentials.
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

  const web = config.WEB_ROOT ?? DEFAULT_WEB_ROOT;
  const ideEnabled = !config.production;
  let schemaLoaded = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === '/health' || url.startsWith('/health?')) {
      void health(res);
      return;
    }
    if (url === '/graphql' || url.startsWith('/graphql?')) {
      req.headers['x-request-id'] ??= randomUUID();
      // The client address feeds sign-in limits and the audit trail: a caller's own
      // X-Forwarded-For is believed only behind a trusted proxy (TRUST_PROXY).
      if (!config.TRUST_PROXY || !req.headers['x-forwarded-for']) {
        req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? undefined;
      }
      const length = Number(req.headers['content-length'] ?? NaN);
      if (req.method !== 'POST' || length <= SMALL_BODY_BYTES) {
        void runtime.requestListener(req, res);
      } else {
        void handleLargeBody(req, res);
      }
      return;
    }
    if (url === IDE_PATH || url.startsWith(`${IDE_PATH}/`)) {
      if (!ideEnabled) return notFound(res);
      if (url === IDE_PATH || url === `${IDE_PATH}/`) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          renderAltair({
            baseURL: `${IDE_PATH}/`,
            endpointURL: '/graphql',
            subscriptionsEndpoint: '/graphql',
            subscriptionsProtocol: 'wss',
            initialHeaders: { 'x-graphql-client': 'ide' },
            disableAccount: true,
          }),
        );
        return;
      }
      void serveStatic(getDistDirectory(), IDE_PATH, req, res, false).then((served) => {
        if (!served) notFound(res);
      });
      return;
    }
    void serveStatic(web, '', req, res, true).then((served) => {
      if (!served) notFound(res);
    });
  });

  /**
   * Bodies over SMALL_BODY_BYTES (or of unknown length) are read here, up to
   * LARGE_BODY_BYTES, and let through only for the CSV import.
   */
  async function handleLargeBody(req: IncomingMessage, res: ServerResponse) {
    let body: Buffer;
    try {
      body = await readBody(req, LARGE_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return tooLarge(res, LARGE_BODY_BYTES, 'split the import into several files');
      throw error;
    }
    if (body.length > SMALL_BODY_BYTES && !mayHaveLargeBody(body)) {
      return tooLarge(res, SMALL_BODY_BYTES, 'only importPeople may send more');
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding') {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const response = await runtime.fetch(`http://gateway${req.url ?? '/graphql'}`, {
      method: 'POST',
      headers,
      body,
    });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  async function health(res: ServerResponse) {
    const ready = schemaLoaded && (await subgraphsHealthy(subgraphUrls));
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
  }

  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsOptions = getGraphQLWSOptions(runtime, (ctx) => ({
    headers: {
      authorization: headerOf(
        (ctx.connectionParams as Record<string, string> | undefined)?.authorization,
      ),
    },
  }));
  useServer(
    {
      ...wsOptions,
      // A socket without credentials is refused at once (4403); the subgraphs check the token.
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        return typeof authorization === 'string' && /^Bearer\s+\S+/i.test(authorization);
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  // The runtime loads the supergraph on its first request; a socket must not be first.
  const warm = async () => {
    const res = await runtime.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    schemaLoaded = res.ok;
  };
  await warm().catch((error: unknown) => logger.error({ err: error }, 'supergraph failed to load'));
  logger.info({ port }, 'gateway listening');

  return {
    server,
    port,
    runtime,
    close: async () => {
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      for (const client of wsServer.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

function tooLarge(res: ServerResponse, limit: number, advice: string) {
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  res.end(
    JSON.stringify({
      errors: [
        {
          message: `Request body larger than ${limit} bytes: ${advice}`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    }),
  );
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not found');
}
