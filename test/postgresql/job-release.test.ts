// A job handed back by a process that stops (JobQueue.handBack) goes back to pg-boss's queue without
// spending one of its attempts (src/store/job-release.ts, written against pg-boss 10.4.2's SQL): a job on
// its last attempt runs again and succeeds, and its next start counts the same attempt. Were an upgrade of
// pg-boss to count attempts or fail jobs otherwise, these fail.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { type JobQueue, openPostgresJobQueue } from '../../src/store/job-queue.js';
import { releaseJob } from '../../src/store/job-release.js';
import { useEmptyDatabase } from './empty-database.js';
import { found } from './processes.js';

const empty = useEmptyDatabase();
const opened: JobQueue[] = [];

async function queue(retryLimit: number): Promise<JobQueue> {
  const jobs = await openPostgresJobQueue({
    url: empty.url,
    names: JOB_NAMES,
    expireInSeconds: 60,
    retryLimit,
    pollingIntervalSeconds: 0.5,
  });
  opened.push(jobs);
  return jobs;
}

type JobRow = { id: string; state: string; retry_count: number };

/** The row of the job with singleton key `key` once `probe` holds of it. */
function jobOnce(key: string, probe: (row: JobRow) => boolean): Promise<JobRow> {
  return found(
    `job ${key}`,
    async () => {
      const { rows } = await empty.sql.query<JobRow>(
        `SELECT id, state::text, retry_count FROM pgboss.job WHERE singleton_key = $1
         UNION ALL SELECT id, state::text, retry_count FROM pgboss.archive WHERE singleton_key = $1`,
        [key],
      );
      return rows[0] !== undefined && probe(rows[0]) ? rows[0] : undefined;
    },
    20_000,
  );
}

// Each test's workers stop with it: else they would take the next test's job.
afterEach(async () => {
  await Promise.all(opened.splice(0).map((jobs) => jobs.close()));
}, 60_000);

describe('a job handed back by a process that stops', () => {
  it('runs again and succeeds though it was on its last attempt', async () => {
    // retryLimit 0: the first attempt is the last.
    const stopping = await queue(0);
    let started = 0;
    await stopping.work({
      validation: () => {
        started++;
        return new Promise(() => {}); // still running when its process stops
      },
    });
    const asked = (await queue(0)).run('validation', { project: 'last' }, 'last');
    await jobOnce('last', (row) => row.state === 'active');
    await stopping.handBack(0);
    expect(started).toBe(1);

    await (await queue(0)).work({ validation: async () => 'ran again' });
    await expect(asked).resolves.toBe('ran again');
    // The attempt handed back was not counted: the one that completed is still the first.
    expect((await jobOnce('last', (row) => row.state === 'completed')).retry_count).toBe(0);
  }, 60_000);

  it('counts, at its next start, the attempts that ended before the one handed back', async () => {
    const stopping = await queue(2);
    let calls = 0;
    await stopping.work({
      validation: () => {
        calls++;
        // The first attempt crashes (counted), the second is still running when the process stops.
        return calls === 1 ? Promise.reject(new Error('crash')) : new Promise(() => {});
      },
    });
    const asked = (await queue(2)).run('validation', { project: 'counted' }, 'counted');
    await jobOnce('counted', (row) => row.state === 'active' && row.retry_count === 1);
    await stopping.handBack(0);

    await (await queue(2)).work({ validation: async () => 'third' });
    await expect(asked).resolves.toBe('third');
    expect((await jobOnce('counted', (row) => row.state === 'completed')).retry_count).toBe(1);
  }, 60_000);

  // handBack releases the attempt, then ends its handler: pg-boss's own fail() of the attempt follows, sent
  // by the pool of a process that is stopping, on a database that may be slow. The job used to be released
  // as a retry due a second later: a fail landing after that found another process's attempt and failed it
  // (for good on its last attempt, though that process was running it).
  it('is taken by no other process before its own process has failed the attempt, however late', async () => {
    const stopping = await queue(0);
    await stopping.work({ validation: () => new Promise(() => {}) });
    const asked = (await queue(0)).run('validation', { project: 'late' }, 'late');
    const held = await jobOnce('late', (row) => row.state === 'active');
    // What handBack does first, its handler's end (and so pg-boss's fail) delayed past the retry delay.
    const db = { executeSql: (text: string, values: unknown[]) => empty.sql.query(text, values) };
    await releaseJob(db, 'pgboss', { name: 'validation', id: held.id, retryCount: held.retry_count });
    // Still active: no process's fetch takes it (whatever the load, and however long the fail takes).
    expect((await jobOnce('late', () => true)).state).toBe('active');
    let taken = 0;
    await (await queue(0)).work({
      validation: async () => {
        taken++;
        return 'ran again';
      },
    });
    await sleep(3000); // the retry delay (1 s) and several polls (0.5 s): the other worker polled
    expect(taken).toBe(0);

    await stopping.handBack(0);
    await expect(asked).resolves.toBe('ran again');
    expect(taken).toBe(1);
    expect((await jobOnce('late', (row) => row.state === 'completed')).retry_count).toBe(0);
  }, 60_000);

  it('is released on the pg-boss version job-release.ts was written against', () => {
    const require = createRequire(import.meta.url);
    const manifest = JSON.parse(readFileSync(require.resolve('pg-boss/package.json'), 'utf8'));
    expect(manifest.version).toBe('10.4.2');
  });
});
