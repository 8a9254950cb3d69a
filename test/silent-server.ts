// A loopback server that takes connections and never answers: what a client sees of a network that drops
// packets silently once connected (its connect succeeds, nothing comes back). `url` names it as a
// PostgreSQL server; `connections` counts what it took; `close` destroys the connections it holds and stops it.
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';

export interface SilentServer {
  url: string;
  /** How many connections it has taken so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function silentServer(): Promise<SilentServer> {
  const held = new Set<Socket>();
  let taken = 0;
  const server = createServer((socket) => {
    held.add(socket);
    taken++;
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `postgresql://isoplan@127.0.0.1:${(server.address() as AddressInfo).port}/isoplan`,
    connections: () => taken,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}
