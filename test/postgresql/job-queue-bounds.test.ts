// pg-boss's own pool has the bounds of every connection of ours (connectionConfig): a replica or worker
// whose database does not answer (here, a loopback socket that takes connections and never answers) is
// told so within the connect bound (5 s), where pg-boss's start used to wait for it forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { openPostgresJobQueue } from '../../src/store/job-queue.js';
import { type SilentServer, silentServer } from '../silent-server.js';

let silent: SilentServer;

beforeAll(async () => {
  silent = await silentServer();
});

afterAll(() => silent.close());

describe('the job queue on a database that never answers', () => {
  it('fails to open within the connect bound, saying it timed out', async () => {
    const started = Date.now();
    const opening = openPostgresJobQueue({ url: silent.url, names: JOB_NAMES });
    // Unbounded, it never settles: the test's own timeout would end it instead.
    await expect(opening).rejects.toThrow(/timeout/i);
    expect(silent.connections()).toBeGreaterThan(0);
    // The bound and a margin for a loaded machine.
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 30_000);
});
