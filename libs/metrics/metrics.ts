import { createHash, timingSafeEqual } from 'node:crypto';
import { getOperationAST, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The figures of a pg Pool the pool gauges read at each scrape. */
export interface PoolFigures {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** Seconds: from a fast single-row read to a slow CSV import. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One process's (or one gateway's) Prometheus metrics, in a registry of its own:
 * the default process figures (CPU, memory, handles, event-loop lag, GC), the
 * GraphQL operations it answered (count by outcome, latency histogram), and
 * what a service adds (pool use, check-in decisions).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly operations: Counter<'operation' | 'outcome'>;
  readonly operationSeconds: Histogram<'operation'>;
  readonly checkInDecisions: Counter<'decision' | 'reason'>;
  readonly checkInRuleDisagreements: Counter;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // nodejs_eventloop_lag_seconds and its percentiles come with the defaults.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.operations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations answered, by operation (type and root fields) and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.operationSeconds = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation',
      labelNames: ['operation'],
      buckets: DURATION_BUCKETS,
      registers: [this.registry],
    });
    this.checkInDecisions = new Counter({
      name: 'checkin_decisions_total',
      help: 'Check-in decisions recorded (replays not counted), by decision and reason ("none" when admitted)',
      labelNames: ['decision', 'reason'],
      registers: [this.registry],
    });
    this.checkInRuleDisagreements = new Counter({
      name: 'checkin_rule_disagreements_total',
      help: 'Check-ins the database decided otherwise than the decision table on the same facts (a defect: alert on any)',
      registers: [this.registry],
    });
  }

  /** Counts one answered operation. */
  observeOperation(operation: string, outcome: 'ok' | 'error', seconds: number): void {
    this.operations.inc({ operation, outcome });
    this.operationSeconds.observe({ operation }, seconds);
  }

  /** Counts a recorded check-in decision: once per reason, or once with reason "none". */
  observeCheckIn(decision: string, reasons: readonly string[]): void {
    if (reasons.length === 0) this.checkInDecisions.inc({ decision, reason: 'none' });
    for (const reason of reasons) this.checkInDecisions.inc({ decision, reason });
  }

  /** Counts a check-in the database decided otherwise than decide() would have. */
  observeRuleDisagreement(): void {
    this.checkInRuleDisagreements.inc();
  }

  /** Gauges of the database pool, read at each scrape. */
  watchPool(pool: () => PoolFigures | undefined): void {
    const gauge = (name: string, help: string, read: (p: PoolFigures) => number | undefined) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const figures = pool();
          const value = figures ? read(figures) : undefined;
          if (value !== undefined) this.set(value);
        },
      });
    gauge('db_pool_connections', 'Connections open in the database pool', (p) => p.totalCount);
    gauge('db_pool_idle_connections', 'Open connections not in use', (p) => p.idleCount);
    gauge(
      'db_pool_waiting_requests',
      'Queries waiting for a free connection',
      (p) => p.waitingCount,
    );
    gauge('db_pool_max_connections', 'Largest size of the pool', (p) => p.options?.max);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * The label of an operation: its type and its root fields, sorted (`mutation checkIn`,
 * `query _entities`). Root fields come from the schema, so the label set stays bounded,
 * unlike client-chosen operation names.
 */
export function operationLabel(
  document: DocumentNode | undefined | null,
  operationName?: string | null,
): string {
  if (!document) return 'unparsed';
  let operation: OperationDefinitionNode | null | undefined;
  try {
    operation = getOperationAST(document, operationName ?? undefined);
  } catch {
    operation = null;
  }
  if (!operation) return 'unknown';
  const fields = operation.selectionSet.selections
    .map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'))
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort();
  return `${operation.operation} ${fields.slice(0, 5).join(',')}${fields.length > 5 ? ',…' : ''}`;
}

export const METRICS_PATH = '/metrics';

/**
 * Whether a scrape may read /metrics: only with `Authorization: Bearer <METRICS_TOKEN>`, and
 * never when no token is configured (the endpoint is then off). Compared in constant time.
 */
export function metricsScrapeAllowed(
  token: string | undefined,
  authorization: string | string[] | undefined,
): boolean {
  if (!token) return false;
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** An Apollo Server plugin that counts and times every operation a subgraph answers. */
export function operationMetricsPlugin(metrics: Metrics) {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse(context: {
          document?: DocumentNode;
          operationName?: string | null;
          errors?: readonly unknown[];
          response: { body: { kind: string; singleResult?: { errors?: readonly unknown[] } } };
        }) {
          const body = context.response.body;
          const failed =
            (context.errors?.length ?? 0) > 0 ||
            (body.kind === 'single' && (body.singleResult?.errors?.length ?? 0) > 0);
          metrics.observeOperation(
            operationLabel(context.document, context.operationName),
            failed ? 'error' : 'ok',
            (performance.now() - started) / 1000,
          );
          return Promise.resolve();
        },
      });
    },
  };
}
