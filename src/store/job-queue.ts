// Long work (validations, CI checks, GitHub syncs) as jobs. With SQLite, a job runs in the process that
// asks for it (the simulator's worker-thread pool does the heavy part). With PostgreSQL, on a queue in
// the database (pg-boss 10): any replica, or a dedicated `isoplan worker`, takes it; a worker that dies
// in the middle does not finish it, so the job expires after `expireInSeconds` and runs again; and two
// jobs with one singleton key (a validation's fingerprint) never run at the same time (the queue's
// `singleton` policy: at most one active job per key).
//
// A job's outcome is a value: what its handler answered, or the domain error it refused with (an unknown
// project, invalid claims), which the asking side throws again. Only a crash (an exception that is no
// DomainError, a database the worker cannot reach, or a dead worker) fails the attempt, and the queue
// retries it.
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { DomainError, type DomainErrorInit } from '../domain/errors.js';
import { DatabaseBusyError, DEFAULT_BUSY_TIMEOUT_MS } from './database-busy.js';
import { DatabaseUnavailableError } from './database-unavailable.js';
import { isPostgresBusy, isPostgresUnavailable, poolConfig } from './engines/postgresql.js';
import { openJobDatabase } from './job-database.js';
import { enqueueOnce } from './job-enqueue.js';
import { releaseJob } from './job-release.js';
import { DEFAULT_JOB_EXPIRE_SECONDS, DEFAULT_JOB_RETRY_LIMIT, jobWaitMs } from './job-wait.js';
import { countWorkers, holdWorkerPresence, type WorkerPresence } from './worker-presence.js';

export type JobHandler = (data: unknown) => Promise<unknown>;

export interface JobQueueStatus {
  kind: 'in-process' | 'postgresql';
  ready: boolean;
  /** Why it is not ready. */
  detail?: string;
  /** PostgreSQL: how many processes take jobs now (worker-presence.ts); unset when the queue does not answer. */
  workers?: number;
}

export interface JobQueue {
  readonly kind: JobQueueStatus['kind'];
  /** Runs job `name` on `data` (here, or on whichever worker takes it) and answers its handler's value. */
  run(name: string, data: unknown, singletonKey: string): Promise<unknown>;
  /** The handlers of this process: it runs the jobs of these names (in-process: the only way to run). */
  work(handlers: Record<string, JobHandler>): Promise<void>;
  status(): Promise<JobQueueStatus>;
  /**
   * Stops taking jobs at once; the jobs this process runs get `withinMs` to finish, then each one still
   * running is handed back: put back in the queue without spending one of its attempts (job-release.ts), so
   * that it runs again after its retry delay (1 s) on whichever process takes jobs, not after its expiry.
   * This process's worker presence is given up. Answers once that is recorded in the database; later calls
   * answer the first one's promise.
   */
  handBack(withinMs: number): Promise<void>;
  /** Hands the running jobs back (within 5 s, as handBack) unless done already, then closes the queue. */
  close(): Promise<void>;
}

/** How long a stopping process lets the jobs in hand finish before it hands them back (`isoplan worker`). */
export const HAND_BACK_WITHIN_MS = 5000;

/**
 * No process has taken jobs for `graceMs`: the job stays queued (a worker that starts later runs it, and a
 * validation asked for again is then answered from its stored run), but the caller is not kept waiting.
 */
export class NoWorkerError extends DomainError {
  constructor(name: string, graceMs: number) {
    super({
      type: 'no-worker',
      title: 'No worker',
      status: 503,
      detail:
        `no process has taken jobs for ${Math.round(graceMs / 1000)} s: the ${name} job waits in the queue. ` +
        'Start `isoplan worker` (or a replica without ISOPLAN_JOBS=enqueue), then ask again',
      extensions: { retryAfterSeconds: 30 },
    });
  }
}

/** The queue could not run a job: its attempts all crashed, or no worker took it in time. */
export class JobFailedError extends DomainError {
  constructor(name: string, detail: string) {
    super({
      type: 'job-failed',
      title: 'Job failed',
      status: 503,
      detail: `the ${name} job did not complete: ${detail}`,
      extensions: { retryAfterSeconds: 5 },
    });
  }
}

type Outcome = { value: unknown } | { refused: DomainErrorInit };

async function outcomeOf(handler: JobHandler, data: unknown): Promise<Outcome> {
  try {
    return { value: await handler(data) };
  } catch (error) {
    // The worker's database out of reach fails this attempt, not the job: the queue runs it again.
    if (!(error instanceof DomainError) || error instanceof DatabaseUnavailableError) throw error;
    const { type, title, status, detail, extensions } = error;
    return { refused: { type, title, status, detail, extensions } };
  }
}

