// Admission of simulator work: who may use the simulator's CPU, in what order, and how much may wait.
//
// Two lanes. `validation` (project validations and CI checks: the project's own work) goes first and may
// use every worker; `adhoc` (POST /v1/sim/run: read-only, so open to anyone without a token) may use all
// workers but one (`workers - 1`, at least one), so that a validation never waits behind ad-hoc runs for
// a worker. Each lane's queue is bounded (ad-hoc by its estimated milliseconds of work, validations by
// count), each client has a share of it, and a queued job waits at most `maxWaitMs`: past any bound the
// work is refused at once with a problem that says when to try again (503 simulator-busy, 429
// simulator-share-exceeded), never an unbounded wait. A queued job whose client left is dropped.
//
// Cost: an ad-hoc run's cost is its estimated wall time, from the simulator's own estimate (runtime-sim's
// estimateCost: runs x executed ops of every interpreter, weighed by the number of interpreters) at the
// throughput measured on the runs so far (`observe`), plus a stress run's own time bound: stress counts
// its wall time.
import { DEFAULT_SIM_LIMITS } from '../config.js';
import { DomainError } from '../domain/errors.js';

export type SimLane = 'validation' | 'adhoc';

export interface SimAdmissionOptions {
  /** Simulator workers (the pool's size): ad-hoc runs may use all but one of them at once. */
  workers: number;
  /** Ad-hoc work queued at most, in estimated milliseconds (a lone run is queued whatever its size; default: ISOPLAN_SIM_QUEUE_MS's). */
  adhocQueueMs?: number;
  /** Ad-hoc runs one client may have running or queued (default: ISOPLAN_SIM_RUNS_PER_CLIENT's). */
  adhocPerClient?: number;
  /** Validations computing at once (default: `workers`); the rest wait in the queue. */
  validationConcurrency?: number;
  /** Validations waiting at most (default 32). */
  validationQueue?: number;
  /** Validations one client may have computing or waiting (default 8). */
  validationPerClient?: number;
  /** The longest any job waits in a queue before it is refused (default 30 s). */
  maxWaitMs?: number;
  /** Cost units (estimateCost) simulated per millisecond, assumed before any run is measured (default 4000). */
  initialUnitsPerMs?: number;
  /** Defaults to performance.now; tests pin it. */
  now?: () => number;
}

/** One piece of simulator work asking to run. */
export interface SimWork {
  lane: SimLane;
  /** Who asks (src/api/http/client-key.ts): the unit of the per-client share. */
  client: string;
  /** Estimated wall time in milliseconds (ad-hoc runs: `estimateMs(cost)`, plus a stress run's time). */
  costMs: number;
}

export interface SimLaneSnapshot {
  running: number;
  queued: number;
  queuedCostMs: number;
  concurrency: number;
}

