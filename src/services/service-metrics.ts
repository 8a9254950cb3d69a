// The service's own Prometheus metrics (prom-client): one registry per service instance (never prom-client's
// global one), the instruments the API and the services record into, and the process's default metrics.
// Served at GET /metrics (src/api/routes/metrics.ts) with the project gauges (project-metrics.ts).
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry,
  type RegistryContentType,
} from 'prom-client';

/** Seconds, from a fast API read to a large validation. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface ServiceMetrics {
  /** Every metric of this service instance (the process's default metrics are added at the first scrape). */
  readonly registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_code'>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  eventStreamClients: Gauge;
  eventStreamsEnded: Counter<'reason'>;
  simTaskDuration: Histogram<'kind'>;
  validationDuration: Histogram;
  ciCheckDuration: Histogram;
  databaseBusyErrors: Counter;
  refusals: Counter<'type' | 'status_code'>;
}

/**
 * The process's default metrics (CPU, memory, event loop lag, GC, handles), one registry per process:
 * they describe the process, and prom-client's collectors start an event-loop delay monitor and a GC
 * observer that live as long as the process, so a service built many times (tests) starts them once.
 * Created at the first scrape: a process that is never scraped pays nothing.
 */
let processRegistry: Registry | undefined;
export function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface ServiceMetricsSources {
  /** Messages waiting for a simulator worker. */
  simQueueDepth(): number;
}

export type MetricsFormat = 'prometheus' | 'openmetrics';

/** OpenMetrics 1.0.0 when the scraper's Accept names it (Prometheus does), else the Prometheus text format. */
export function metricsFormatFor(accept: string | undefined): MetricsFormat {
  return accept?.includes('application/openmetrics-text') ? 'openmetrics' : 'prometheus';
}

/** The text of every metric of `registries` in `format`, with its content type. */
export async function metricsText(
  registries: readonly Registry[],
  format: MetricsFormat,
): Promise<{ contentType: string; text: string }> {
  const view = new Registry<RegistryContentType>();
  view.setContentType(
    format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE,
  );
  const renamed: Array<[{ name: string }, string]> = [];
  for (const registry of registries) {
    for (const metric of registry.getMetricsAsArray()) {
      view.registerMetric(registry.getSingleMetric(metric.name)!);
      renamed.push([metric, metric.name]);
    }
  }
  try {
    return { contentType: view.contentType, text: await view.metrics() };
  } finally {
    // prom-client renames counters in place (`x_total` -> `x`) when it renders OpenMetrics: put the names
    // back, or the next Prometheus-format scrape would lose their `_total`.
    for (const [metric, name] of renamed) metric.name = name;
  }
}

/**
 * The service metrics `isoplan worker` computes (the jobs it runs: validations, CI checks, the simulator's
 * tasks): its /metrics serves these and the process's, not the HTTP, stream and project ones it never
 * counts (each would be a flat zero per worker beside the replicas' figures).
 */
export const WORKER_METRIC_NAMES = [
  'isoplan_sim_queue_depth',
  'isoplan_sim_task_duration_seconds',
  'isoplan_validation_duration_seconds',
  'isoplan_ci_check_duration_seconds',
] as const;

/** The metrics of `registry` named in `names`, as a registry of their own (the same metric objects). */
export function metricsNamed(registry: Registry, names: readonly string[]): Registry {
  const view = new Registry();
  for (const name of names) {
    const metric = registry.getSingleMetric(name);
    if (metric === undefined) throw new Error(`no metric named ${name}`);
    view.registerMetric(metric);
  }
  return view;
}

export function createServiceMetrics(sources: ServiceMetricsSources): ServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'isoplan_sim_queue_depth',
    help: 'Simulator messages waiting for a free worker',
    registers,
    collect() {
      this.set(sources.simQueueDepth());
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: 'isoplan_http_requests_total',
      help: 'HTTP requests answered (an event stream once, when it opens), by method, route pattern (never the raw URL) and status code',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'isoplan_http_request_duration_seconds',
      help: 'How long HTTP requests took (an event stream: until it opened), by method, route pattern (never the raw URL) and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    eventStreamClients: new Gauge({
      name: 'isoplan_event_stream_clients',
      help: 'Open server-sent event streams (GET /v1/projects/:project/events)',
      registers,
    }),
    eventStreamsEnded: new Counter({
      name: 'isoplan_event_streams_ended_total',
      help: 'Server-sent event streams ended, by reason: done (the client left, the project was deleted, the token revoked), shutdown, stuck (the client stopped reading)',
      labelNames: ['reason'],
      registers,
    }),
    simTaskDuration: new Histogram({
      name: 'isoplan_sim_task_duration_seconds',
      help: "Simulator work on the worker pool, by kind (validation checks, whole scenarios, forecasts), from a worker's start to its answer",
      labelNames: ['kind'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    validationDuration: new Histogram({
      name: 'isoplan_validation_duration_seconds',
      help: 'Validation runs computed (a reused stored run is not counted)',
      buckets: DURATION_BUCKETS,
      registers,
    }),
    ciCheckDuration: new Histogram({
      name: 'isoplan_ci_check_duration_seconds',
      help: 'CI checks computed (POST /v1/projects/:project/checks, isoplan check)',
      buckets: DURATION_BUCKETS,
      registers,
    }),
    databaseBusyErrors: new Counter({
      name: 'isoplan_database_busy_errors_total',
      help: "Requests answered 503 database-busy: another process held the database's write lock too long",
      registers,
    }),
    refusals: new Counter({
      name: 'isoplan_http_refusals_total',
      help:
        'Requests refused without being served, by problem type and status: over a cap, a queue or a share ' +
        '(429, 503: simulator-busy, simulator-share-exceeded, too-many-connections, too-many-event-streams, ' +
        'shutting-down, database-busy, ...), a full disk (507), and what the HTTP parser refused (400, 408, 413, 431)',
      labelNames: ['type', 'status_code'],
      registers,
    }),
  };
}
