import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { getDistDirectory, renderAltair } from 'altair-static';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createLogger } from '#libs/common/logger.js';
import { Metrics, METRICS_PATH, metricsScrapeAllowed } from '#libs/metrics/metrics.js';
import type { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { createRuntime } from '#apps/gateway/gateway.runtime.js';
import { graphqlRequestHandler } from '#apps/gateway/graphql-request.js';
import { answerFailure, notFound } from '#apps/gateway/http-answers.js';
import { subgraphsHealth } from '#apps/gateway/readiness.js';
import { serveStatic } from '#apps/gateway/static-files.js';
import { filesProxy } from '#apps/gateway/files-proxy.js';
import { loadSupergraph } from '#apps/gateway/supergraph.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema/supergraph.graphql');
const DEFAULT_WEB_ROOT = path.join(REPO_ROOT, 'dist/staff-web');
const IDE_PATH = '/ide';

export interface RunningGateway {
  server: Server;
  port: number;
  runtime: GatewayRuntime;
  metrics: Metrics;
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
  const subgraphUrls = {
    accreditation: config.ACCREDITATION_URL,
    inspection: config.INSPECTION_URL,
    movement: config.MOVEMENT_URL,
  };
  const supergraph = await loadSupergraph(config.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH, {
    accreditation: config.ACCREDITATION_URL,
    inspection: config.INSPECTION_URL,
    movement: config.MOVEMENT_URL,
  });
  const metrics = new Metrics('gateway');
  const runtime = createRuntime(config, supergraph, metrics);
  const graphql = graphqlRequestHandler(runtime, config.TRUST_PROXY);
  const files = filesProxy(config.GATEWAY_SECRET, config.ACCREDITATION_URL);

  const web = config.WEB_ROOT ?? DEFAULT_WEB_ROOT;
  const ideEnabled = !config.production;
  let schemaLoaded = false;

  /** Routes a request; every path ends in answerFailure, so no request can end the process. */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url === '/health' || url.startsWith('/health?')) return health(res);
    if (url === '/graphql' || url.startsWith('/graphql?')) return graphql(req, res);
    if (url.startsWith('/files/')) return files(req, res);
    if (url === METRICS_PATH) return scrape(req, res);
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
      if (!(await serveStatic(getDistDirectory(), IDE_PATH, req, res, false))) notFound(res);
      return;
    }
    if (!(await serveStatic(web, '', req, res, true))) notFound(res);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => answerFailure(logger, req, res, error));
  });
  // A malformed request line or headers: answered 400 by Node, never thrown.
  server.on('clientError', (error, socket) => {
    logger.debug({ err: error }, 'malformed request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  /** 200 when the schema is loaded and every subgraph is healthy; the body says which is not. */
  async function health(res: ServerResponse) {
    const subgraphs = await subgraphsHealth(subgraphUrls);
    const down = Object.keys(subgraphs).filter((name) => subgraphs[name] !== 'up');
    const ready = schemaLoaded && down.length === 0;
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: ready ? 'ok' : schemaLoaded ? 'error' : 'starting',
        supergraph: schemaLoaded ? 'loaded' : 'not loaded',
        subgraphs,
      }),
    );
  }

  /** GET /metrics for a Prometheus scraper with the METRICS_TOKEN bearer; off without one. */
  async function scrape(req: IncomingMessage, res: ServerResponse) {
    if (!config.METRICS_TOKEN) return notFound(res);
    if (
      req.method !== 'GET' ||
      !metricsScrapeAllowed(config.METRICS_TOKEN, req.headers.authorization)
    ) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      res.end(JSON.stringify({ message: 'Unauthorized' }));
      return;
    }
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
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

  wsServer.on('error', (error) => logger.error({ err: error }, 'websocket server failed'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'gateway server failed'));
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
    metrics,
    close: async () => {
      // ws 8 calls close's callback only once every client is gone: end them first.
      const closed = new Promise<void>((resolve) => wsServer.close(() => resolve()));
      for (const client of wsServer.clients) client.terminate();
      await closed;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
