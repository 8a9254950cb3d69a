// The worker presence's own connection (src/store/worker-presence.ts) is bounded as the others are: through
// a network that drops packets silently (here, a loopback socket that takes connections and never answers)
// it waits for the server's answer no longer than any other connection does (5 s), and so holds up the
// process's stop no longer either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWorkerPresence } from '../../src/store/worker-presence.js';
import { type SilentServer, silentServer } from '../silent-server.js';
import { until } from '../until.js';

let silent: SilentServer;
let url: string;

beforeAll(async () => {
  silent = await silentServer();
  url = silent.url;
});

afterAll(() => silent.close());

describe('the worker presence through a network that never answers', () => {
  it('gives the connection up within the connect bound, saying so, and tries again', async () => {
    const errors: unknown[] = [];
    const started = Date.now();
    const presence = holdWorkerPresence(url, (error) => errors.push(error), 100);
    try {
      await until(() => errors.length >= 2, 20_000);
      expect(String(errors[0])).toMatch(/timeout/i);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await presence.stop();
    }
  }, 30_000);

  it('stops within the connect bound (5 s) while its connection waits for an answer', async () => {
    const before = silent.connections();
    const presence = holdWorkerPresence(url, () => {});
    await until(() => silent.connections() > before, 5_000);
    const stopping = Date.now();
    await presence.stop();
    // The bound and a margin for a loaded machine; unbounded, the stop waited for as long as the socket.
    expect(Date.now() - stopping).toBeLessThan(9_000);
  }, 30_000);
});
