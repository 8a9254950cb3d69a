// A loopback port nothing listens on: taken from the system, then given back. Connections to it are
// refused (unless another process takes it meanwhile, which the system's port allocation makes unlikely).
import { once } from 'node:events';
import { createServer } from 'node:net';

export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
