// The stall timeout (ISOPLAN_STALL_TIMEOUT_MS) on a real socket, with the server's timeouts as `isoplan
// serve` sets them: it closes a connection whose client stops sending or stops reading, never one whose
// server is still working on the answer (a validation waiting for a worker, a GitHub sync).
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverTimeouts } from '../../../src/cli/server.js';
import { DEFAULT_LIMITS } from '../../../src/config.js';
import { openSocket, rawRequest } from '../raw-http.js';
import { createTestApp, givenProject, listenOnLoopback, type TestApp } from '../test-app.js';

const STALL_MS = 1000;
/** Longer than the stall timeout, so that a handler this slow would have been cut. */
const HANDLING_MS = 2500;
/** An answer larger than loopback's socket buffers: a client that reads none of it stalls the writes. */
const LARGE_BYTES = 64 * 2 ** 20;

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({}, {}, {}, serverTimeouts({ ...DEFAULT_LIMITS, stallTimeoutMs: STALL_MS }));
  const config = { scope: 'public' } as const;
  // Routes that exist only in this test: one slow to answer, one with a large answer.
  t.app.get('/test/slow', { config }, async () => {
    await sleep(HANDLING_MS);
    return { answered: true };
  });
  t.app.get('/test/large', { config }, async (_request, reply) =>
    reply.type('application/octet-stream').send(Buffer.alloc(LARGE_BYTES, 0x61)),
  );
  port = await listenOnLoopback(t.app);
});
afterAll(() => t.close());

/**
 * Resolves once the server has closed the next connection it accepts (bounded by the test's own
 * timeout): seen from the server's side, since a client that reads nothing never sees the close.
 */
function nextConnectionClosed(): Promise<void> {
  return new Promise((resolve) =>
    t.app.server.once('connection', (socket: Socket) => socket.once('close', () => resolve())),
  );
}

describe('the stall timeout', () => {
  it('answers a request whose handling outlasts it: the silence is the server working, not the client', async () => {
    const res = await rawRequest(port, ['GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ answered: true });
  });

  // Pipelined requests are handled together and answered in order: the answer of the one behind the slow
  // request started (and set the timer again) while the slow one was still being handled, and the
  // connection was cut before either answer was written.
  it('answers requests pipelined behind a slow one: the first answer waits for it, not for the client', async () => {
    const socket = await openSocket(port);
    let text = '';
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1');
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    try {
      const bothAnswered = async () => {
        while ((text.match(/HTTP\/1\.1 200/g) ?? []).length < 2) await sleep(50);
      };
      await Promise.race([bothAnswered(), closed]);
    } finally {
      socket.destroy();
    }
    expect(text).toContain('{"answered":true}');
    expect((text.match(/HTTP\/1\.1 200/g) ?? []).length).toBe(2);
  }, 10_000);

  it('still closes a connection whose client stops sending its body', async () => {
    const closed = nextConnectionClosed();
    const socket = await openSocket(port);
    socket.resume();
    // A body promised and never sent: nothing moves; the request timeout (30 s) is far off.
    socket.write(
      'POST /v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{',
    );
    try {
      await closed;
    } finally {
      socket.destroy();
    }
  }, 10_000);

  it('still closes a connection whose client stops reading the answer', async () => {
    const closed = nextConnectionClosed();
    const socket = await openSocket(port);
    socket.pause(); // never reads: the answer fills the buffers and stops moving
    socket.write('GET /test/large HTTP/1.1\r\nHost: x\r\n\r\n');
    try {
      await closed;
    } finally {
      socket.destroy();
    }
  }, 10_000);

  // An event stream's answer never reaches onSend (the route hijacks it): its end must set the timer again
  // for what the connection carries next.
  it('still closes a connection whose client stops reading an answer sent after an event stream on it ended', async () => {
    const project = await givenProject(t.stores);
    const closed = nextConnectionClosed();
    const socket = await openSocket(port);
    let text = '';
    const read = (data: Buffer) => {
      text += data.toString('latin1');
    };
    socket.on('data', read);
    const seen = async (part: string) => {
      while (!text.includes(part)) await sleep(20);
    };
    socket.write(`GET /v1/projects/${project.slug}/events HTTP/1.1\r\nHost: x\r\n\r\n`);
    try {
      await seen(': connected');
      // The project deleted: the stream says so and ends, the connection kept alive.
      t.app.events.publish({
        type: 'change',
        project: project.slug,
        method: 'DELETE',
        url: `/v1/projects/${project.slug}`,
      });
      await seen('0\r\n\r\n');
      socket.off('data', read);
      socket.pause(); // never reads: the answer fills the buffers and stops moving
      socket.write('GET /test/large HTTP/1.1\r\nHost: x\r\n\r\n');
      await closed;
    } finally {
      socket.destroy();
    }
  }, 15_000);
});
