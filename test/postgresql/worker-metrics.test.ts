// `isoplan worker` with ISOPLAN_WORKER_METRICS_PORT (or --metrics-port) serves /metrics, /healthz and
// /readyz: the validations it computes are measured there, under the names the replicas use, where a
// replica that only enqueues never counts them. Its own database: no other test's worker may take the job.
import { describe, expect, it } from 'vitest';
import { json, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();

describe('the metrics endpoint of isoplan worker', () => {
  /** The value of the unlabelled sample `name` in a Prometheus text exposition (undefined when absent). */
  function sample(text: string, name: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  }

  it("serves the duration of a validation it ran, under the replicas' name", async () => {
    const replica = await on.start('serve', { ISOPLAN_DEMO: '1', ISOPLAN_JOBS: 'enqueue' });
    const worker = await on.start('worker', { ISOPLAN_WORKER_METRICS_PORT: '0' });
    const metricsUrl = /"metrics":"(http:\/\/127\.0\.0\.1:\d+\/metrics)"/.exec(worker.log())?.[1];
    expect(metricsUrl).toBeDefined();
    const base = metricsUrl!.replace(/\/metrics$/, '');
    expect((await json(`${base}/healthz`)).body).toEqual({ status: 'ok' });
    expect(await json(`${base}/readyz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const before = await fetch(metricsUrl!);
    expect(before.headers.get('content-type')).toMatch(/^text\/plain/);
    const count = 'isoplan_validation_duration_seconds_count';
    expect(sample(await before.text(), count)).toBe(0);

    const validation = await json(`${replica.url}/v1/projects/per-interpreter-gil/validations`, {
      method: 'POST',
    });
    expect(validation.status).toBe(201);

    const after = await (await fetch(metricsUrl!)).text();
    expect(sample(after, count)).toBe(1);
    expect(sample(after, 'isoplan_validation_duration_seconds_sum')).toBeGreaterThan(0);
    expect(after).toContain('process_resident_memory_bytes');
    // Nothing a worker never counts (a flat zero per worker in the replicas' panels): no HTTP, no streams.
    for (const name of ['isoplan_http_', 'isoplan_event_stream', 'isoplan_database_busy_errors_total'])
      expect(after).not.toContain(name);
    // The replica that only enqueued computed nothing: the duration is the worker's to tell.
    expect(sample(await (await fetch(`${replica.url}/metrics`)).text(), count)).toBe(0);
    // OpenMetrics for a scraper that asks (Prometheus does), and a problem for anything else.
    const open = await fetch(metricsUrl!, { headers: { accept: 'application/openmetrics-text' } });
    expect(open.headers.get('content-type')).toMatch(/^application\/openmetrics-text/);
    const other = await json(`${base}/v1/projects`);
    expect(other).toMatchObject({ status: 404, body: { title: 'Not found' } });
  }, 120_000);
});
