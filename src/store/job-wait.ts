// How long a request waits for a queued job's result (src/store/job-queue.ts, run) at most: long enough for
// every attempt to expire once more than it is allowed to, and 30 s more. Past it the service answers a
// 503 (`job-failed`); the CLI's --server client waits this long and a margin (src/cli/backend/api-client.ts)
// before it gives up on an answer. Its own file: the CLI reads it without loading pg-boss.

/** A job still active this long after it started (its worker died) runs again (ISOPLAN_JOB_EXPIRE_SECONDS). */
export const DEFAULT_JOB_EXPIRE_SECONDS = 120;
/** Attempts after the first. */
export const DEFAULT_JOB_RETRY_LIMIT = 2;

/** The longest a request waits for a job, in ms: 8 min 30 s with the defaults. */
export function jobWaitMs(
  expireInSeconds: number = DEFAULT_JOB_EXPIRE_SECONDS,
  retryLimit: number = DEFAULT_JOB_RETRY_LIMIT,
): number {
  return (expireInSeconds * (retryLimit + 2) + 30) * 1000;
}
