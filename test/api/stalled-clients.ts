// Clients that send a request, take the first chunk of the answer and then read nothing more: the kernel's
// buffers fill, then the server's. Measures what they cost this process (the server runs in it).
import type { Socket } from 'node:net';
import { openSocket } from './raw-http.js';

const MIB = 1024 * 1024;

export interface StalledClients {
  /** The status line of each answer (`HTTP/1.1 200`). */
  statuses: string[];
  /** The growth of this process's RSS at its peak, in MiB, from before the first request to 2 s after the last answer began. */
  grownMiB: number;
}

/**
 * Sends `request` (raw HTTP) on `clients` connections to `port` from four loopback addresses (the
 * per-client connection cap is not what is measured), waits for every answer to stall, and closes them.
 */
export async function stalledClients(
  port: number,
  request: string,
  clients: number,
): Promise<StalledClients> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const sockets: Socket[] = [];
  try {
    const statuses = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const socket = await openSocket(port, `127.0.0.${2 + (i % 4)}`);
        sockets.push(socket);
        const status = new Promise<string>((resolve) => {
          socket.once('data', (chunk: Buffer) => {
            socket.pause();
            resolve(chunk.toString('latin1', 0, 12));
          });
        });
        socket.write(request);
        return status;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // every answer has stalled
    return { statuses, grownMiB: (peak - before) / MIB };
  } finally {
    clearInterval(sample);
    for (const socket of sockets) socket.destroy();
  }
}
