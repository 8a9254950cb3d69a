// The job queue of a command: PostgreSQL's (pg-boss) when DATABASE_URL is PostgreSQL, else none (the
// services then run jobs in this process).
import type { Config } from '../config.js';
import { JOB_NAMES } from '../services/jobs.js';
import type { Database } from '../store/database.js';
import { type JobQueue, openPostgresJobQueue } from '../store/job-queue.js';
import { openingDatabase } from './database.js';

export async function openJobQueue(
  config: Pick<Config, 'databaseUrl' | 'databasePath' | 'jobExpireSeconds'>,
  database: Pick<Database, 'kind'>,
  onError: (error: unknown) => void,
): Promise<JobQueue | undefined> {
  if (database.kind !== 'postgresql') return undefined;
  return openingDatabase(config, () =>
    openPostgresJobQueue({
      url: config.databaseUrl,
      names: JOB_NAMES,
      expireInSeconds: config.jobExpireSeconds,
      onError,
    }),
  );
}
