// `isoplan worker`'s HTTP endpoint for monitoring (opt-in: --metrics-port or ISOPLAN_WORKER_METRICS_PORT):
// GET /metrics, the worker's metrics in the replicas' names (service-metrics.ts: validation and CI check
// durations, the simulator's tasks and queue, the process), Prometheus text or OpenMetrics as GET /metrics
// of a replica answers; GET /healthz, liveness; GET /readyz, whether the job queue answers. Nothing else:
// no API, no project gauges (the replicas serve those, from the same database). A bare node:http server:
// three read-only answers need no framework.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { PROBLEM_CONTENT_TYPE, type ProblemInit, problemDocument } from '../api/http/problem.js';
import {
  metricsFormatFor,
  metricsNamed,
  metricsText,
  processMetrics,
  WORKER_METRIC_NAMES,
} from '../services/service-metrics.js';
import type { JobQueue } from '../store/job-queue.js';

export interface WorkerMetricsServer {
  /** `http://HOST:PORT`, the port it listens on (the one asked for, or the one given for 0). */
  url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, url: string | undefined, init: ProblemInit) {
  res.writeHead(init.status, { 'content-type': PROBLEM_CONTENT_TYPE });
  res.end(JSON.stringify(problemDocument(init, url)));
}

/** Listens on `host`:`port`; `registry` holds the service metrics, of which it serves the worker's. */
export async function startWorkerMetricsServer(options: {
  host: string;
  port: number;
  registry: Registry;
  jobs: Pick<JobQueue, 'status'>;
  onError: (error: unknown) => void;
}): Promise<WorkerMetricsServer> {
  const served = metricsNamed(options.registry, WORKER_METRIC_NAMES);
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (!get || (path !== '/metrics' && path !== '/healthz' && path !== '/readyz')) {
      return sendProblem(res, req.url, {
        type: 'route-not-found',
        title: 'Not found',
        status: 404,
        detail: `no route for ${req.method} ${path}: a worker serves GET /metrics, /healthz and /readyz`,
      });
    }
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const queue = await options.jobs.status();
      if (queue.ready) return sendJson(res, 200, { status: 'ok', workers: queue.workers });
      return sendProblem(res, req.url, {
        type: 'not-ready',
        title: 'Not ready',
        status: 503,
        detail: queue.detail ?? 'the job queue is not ready',
      });
    }
    const { contentType, text } = await metricsText(
      [processMetrics(), served],
      metricsFormatFor(req.headers.accept),
    );
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(text);
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) {
        sendProblem(res, req.url, {
          type: 'internal-error',
          title: 'Internal error',
          status: 500,
          detail: 'the worker could not answer: see its log',
        });
      } else res.destroy();
    });
  });
  server.listen(options.port, options.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
