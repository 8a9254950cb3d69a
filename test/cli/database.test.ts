// Opening the configured database from the CLI: a PostgreSQL database that cannot be opened is one
// readable line naming it (password masked) and what the network said.
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openingDatabase } from '../../src/cli/database.js';
import { closedPort } from '../closed-port.js';

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
