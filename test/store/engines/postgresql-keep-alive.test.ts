// isoplan's PostgreSQL connections send TCP keep-alives once idle (connectionConfig): a connection that only
// waits (the change feed's LISTEN, a worker's presence) must find out when a network drops it silently.
// Read from the kernel's own table of sockets (Linux /proc/net/tcp: the timer of an idle established
// socket is 2, the keep-alive timer, when SO_KEEPALIVE is on, and 0 when it is off). The "server" is a
// loopback socket that never answers: what is checked is the client's socket, not PostgreSQL.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionConfig } from '../../../src/store/engines/postgresql.js';
import { type SilentServer, silentServer } from '../../silent-server.js';
import { until } from '../../until.js';

let silent: SilentServer;
let url: string;

beforeAll(async () => {
  silent = await silentServer();
  url = silent.url;
});

afterAll(() => silent.close());

/** The kernel's timer kind of the established loopback socket bound to `port` (/proc/net/tcp), if found. */
function timerOf(port: number): number | undefined {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[3] === '01') return Number.parseInt(fields[5]!.split(':')[0]!, 16);
  }
  return undefined;
}

/** Connects a client with `config` to the silent server; the kernel's timer kind of its socket. */
async function socketTimer(config: pg.ClientConfig): Promise<number | undefined> {
  const client = new pg.Client(config);
  client.connect().catch(() => {}); // never answered: its socket is destroyed below
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  try {
    await until(() => stream.localPort !== undefined && timerOf(stream.localPort) !== undefined);
    // Idle past the delay the config asks (the socket's first data was sent and acknowledged).
    await until(() => timerOf(stream.localPort!) === 2 || timerOf(stream.localPort!) === 0);
    return timerOf(stream.localPort!);
  } finally {
    stream.destroy();
  }
}

describe.runIf(process.platform === 'linux')("isoplan's PostgreSQL connections", () => {
  it('send TCP keep-alives once idle, as a connection without them does not', async () => {
    const config = connectionConfig({ url, busyTimeoutMs: 5000 });
    expect(await socketTimer(config)).toBe(2);
    expect(await socketTimer({ ...config, keepAlive: false })).toBe(0);
  });
});
