// Two askers of one job (one project state's validation, one CI check) at once: the second used to queue a
// job of its own with the same singleton key, which no process could start while the first ran (pg-boss's
// singleton policy) and which, the oldest in the queue, every process tried to fetch again at each poll:
// every other job of that queue waited behind it, whatever the number of idle workers (measured: a small
// project's validation took 20.6 s behind a 22 s one, two workers idle). The second asker now waits for the
// job already queued or running, and the others are taken at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/services/jobs.js';
import { type JobQueue, openPostgresJobQueue } from '../../src/store/job-queue.js';
import { useEmptyDatabase } from './empty-database.js';
import { found } from './processes.js';

const empty = useEmptyDatabase();
const opened: JobQueue[] = [];

async function queue(): Promise<JobQueue> {
  const jobs = await openPostgresJobQueue({
    url: empty.url,
    names: JOB_NAMES,
    expireInSeconds: 60,
    pollingIntervalSeconds: 0.5,
  });
  opened.push(jobs);
  return jobs;
}

afterAll(async () => {
  await Promise.all(opened.map((jobs) => jobs.close()));
}, 60_000);

describe('a job asked for again while it is queued or running', () => {
  it('is waited for, not queued again, and holds back no other job', async () => {
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let slowRuns = 0;
    const handler = async (data: unknown) => {
      const { project } = data as { project: string };
      if (project === 'slow') {
        slowRuns++;
        await gate;
      }
      return `validated ${project}`;
    };
    // Two processes that take jobs: one runs the slow job, the other is free.
    await (await queue()).work({ validation: handler });
    await (await queue()).work({ validation: handler });
    const asker = await queue();

    const first = asker.run('validation', { project: 'slow' }, 'slow');
    await found('the slow job runs', async () => (slowRuns === 1 ? true : undefined), 30_000);
    const second = asker.run('validation', { project: 'slow' }, 'slow');
    await sleep(1000); // the second ask is sent

    // The free process takes another project's job at once.
    const other = asker.run('validation', { project: 'other' }, 'other');
    const answered = await Promise.race([other, sleep(10_000).then(() => 'held back')]);
    expect(answered).toBe('validated other');

    openGate();
    await expect(first).resolves.toBe('validated slow');
    await expect(second).resolves.toBe('validated slow');
    expect(slowRuns).toBe(1);
    const { rows } = await empty.sql.query(
      `SELECT id FROM pgboss.job WHERE singleton_key = 'slow' UNION ALL SELECT id FROM pgboss.archive WHERE singleton_key = 'slow'`,
    );
    expect(rows).toHaveLength(1);
  }, 60_000);
});
