// A replica or worker that cannot open its PostgreSQL database at start-up (no server there, no such
// database, refused credentials) stops with one line an operator can act on: which database (its password
// masked) and what the server or the network said, no stack trace, and a non-zero exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../closed-port.js';

const BIN = resolve(import.meta.dirname, '../../bin/isoplan');

async function run(
  command: 'serve' | 'worker',
  databaseUrl: string,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, command], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr };
}

function withDatabase(name: string, password?: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  if (password !== undefined) url.password = password;
  return url.toString();
}

describe('isoplan on a PostgreSQL database it cannot open', () => {
  it('stops serve with the database named, its password masked, and what the server said, exit code 1', async () => {
    const { code, stderr } = await run('serve', withDatabase('isoplan_no_such_database', 's3cret-pw'));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^isoplan serve: cannot open the database postgresql:\/\/[^:]+:\*\*\*@127\.0\.0\.1:\d+\/isoplan_no_such_database: .*"isoplan_no_such_database" does not exist\n$/,
    );
    expect(stderr).not.toContain('s3cret-pw');
  }, 90_000);

  it('stops serve with the database named and the refused connection when no server listens there, exit code 1', async () => {
    const { code, stderr } = await run(
      'serve',
      `postgresql://isoplan@127.0.0.1:${await closedPort()}/isoplan`,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^isoplan serve: cannot open the database postgresql:\/\/isoplan@127\.0\.0\.1:\d+\/isoplan: .*ECONNREFUSED.*\n$/,
    );
  }, 90_000);

  it('stops serve with the database named and the TLS failure when the server does not speak TLS, exit code 1', async () => {
    const { code, stderr } = await run('serve', `${withDatabase('isoplan')}?sslmode=verify-full`);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^isoplan serve: cannot open the database postgresql:\/\/.*: The server does not support SSL connections\n$/,
    );
  }, 90_000);

  it('stops a worker the same way, exit code 1', async () => {
    const { code, stderr } = await run('worker', withDatabase('isoplan_no_such_database'));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^isoplan worker: cannot open the database postgresql:\/\/.*\/isoplan_no_such_database: .*does not exist\n$/,
    );
  }, 90_000);
});
