import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { eventually } from '#test/support/eventually.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { startLauncher, type LaunchedSystem } from '#test/support/launcher.js';

/** One span as OTLP/HTTP JSON carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

const attributes = (list: OtlpAttribute[] = []): Record<string, unknown> =>
  Object.fromEntries(
    list.map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.boolValue]),
  );

/** A minimal OTLP/HTTP receiver: what an operations room's collector would get. */
async function startCollector(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service = String(attributes(resource.resource?.attributes)['service.name']);
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                scope: scope.scope?.name ?? '',
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                name: span.name,
                attributes: attributes(span.attributes),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, spans };
}

/** `npm start` with an OTLP endpoint: one trace from the gateway through a subgraph to SQL. */
describe('tracing over OTLP', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let system: LaunchedSystem;

  before(async () => {
    collector = await startCollector();
    system = await startLauncher('tracing_launcher', {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      // Spans leave in batches; a short delay keeps the wait below short.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });

  after(async () => {
    await system?.stop();
    collector?.server.close();
  });

  it('links the gateway, the subgraph, its GraphQL operation and its SQL in one trace', async () => {
    const admin = await new GraphQLClient(system.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.query('query TracedOrganisations { organisations { id code } }');

    const trace = await eventually(
      () => {
        const operation = collector.spans.find(
          (s) => s.service === 'accreditation' && s.name.includes('TracedOrganisations'),
        );
        assert.ok(operation, 'the subgraph reported the GraphQL operation');
        const spans = collector.spans.filter((s) => s.traceId === operation.traceId);
        assert.ok(
          spans.some((s) => s.service === 'gateway' && !s.parentSpanId),
          'the trace starts at the gateway',
        );
        assert.ok(
          spans.some((s) => s.service === 'accreditation' && s.scope.includes('pg')),
          'the subgraph reported its SQL in the same trace',
        );
        return spans;
      },
      { timeoutMs: 20_000 },
    );

    // Each span's parent is in the trace: the chain is unbroken from the gateway to SQL.
    const ids = new Set(trace.map((s) => s.spanId));
    for (const span of trace) {
      if (span.parentSpanId) assert.ok(ids.has(span.parentSpanId), `${span.service} ${span.name}`);
    }
    // Statements are reported without their values: parameters hold personal data.
    for (const sql of trace.filter((s) => s.scope.includes('pg'))) {
      const values = Object.keys(sql.attributes).filter((key) => /values|parameter/.test(key));
      assert.deepEqual(values, [], sql.name);
    }
  });

  it('leaves health probes out of the traces', async () => {
    const before = collector.spans.length;
    const res = await fetch(system.url.replace(/\/graphql$/, '/health'));
    assert.equal(res.status, 200);
    const admin = await new GraphQLClient(system.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.query('query AfterHealth { me { email } }');
    const pathOf = (s: ReceivedSpan): string => {
      const path = s.attributes['url.path'] ?? s.attributes['http.target'];
      return typeof path === 'string' ? path : '';
    };
    const since = await eventually(() => {
      const spans = collector.spans.slice(before);
      assert.ok(spans.some((s) => s.name.includes('AfterHealth')));
      // The gateway's own server span of that request, found by the same attribute.
      assert.ok(spans.some((s) => s.service === 'gateway' && pathOf(s) === '/graphql'));
      return spans;
    });
    assert.deepEqual(
      since.filter((s) => pathOf(s).startsWith('/health')).map((s) => `${s.service} ${s.name}`),
      [],
    );
  });
});
