// The worker presence's own connection (src/store/worker-presence.ts) is bounded as the others are: through
// a network that drops packets silently (here, a loopback socket that takes connections and never answers)
// it waits for the server's answer no longer than any other connection does (5 s), and so holds up the
// process's stop no longer either.
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWorkerPresence } from '../../src/store/worker-presence.js';
import { until } from '../until.js';

const held = new Set<Socket>();
const silent = createServer((socket) => {
  held.add(socket);
  socket.on('error', () => {});
});
let url: string;

beforeAll(async () => {
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  url = `postgresql://isoplan@127.0.0.1:${(silent.address() as AddressInfo).port}/isoplan`;
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((done) => silent.close(done));
});

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
    const before = held.size;
    const presence = holdWorkerPresence(url, () => {});
    await until(() => held.size > before, 5_000);
    const stopping = Date.now();
    await presence.stop();
    // The bound and a margin for a loaded machine; unbounded, the stop waited for as long as the socket.
    expect(Date.now() - stopping).toBeLessThan(9_000);
  }, 30_000);
});
