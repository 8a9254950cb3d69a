// The end of an attempt of a job that waits for the database (src/store/job-database.ts) is recorded on that
// attempt alone: were the job to expire and start again in this same process meanwhile, the newer attempt is
// another one, whose own end is then recorded on it.
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { openJobDatabase } from '../../src/store/job-database.js';
import { openPostgresJobQueue } from '../../src/store/job-queue.js';
import { useEmptyDatabase } from './empty-database.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { found } from './processes.js';

const empty = useEmptyDatabase();
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  completeJobs(schema: string): string;
};
let proxy: FaultProxy | undefined;
afterAll(async () => {
  await proxy?.close();
});

describe('the end of an attempt that waits for the database', () => {
  it('is not recorded on a newer attempt of the job this process started meanwhile', async () => {
    // pg-boss's schema and the validation queue, as a replica makes them.
    await (await openPostgresJobQueue({ url: empty.url, names: ['validation'] })).close();
    const started = async () =>
      (
        await empty.sql.query<{ id: string; started_on: Date }>(
          `INSERT INTO pgboss.job (name, data, state, started_on) VALUES ('validation', '{}', 'active', now())
           RETURNING id, started_on`,
        )
      ).rows[0]!;
    const first = await started();
    proxy = await startFaultProxy(empty.url);
    const errors: unknown[] = [];
    const db = openJobDatabase(
      { connectionString: proxy.url, connectionTimeoutMillis: 2000 },
      'pgboss',
      60,
      (error) => errors.push(error),
    );
    db.hold({ name: 'validation', id: first.id, startedOn: first.started_on });

    await proxy.cut();
    const firstEnd = db.executeSql(plans.completeJobs('pgboss'), ['validation', [first.id], { attempt: 1 }]);
    await found('the first try failed', async () => (errors.length > 0 ? true : undefined), 10_000);
    // Meanwhile the job expired and this process started it again (pg-boss's maintenance and fetch).
    const { rows } = await empty.sql.query<{ started_on: Date }>(
      `UPDATE pgboss.job SET started_on = now() + interval '1 second' WHERE id = $1 RETURNING started_on`,
      [first.id],
    );
    db.hold({ name: 'validation', id: first.id, startedOn: rows[0]!.started_on });
    await proxy.restore();
    await firstEnd;

    const job = async () =>
      (await empty.sql.query('SELECT state::text, output FROM pgboss.job WHERE id = $1', [first.id])).rows[0];
    expect(await job()).toEqual({ state: 'active', output: null });
    await db.executeSql(plans.completeJobs('pgboss'), ['validation', [first.id], { attempt: 2 }]);
    expect(await job()).toEqual({ state: 'completed', output: { attempt: 2 } });
    await db.close(0);
  }, 60_000);
});
