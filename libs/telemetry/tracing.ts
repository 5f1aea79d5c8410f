import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** What a process records spans of: the gateway is HTTP only, a service also GraphQL and SQL. */
export type TracedProcess = 'gateway' | 'service';

/** The process's tracing, running or not: `shutdown` flushes what is buffered. */
export interface Tracing {
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

const NOT_TRACING: Tracing = { exporting: false, shutdown: () => Promise.resolve() };

/**
 * The OTLP endpoint the standard variables name, or none: tracing costs nothing
 * unless an operations team asks for it.
 */
export function otlpTracesEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/** Exporter troubles go to the process's log as warnings, never as crashes. */
function warnOnly(log: (message: string) => void): DiagLogger {
  const quiet = () => undefined;
  return {
    error: (message) => log(message),
    warn: (message) => log(message),
    info: quiet,
    debug: quiet,
    verbose: quiet,
  };
}

function instrumentationsFor(kind: TracedProcess): Instrumentation[] {
  // Health probes and metric scrapes would drown the traces an operator looks for.
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => /^\/(health|metrics)\b/.test(request.url ?? ''),
  });
  if (kind === 'gateway') return [http];
  return [
    http,
    // Resolver spans for every field would be noise; the operation and its SQL are what matter.
    new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true, depth: 0 }),
    // Statement text without values: parameters can hold names and document numbers.
    new PgInstrumentation({ enhancedDatabaseReporting: false }),
  ];
}

/**
 * Starts OpenTelemetry tracing for this process when an OTLP endpoint is
 * configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT):
 * incoming and outgoing HTTP (the W3C traceparent header carries the trace from
 * the gateway to the subgraphs), GraphQL execution and SQL statements, exported
 * in batches over OTLP/HTTP. Must run before `pg` and `http` are loaded, which
 * is why each app's `main.ts` imports its `tracing.ts` first.
 */
export function startTracing(
  serviceName: string,
  kind: TracedProcess,
  env: NodeJS.ProcessEnv = process.env,
  log: (message: string) => void = (message) => process.stderr.write(`tracing: ${message}\n`),
): Tracing {
  const url = otlpTracesEndpoint(env);
  if (!url) return NOT_TRACING;
  diag.setLogger(warnOnly(log), DiagLogLevel.WARN);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME?.trim() || serviceName,
      'service.instance.id': `${serviceName}-${process.pid}`,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  registerInstrumentations({ instrumentations: instrumentationsFor(kind) });
  active = { exporting: true, shutdown: () => provider.shutdown() };
  return active;
}

let active: Tracing = NOT_TRACING;

/** Flushes the spans still buffered: called on the way out, before the process exits. */
export function flushTracing(): Promise<void> {
  return active.shutdown().catch(() => undefined);
}
