// ISOPLAN_JOB_EXPIRE_SECONDS is the replica's setting, not only the first start's: pg-boss creates each
// queue once, with the expiry of the process that created it, and keeps it; a job queued later expires
// after the expiry of the replica that queues it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { openDatabase } from '../../src/store/database.js';
import { openPostgresJobQueue } from '../../src/store/job-queue.js';
import { createEmptyDatabase } from '../store/temp-database.js';

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;

beforeAll(async () => {
  empty = await createEmptyDatabase();
}, 60_000);

afterAll(async () => {
  await empty?.drop();
});

describe('the job queue on a database whose queues exist', () => {
  it('queues a job with the expiry it was opened with, not the one the queues were created with', async () => {
    const first = await openPostgresJobQueue({ url: empty.url, names: JOB_NAMES, expireInSeconds: 120 });
    await first.close();

    const queue = await openPostgresJobQueue({ url: empty.url, names: JOB_NAMES, expireInSeconds: 7 });
    // No worker: the job waits in the queue, and run() keeps waiting for it until the queue closes.
    const waiting = queue.run('validation', { project: 'expiry' }, 'expiry').catch((error: unknown) => error);
    const database = await openDatabase({ url: empty.url, migrate: false });
    try {
      let expiry: number | undefined;
      for (let i = 0; expiry === undefined && i < 300; i++) {
        const rows = await database.prisma.$queryRawUnsafe<Array<{ seconds: number }>>(
          `SELECT extract(epoch FROM expire_in)::float8 AS seconds FROM pgboss.job WHERE singleton_key = 'expiry'`,
        );
        expiry = rows[0]?.seconds;
        if (expiry === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(expiry).toBe(7);
    } finally {
      await database.close();
      await queue.close();
      await waiting;
    }
  }, 60_000);
});
