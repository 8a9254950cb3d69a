// A PostgreSQL server on the same machine is often reached through its Unix socket (peer authentication,
// no TCP): DATABASE_URL names the socket's directory as libpq does, `postgresql:///DATABASE?host=/dir`,
// with the user in the URL or its query. The service, its job queue and its change feed all connect so.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../store/temp-database.js';
import { type IsoplanProcess, startIsoplan } from './processes.js';

const BIN = resolve(import.meta.dirname, '../../bin/isoplan');

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
/** The test database as a socket URL: its directory and port in the query, the user before the `@`. */
let socketUrl: string;
let socketDir: string;

beforeAll(async () => {
  empty = await createEmptyDatabase();
  const tcp = new URL(empty.url);
  const client = new pg.Client({ connectionString: empty.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ unix_socket_directories: string }>('SHOW unix_socket_directories');
    socketDir = rows[0]!.unix_socket_directories.split(',')[0]!.trim();
  } finally {
    await client.end();
  }
  const query = new URLSearchParams({ host: socketDir, port: tcp.port || '5432' });
  socketUrl = `postgresql://${tcp.username}@${tcp.pathname}?${query}`;
});
afterAll(() => empty?.drop());

describe('isoplan on a PostgreSQL database named by its Unix socket', () => {
  it('serves the demo from postgresql://USER@/DATABASE?host=<socket directory>', async () => {
    let server: IsoplanProcess | undefined;
    try {
      server = await startIsoplan('serve', socketUrl, { ISOPLAN_DEMO: '1' });
      const res = await fetch(`${server.url}/v1/projects/per-interpreter-gil/plan`);
      expect(res.status, server.log()).toBe(200);
      expect(((await res.json()) as { order: string[] }).order.length).toBeGreaterThan(10);
      expect(server.log()).toContain(`/${new URL(empty.url).pathname.slice(1)}?host=`);
    } finally {
      await server?.stop();
    }
  }, 90_000);

  it('stops with one line naming the socket directory when no server listens there, exit code 1', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: `postgresql:///isoplan?host=${empty.dir}&user=isoplan`,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^isoplan serve: cannot open the database postgresql:.*isoplan.*: .*${empty.dir}/\\.s\\.PGSQL\\.5432.*\\n$`,
      ),
    );
  }, 90_000);
});
