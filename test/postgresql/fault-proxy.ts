// A TCP proxy on loopback between the service and the test's PostgreSQL server, to take the database away
// as a restart or a network fault does: `cut()` drops every open connection and refuses new ones (the port
// stops listening), `restore()` listens again on the same port. The database behind it is untouched.
// `cutAt(pattern)` cuts at one precise moment instead: when a client sends a statement whose text matches
// (a job's completion, say), which is then never delivered.
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultProxy {
  /** The database URL through the proxy. */
  url: string;
  /** Drops every connection and refuses new ones. */
  cut(): Promise<void>;
  /**
   * Cuts as `cut()` does once a client sends a message whose text matches `pattern` (that message is not
   * delivered); resolves then.
   */
  cutAt(pattern: RegExp): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(databaseUrl: string): Promise<FaultProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  /** The pattern to cut at, and what to call then. */
  let trigger: { pattern: RegExp; fire(): void } | undefined;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    track(client);
    track(upstream);
    client.on('data', (chunk: Buffer) => {
      // A statement's text travels whole in its Parse or Query message (latin1 keeps the bytes as they are).
      if (trigger?.pattern.test(chunk.toString('latin1'))) {
        const { fire } = trigger;
        trigger = undefined;
        fire();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  async function cut(): Promise<void> {
    if (!server.listening) return;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  return {
    url: url.toString(),
    cut,
    cutAt(pattern) {
      return new Promise<void>((resolve) => {
        trigger = { pattern, fire: () => void cut().then(resolve) };
      });
    },
    async restore() {
      if (server.listening) return;
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    close: cut,
  };
}
