// Opening the configured database from the CLI: a database that cannot be opened is one readable line
// naming it (a PostgreSQL password masked) and what the network or SQLite said.
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openingDatabase } from '../../src/cli/database.js';
import { closedPort } from '../closed-port.js';
import { runIsoplan } from './cli-harness.js';

/**
 * What Node says when every address of a host refuses the connection (a name with IPv6 and IPv4 addresses,
 * such as localhost on many systems; here two loopback addresses, which every machine has).
 */
async function refusedOnEveryAddress(port: number): Promise<Error> {
  const socket = connect({
    port,
    host: 'db.internal',
    autoSelectFamily: true,
    lookup: (_host, _options, done) =>
      (done as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ]),
  });
  const [error] = (await once(socket, 'error')) as [Error];
  return error;
}

describe('opening a PostgreSQL database from the CLI', () => {
  it('names every address refused when the host has several and none answers', async () => {
    const port = await closedPort();
    const refused = await refusedOnEveryAddress(port);
    const opening = openingDatabase(
      { databaseUrl: `postgresql://isoplan:s3cret@db.internal:${port}/isoplan`, databasePath: null },
      () => Promise.reject(refused),
    );
    await expect(opening).rejects.toThrow(
      `cannot open the database postgresql://isoplan:***@db.internal:${port}/isoplan: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}; connect ECONNREFUSED 127.0.0.2:${port}`,
    );
  });
});

describe('opening a SQLite file that is not a database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isoplan-open-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops serve with the file named and what SQLite said, no stack trace, exit code 1', async () => {
    const file = join(dir, 'notes.db');
    await writeFile(file, 'meeting notes, not a database\n');
    const { code, stderr } = await runIsoplan(dir, { DATABASE_URL: `file:${file}`, PORT: '0' }, ['serve']);
    expect(code).toBe(1);
    expect(stderr).toBe(`isoplan serve: cannot open the database ${file}: file is not a database\n`);
  }, 90_000);

  it('stops a command on the file the same way when a directory has its name', async () => {
    const file = join(dir, 'a-directory.db');
    await mkdir(file);
    const { code, stderr } = await runIsoplan(dir, { DATABASE_URL: `file:${file}` }, ['plan']);
    expect(code).toBe(1);
    expect(stderr).toBe(`isoplan plan: cannot open the database ${file}: unable to open database file\n`);
  }, 90_000);
});
