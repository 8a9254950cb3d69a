// Caps on open connections: past one, a new connection's request is a 503 problem, not a silent drop.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { until } from '../../until.js';
import { openSocket, rawRequest } from '../raw-http.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

const HEALTH = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

describe('connection limits', () => {
  let t: TestApp | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await t?.close();
    t = undefined;
  });

  async function holdConnections(port: number, count: number, localAddress?: string): Promise<void> {
    for (let i = 0; i < count; i++) sockets.push(await openSocket(port, localAddress));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the server has seen them
  }

  it('answers a client past its share of connections with a 503 problem, and serves other clients', async () => {
    t = await createTestApp({ limits: { maxConnectionsPerClient: 3 } });
    const port = await listenOnLoopback(t.app);
    await holdConnections(port, 3);

    const refused = await rawRequest(port, [HEALTH]);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    const body = JSON.parse(refused.body) as { type: string; detail: string };
    expect(body.type).toBe(`${PROBLEM_BASE}too-many-connections`);
    expect(body.detail).toContain('this client already has 3 connections open');

    const other = await rawRequest(port, [HEALTH], { localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
  });

  it('answers any client past the server-wide cap with a 503 problem, and serves again once one closes', async () => {
    t = await createTestApp({ limits: { maxConnections: 4 } });
    const port = await listenOnLoopback(t.app);
    await holdConnections(port, 4, '127.0.0.3');

    const refused = await rawRequest(port, [HEALTH], { localAddress: '127.0.0.4' });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).detail).toContain('the server has its 4 connections open');

    sockets.pop()?.destroy();
    // Once the server has seen it close.
    await until(async () => (await rawRequest(port, [HEALTH], { localAddress: '127.0.0.4' })).status === 200);
  });

  it("lets a trusted proxy past the per-client share (its connections carry many clients), not past the server's cap", async () => {
    t = await createTestApp({
      trustedProxies: ['127.0.0.5'],
      limits: { maxConnectionsPerClient: 2, maxConnections: 5 },
    });
    const port = await listenOnLoopback(t.app);
    // Five from the proxy, all taken: the server is full (had the share applied, two would be).
    await holdConnections(port, 5, '127.0.0.5');
    const refused = await rawRequest(port, [HEALTH], { localAddress: '127.0.0.6' });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).detail).toContain('the server has its 5 connections open');
  });

  it('counts each refused connection in the metrics, by problem type', async () => {
    t = await createTestApp({ limits: { maxConnectionsPerClient: 2 } });
    const port = await listenOnLoopback(t.app);
    await holdConnections(port, 2);
    expect((await rawRequest(port, [HEALTH])).status).toBe(503);
    expect((await rawRequest(port, [HEALTH])).status).toBe(503);

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(
      'isoplan_http_refusals_total{type="too-many-connections",status_code="503"} 2',
    );
  });
});