export interface SimAdmission {
  /**
   * Runs `task` once its lane has room, in arrival order within the lane. Refuses at once with
   * SimulatorBusyError (503) when the lane's queue is full, with SimulatorShareExceededError (429) when
   * the client already has its share; rejects with SimulatorBusyError when the job waited `maxWaitMs`,
   * and with the signal's reason when `signal` aborts while the job waits (the client left).
   */
  run<T>(work: SimWork, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Estimated wall time of simulating `cost` units (estimateCost), from the throughput measured so far. */
  estimateMs(cost: number): number;
  /** A finished run's cost units and wall time: refines `estimateMs`. */
  observe(cost: number, ms: number): void;
  snapshot(): Record<SimLane, SimLaneSnapshot>;
}

/** Past the lane's bound: nothing was started; `retryAfterSeconds` says when a retry may get in. */
export class SimulatorBusyError extends DomainError {
  constructor(detail: string, retryAfterSeconds: number) {
    super({
      type: 'simulator-busy',
      title: 'Simulator busy',
      status: 503,
      detail,
      extensions: { retryAfterSeconds },
    });
  }
}

/** The client already has its share of the lane running or queued. */
export class SimulatorShareExceededError extends DomainError {
  constructor(detail: string, retryAfterSeconds: number) {
    super({
      type: 'simulator-share-exceeded',
      title: 'Too many simulator runs from this client',
      status: 429,
      detail,
      extensions: { retryAfterSeconds },
    });
  }
}

interface Waiting {
  work: SimWork;
  start: () => void;
}

interface Lane {
  concurrency: number;
  /** The most queued jobs (validations) or queued estimated milliseconds (ad-hoc). */
  fits: (lane: Lane, work: SimWork) => boolean;
  perClient: number;
  queue: Waiting[];
  queuedCostMs: number;
  /** Running jobs: their cost and when they started (what is left of them, for Retry-After). */
  running: Set<{ costMs: number; startedAt: number }>;
  clients: Map<string, number>;
}

/** How much a new measurement moves the throughput estimate. */
const THROUGHPUT_WEIGHT = 0.3;

export function createSimAdmission(options: SimAdmissionOptions): SimAdmission {
  const now = options.now ?? (() => performance.now());
  const workers = Math.max(1, options.workers);
  const adhocQueueMs = options.adhocQueueMs ?? DEFAULT_SIM_LIMITS.queueMs;
  const validationQueue = options.validationQueue ?? 32;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let unitsPerMs = options.initialUnitsPerMs ?? 4000;

  const lanes: Record<SimLane, Lane> = {
    validation: {
      concurrency: Math.max(1, options.validationConcurrency ?? workers),
      fits: (lane) => lane.queue.length < validationQueue,
      perClient: options.validationPerClient ?? 8,
      queue: [],
      queuedCostMs: 0,
      running: new Set(),
      clients: new Map(),
    },
    adhoc: {
      concurrency: Math.max(1, workers - 1),
      // A lone job is queued whatever its estimate; after it, the queue holds at most adhocQueueMs.
      fits: (lane, work) => lane.queue.length === 0 || lane.queuedCostMs + work.costMs <= adhocQueueMs,
      perClient: options.adhocPerClient ?? DEFAULT_SIM_LIMITS.runsPerClient,
      queue: [],
      queuedCostMs: 0,
      running: new Set(),
      clients: new Map(),
    },
  };

  /** Seconds until the lane has worked off what is running and queued now: a fair Retry-After. */
  function retryAfterSeconds(lane: Lane): number {
    const at = now();
    let left = lane.queuedCostMs;
    for (const job of lane.running) left += Math.max(0, job.costMs - (at - job.startedAt));
    return Math.max(1, Math.ceil(left / lane.concurrency / 1000));
  }

  function release(lane: Lane, client: string): void {
    const count = (lane.clients.get(client) ?? 1) - 1;
    if (count <= 0) lane.clients.delete(client);
    else lane.clients.set(client, count);
  }

  function pump(lane: Lane): void {
    while (lane.running.size < lane.concurrency && lane.queue.length > 0) {
      const next = lane.queue.shift() as Waiting;
      lane.queuedCostMs -= next.work.costMs;
      next.start();
    }
  }

  return {
    run<T>(work: SimWork, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const lane = lanes[work.lane];
      const mine = lane.clients.get(work.client) ?? 0;
      if (mine >= lane.perClient) {
        return Promise.reject(
          new SimulatorShareExceededError(
            `this client already has ${mine} simulator ${work.lane === 'adhoc' ? 'runs' : 'validations'} running or queued (at most ${lane.perClient}); try again when one has finished`,
            retryAfterSeconds(lane),
          ),
        );
      }
      const runsNow = lane.running.size < lane.concurrency && lane.queue.length === 0;
      if (!runsNow && !lane.fits(lane, work)) {
        return Promise.reject(
          new SimulatorBusyError(
            work.lane === 'adhoc'
              ? `the simulator's queue of ad-hoc runs is full (about ${Math.round(lane.queuedCostMs)} ms of work waiting, at most ${adhocQueueMs} ms); nothing was run`
              : `${lane.queue.length} validations are waiting for the simulator (at most ${validationQueue}); nothing was run`,
            retryAfterSeconds(lane),
          ),
        );
      }
      lane.clients.set(work.client, mine + 1);

      return new Promise<T>((resolve, reject) => {
        let settled = false;
        let timer: NodeJS.Timeout | undefined;
        /** Leaves the queue, refused with `reason`, unless already running (its answer then goes nowhere). */
        const leave = (reason: unknown) => {
          const at = lane.queue.indexOf(waiting);
          if (at < 0) return;
          lane.queue.splice(at, 1);
          lane.queuedCostMs -= work.costMs;
          done();
          reject(reason);
        };
        const onAbort = () => leave(signal?.reason);
        const done = () => {
          if (settled) return;
          settled = true;
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          release(lane, work.client);
        };
        const waiting: Waiting = {
          work,
          start: () => {
            if (timer !== undefined) clearTimeout(timer);
            const job = { costMs: work.costMs, startedAt: now() };
            lane.running.add(job);
            let result: Promise<T>;
            try {
              result = task();
            } catch (error) {
              result = Promise.reject(error);
            }
            result
              .finally(() => {
                lane.running.delete(job);
                done();
                pump(lane);
              })
              .then(resolve, reject);
          },
        };
        if (signal?.aborted) {
          done();
          reject(signal.reason);
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        if (runsNow) {
          waiting.start();
          return;
        }
        lane.queue.push(waiting);
        lane.queuedCostMs += work.costMs;
        timer = setTimeout(
          () =>
            leave(
              new SimulatorBusyError(
                `the work waited ${maxWaitMs} ms for the simulator without starting; nothing was run`,
                retryAfterSeconds(lane),
              ),
            ),
          maxWaitMs,
        );
        timer.unref();
      });
    },

    estimateMs(cost) {
      return cost / unitsPerMs;
    },

    observe(cost, ms) {
      if (!(cost > 0 && ms > 0)) return;
      unitsPerMs = (1 - THROUGHPUT_WEIGHT) * unitsPerMs + THROUGHPUT_WEIGHT * (cost / ms);
    },

    snapshot() {
      const of = (lane: Lane): SimLaneSnapshot => ({
        running: lane.running.size,
        queued: lane.queue.length,
        queuedCostMs: Math.round(lane.queuedCostMs),
        concurrency: lane.concurrency,
      });
      return { validation: of(lanes.validation), adhoc: of(lanes.adhoc) };
    },
  };
}