function settle(outcome: Outcome): unknown {
  if ('refused' in outcome) throw new DomainError(outcome.refused);
  return outcome.value;
}

export function createInProcessJobQueue(): JobQueue {
  const handlers = new Map<string, JobHandler>();
  return {
    kind: 'in-process',
    async run(name, data) {
      const handler = handlers.get(name);
      if (handler === undefined) throw new Error(`no handler for job ${name}`);
      return handler(data);
    },
    async work(given) {
      for (const [name, handler] of Object.entries(given)) handlers.set(name, handler);
    },
    async status() {
      return { kind: 'in-process', ready: true };
    },
    // In-process, a job is the request that asked for it: it ends with the request.
    async handBack() {},
    async close() {},
  };
}

export interface PostgresJobQueueOptions {
  url: string;
  /** Job names (queues) to create. */
  names: readonly string[];
  /** A job still active this long after it started (its worker died) runs again. Default 120. */
  expireInSeconds?: number;
  /** How often expired jobs are looked for (pg-boss's maintenance); default min(60, expire / 2). */
  maintenanceIntervalSeconds?: number;
  /** Attempts after the first. Default 2. */
  retryLimit?: number;
  /** How often an idle worker looks for jobs, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * How long run() waits for a job's result through a database it cannot reach (a restart takes seconds)
   * before it gives up with DatabaseUnavailableError (503). Default 30 s.
   */
  unreachableGraceMs?: number;
  /**
   * How long run() waits for a job while no process takes jobs at all (worker-presence.ts) before it gives
   * up with NoWorkerError (503): a worker starting meanwhile (a rolling restart) is waited for. Default 30 s.
   */
  noWorkerGraceMs?: number;
  onError?: (error: unknown) => void;
}

const SCHEMA = 'pgboss';
const HANDED_BACK = 'handed back: the process that ran it is stopping';

