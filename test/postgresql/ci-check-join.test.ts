// A CI check asked for again while its job runs waits for that job (src/store/job-enqueue.ts) only when the
// project is as it was when that job was asked for: the job reads the project when it runs, so a project
// changed since is checked anew, as it is with SQLite (where each request computes its own check).
import { describe, expect, it } from 'vitest';
import { found, json, slowCheck, slowProject, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();

describe('a CI check asked for again while its job runs', () => {
  it('is computed anew on the project as it is now when the project changed meanwhile', async () => {
    const replica = await on.start('serve', { ISOPLAN_JOBS: 'enqueue' });
    // Slow enough to be still running when the project changes and the check is asked for again.
    const project = await slowProject(replica.url, 'joined', 8);
    await on.start('worker');
    const ask = () =>
      json(`${project}/checks`, { method: 'POST', body: JSON.stringify({ sha: 'abcdef1', done: [] }) });
    const first = ask();
    await on.activeJob('ci-check');
    // The job has read the project once the validation before the change is stored; it then evaluates
    // the change (seconds more).
    await found(
      'the job stores the validation before the change',
      async () => ((await on.sql.query('SELECT 1 FROM "ValidationRun"')).rowCount ? true : undefined),
      60_000,
    );
    const added = await json(`${project}/issues`, {
      method: 'POST',
      body: JSON.stringify({
        key: 'added-meanwhile',
        title: 'added while the check ran',
        checks: [slowCheck(1)],
      }),
    });
    expect(added.status).toBe(201);
    const { rows } = await on.sql.query<{ state: string }>(
      `SELECT state::text FROM pgboss.job WHERE name = 'ci-check'`,
    );
    expect(rows, 'the first check still runs').toEqual([{ state: 'active' }]);
    const second = await ask();

    expect((await first).status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe((await first).body.id);
    expect(second.body.report.basis.after.fingerprint).not.toBe(
      (await first).body.report.basis.after.fingerprint,
    );
  }, 180_000);
});
