// A request that arrives while the app is closing is refused with a problem; one in flight finishes.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { until } from '../../until.js';
import { exchange, openSocket } from '../raw-http.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

describe('shutdown', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers a request arriving during the close with a 503 problem, and lets the one in flight finish', async () => {
    t = await createTestApp();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    t.app.get('/test/slow', { config: { scope: 'public' } }, async () => {
      entered = true;
      await held;
      return { done: true };
    });
    const port = await listenOnLoopback(t.app);
    const serverSockets: Socket[] = [];
    t.app.server.on('connection', (socket: Socket) => serverSockets.push(socket));

    const inFlight = await openSocket(port);
    const slow = exchange(inFlight, ['GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n']);
    await until(() => entered);
    // A second connection has begun its request (so it is not idle, and not closed with the idle ones)…
    const late = await openSocket(port);
    late.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await until(() => (serverSockets[1]?.bytesRead ?? 0) > 0);
    const closing = t.app.close();
    await until(() => !t!.app.server.listening); // the close hooks have run: the app refuses now
    // …and ends it once the app is closing.
    const refused = await exchange(late, ['\r\n']);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toMatchObject({ type: `${PROBLEM_BASE}shutting-down`, status: 503 });

    release();
    const finished = await slow;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body)).toEqual({ done: true });
    await closing;
    inFlight.destroy();
    late.destroy();
  });
});
