import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../src/cli/tracing.js';
import { inSpan } from '../../src/services/spans.js';
import { createTestApp, givenEdge, givenIssue, givenProject, type TestApp } from '../api/test-app.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

describe('tracing, with an exporter set', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let t: TestApp;
  let slug: string;

  beforeAll(async () => {
    tracing = await startTracing({ exporter });
    t = await createTestApp(); // built after the start: its requests are traced
    slug = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, slug, { key: 'a' });
    await givenIssue(t.stores, slug, { key: 'b' });
    await givenEdge(t.stores, slug, 'b', 'a');
  });
  afterAll(async () => {
    await t?.close();
    await tracing?.shutdown();
  });

  /** The spans of one trace, by name. */
  const spansOf = (traceId: string): ReadableSpan[] =>
    exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);

  it("continues the caller's trace: the route, the plan and the database are spans of it", async () => {
    exporter.reset();
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/plan`,
      headers: { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
    });
    expect(res.statusCode, res.body).toBe(200);
    await expect.poll(() => spansOf(TRACE_ID).some((s) => s.name.startsWith('prisma:'))).toBe(true);

    const spans = spansOf(TRACE_ID);
    const names = spans.map((s) => s.name);
    const childrenOf = (span: ReadableSpan | undefined) =>
      spans.filter((s) => span !== undefined && s.parentSpanContext?.spanId === span.spanContext().spanId);
    // request (child of the caller's span) > handler > the plan and the database operations > their queries
    const request = spans.find((s) => s.parentSpanContext?.spanId === PARENT_ID);
    expect(request?.attributes['http.route'], names.join(', ')).toBe('/v1/projects/:project/plan');
    const handler = childrenOf(request).find((s) => s.name.startsWith('handler'));
    const underHandler = childrenOf(handler);
    expect(underHandler.find((s) => s.name === 'isoplan.plan')?.attributes['isoplan.project']).toBe(slug);
    // Reads run in a read transaction (src/store/engines): the operations are its children.
    const operations = underHandler
      .flatMap((s) => (s.name === 'prisma:client:transaction' ? childrenOf(s) : [s]))
      .filter((s) => s.name === 'prisma:client:operation');
    expect(operations.map((s) => s.attributes.name)).toEqual(
      expect.arrayContaining(['Project.findUnique', 'Issue.findMany', 'Dependency.findMany']),
    );
    const queries = operations.flatMap(childrenOf).filter((s) => s.name === 'prisma:client:db_query');
    expect(queries.length).toBeGreaterThanOrEqual(operations.length);
  });

  it('makes a validation a span with the database under it', async () => {
    exporter.reset();
    const res = await t.app.inject({ method: 'POST', url: `/v1/projects/${slug}/validations` });
    expect(res.statusCode, res.body).toBe(201);
    await expect
      .poll(() => exporter.getFinishedSpans().some((s) => s.name === 'isoplan.validation'))
      .toBe(true);
    const validation = exporter.getFinishedSpans().find((s) => s.name === 'isoplan.validation');
    const traceId = validation?.spanContext().traceId as string;
    expect(spansOf(traceId).some((s) => s.name.startsWith('prisma:'))).toBe(true);
  });

  it('makes a simulator run a span of its request', async () => {
    exporter.reset();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: {
        name: 'one alloc',
        interpreters: [{ name: 'main', program: [{ op: 'alloc', type: 'tuple', as: 't' }] }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    await expect.poll(() => exporter.getFinishedSpans().some((s) => s.name === 'isoplan.sim.run')).toBe(true);
    const run = exporter.getFinishedSpans().find((s) => s.name === 'isoplan.sim.run');
    expect(run?.attributes['isoplan.sim.inline']).toBe(true);
    const request = exporter.getFinishedSpans().find((s) => s.name === 'request');
    expect(run?.spanContext().traceId).toBe(request?.spanContext().traceId);
  });

  it('passes the trace on to the HTTP calls it makes (W3C traceparent)', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const peer = createServer((req, res) => {
      seen.push(req.headers);
      res.end('ok');
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = peer.address() as AddressInfo;
      let traceId = '';
      await inSpan('outgoing', {}, async () => {
        const { trace } = await import('@opentelemetry/api');
        traceId = trace.getActiveSpan()?.spanContext().traceId ?? '';
        await (await fetch(`http://127.0.0.1:${port}/`)).text();
      });
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(seen[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      peer.close();
    }
  });
});

describe('tracing, with no exporter set', () => {
  it('runs the work with no span around it', async () => {
    const { trace } = await import('@opentelemetry/api');
    const active = await inSpan('nothing', {}, () => trace.getActiveSpan());
    expect(active).toBeUndefined();
  });
});