/** pg-boss 10 on the database at `url`: its own schema (`pgboss`), created and migrated by pg-boss. */
export async function openPostgresJobQueue(options: PostgresJobQueueOptions): Promise<JobQueue> {
  const expireInSeconds = options.expireInSeconds ?? DEFAULT_JOB_EXPIRE_SECONDS;
  const unreachableGraceMs = options.unreachableGraceMs ?? 30_000;
  const noWorkerGraceMs = options.noWorkerGraceMs ?? 30_000;
  // Our own connection for pg-boss (job-database.ts): pg-boss 10 does not await the end of a job's attempt,
  // and its rejection, the database out of reach, ended the process.
  const db = openJobDatabase(
    {
      // The bounds of every connection of ours (connectionConfig), without which pg-boss's start and its
      // workers' fetches waited for a database that stopped answering forever.
      ...poolConfig({ url: options.url, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS }, 4),
      application_name: 'isoplan-jobs',
    },
    SCHEMA,
    expireInSeconds,
    (error) => options.onError?.(error),
  );
  const boss = new PgBoss({
    db,
    schema: SCHEMA,
    supervise: true,
    maintenanceIntervalSeconds:
      options.maintenanceIntervalSeconds ?? Math.max(1, Math.min(60, Math.floor(expireInSeconds / 2))),
    // Isoplan reads a job's outcome once, just after it completes.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => options.onError?.(error));
  try {
    await boss.start();
  } catch (error) {
    await db.close(0);
    throw error;
  }
  const attempts = {
    expireInSeconds,
    retryLimit: options.retryLimit ?? DEFAULT_JOB_RETRY_LIMIT,
    retryDelay: 1,
  };
  for (const name of options.names) {
    await boss.createQueue(name, { name, policy: 'singleton', ...attempts });
  }
  let closed = false;
  /** Held while this process works jobs: then it never waits for another to. */
  let presence: WorkerPresence | undefined;
  /** The jobs this process runs now, by id: how to hand each back. */
  const running = new Map<string, { name: string; retryCount: number; handBack(): void }>();
  let handingBack: Promise<void> | undefined;

  function handBack(withinMs: number): Promise<void> {
    handingBack ??= (async () => {
      await Promise.all(options.names.map((name) => boss.offWork(name)));
      const deadline = Date.now() + withinMs;
      while (running.size > 0 && Date.now() < deadline) await sleep(50);
      // Its attempt uncounted (job-release.ts), then its handler ended: pg-boss's own fail of the attempt
      // puts the job back in the queue.
      for (const [id, job] of running) {
        await releaseJob(db, SCHEMA, { name: job.name, id, retryCount: job.retryCount }).catch(
          (error: unknown) => options.onError?.(error),
        );
        job.handBack();
      }
      await presence?.stop();
      presence = undefined;
    })();
    return handingBack;
  }

  return {
    kind: 'postgresql',

    async run(name, data, singletonKey) {
      let id: string | null;
      try {
        // The job carries this process's expiry and retries: pg-boss creates a queue once and keeps the
        // settings of whoever created it, so ISOPLAN_JOB_EXPIRE_SECONDS changed later would go unheard.
        id = await enqueueOnce(db, SCHEMA, name, singletonKey, (tx) =>
          boss.send(name, data as object, { singletonKey, ...attempts, db: tx }),
        );
      } catch (error) {
        if (isPostgresUnavailable(error)) throw new DatabaseUnavailableError(error);
        if (isPostgresBusy(error)) throw new DatabaseBusyError('another request queues the same job');
        throw error;
      }
      if (id === null) throw new JobFailedError(name, 'the queue refused it');
      const deadline = Date.now() + jobWaitMs(expireInSeconds, attempts.retryLimit);
      /** Since when the database has not answered a poll (0: it answered the last one). */
      let unreachableSince = 0;
      /** When a process that takes jobs was last seen (one look a second), and when to look again. */
      let workerSeen = Date.now();
      let nextLook = 0;
      for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
        let job: Awaited<ReturnType<typeof boss.getJobById<unknown>>> | undefined;
        try {
          job = await boss.getJobById<unknown>(name, id, { includeArchive: true });
          unreachableSince = 0;
        } catch (error) {
          // The job is safe in the database, and a worker runs it whenever it can: a database restarting
          // under this wait delays the answer, it does not lose it. An outage longer than the grace is a
          // 503 rather than a request held open until the deadline.
          if (!isPostgresUnavailable(error)) throw error;
          unreachableSince ||= Date.now();
          if (Date.now() - unreachableSince > unreachableGraceMs) throw new DatabaseUnavailableError(error);
        }
        if (job?.state === 'completed') return settle(job.output as Outcome);
        if (job?.state === 'failed' || job?.state === 'cancelled') {
          const message = (job.output as { message?: unknown } | null)?.message;
          throw new JobFailedError(name, typeof message === 'string' ? message : job.state);
        }
        if (presence === undefined && Date.now() >= nextLook) {
          nextLook = Date.now() + 1000;
          // A look the database does not answer is no news: the outage's own grace above decides.
          const workers = await countWorkers(db).catch(() => undefined);
          if (workers !== 0) workerSeen = Date.now();
          else if (Date.now() - workerSeen > noWorkerGraceMs) throw new NoWorkerError(name, noWorkerGraceMs);
        }
        if (Date.now() > deadline || closed) throw new JobFailedError(name, 'no worker completed it in time');
        await sleep(wait);
      }
    },

    async work(handlers) {
      presence ??= holdWorkerPresence(options.url, (error) => options.onError?.(error));
      for (const [name, handler] of Object.entries(handlers)) {
        await boss.work(
          name,
          {
            batchSize: 1,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
            includeMetadata: true,
          },
          async ([job]) => {
            const { id, retryCount, startedOn } = job!;
            db.hold({ name, id, startedOn });
            // Handed back, the job's attempt ends here (pg-boss fails it: back in the queue, uncounted); what
            // the handler still does in this process is left to end with it.
            const handedBack = new Promise<never>((_, reject) => {
              running.set(id, { name, retryCount, handBack: () => reject(new Error(HANDED_BACK)) });
            });
            try {
              return await Promise.race([outcomeOf(handler, job!.data), handedBack]);
            } finally {
              running.delete(id);
            }
          },
        );
      }
    },

    handBack,

    async status() {
      try {
        const [, workers] = await Promise.all([boss.getQueueSize(options.names[0] ?? ''), countWorkers(db)]);
        return { kind: 'postgresql', ready: true, workers };
      } catch (error) {
        return {
          kind: 'postgresql',
          ready: false,
          detail: `the job queue does not answer: ${(error as Error).message}`,
        };
      }
    },

    async close() {
      closed = true;
      await handBack(HAND_BACK_WITHIN_MS);
      await boss.stop({ graceful: true, timeout: 1000, wait: true });
      // The end of an attempt still waiting for the database gets as long as a job in hand did.
      await db.close(HAND_BACK_WITHIN_MS);
    },
  };
}
