// A small pool of worker threads that run the simulator off the main thread: validation's independent
// checks in parallel, whole scenarios too large to run on the event loop (POST /v1/sim/run), and the
// forecast's Monte Carlo (src/domain/forecast, about a second for a large project).
// Started lazily on the first batch, kept alive, closed by its owner (`Services.close`, src/services/services.ts). Each message
// is one job (an issue's checks under one layout; a job of more than `maxChecksPerMessage` checks, such
// as a goal, is split): coarse enough that the ~35 µs round trip is noise next to the simulator's
// milliseconds; workers take the next message as soon as they answer (no idle core while another has a
// long queue). Three lanes: validation's checks are dispatched first, then forecasts (a project's read),
// then ad-hoc scenarios (how many of those may run at once is the admission's business:
// src/services/sim-admission.ts). A worker that dies (a
// crash, an exit, a termination) is replaced; the message it was working on is run once more on
// another worker, and fails with a `simulator-crashed` problem if that one dies too.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, domainErrorFrom } from '../domain/errors.js';
import type { Forecast, ForecastJob } from '../domain/forecast/types.js';
import type { CheckJob, CheckRunner } from '../domain/validation/input.js';
import type { ValidationViolation } from '../domain/validation/types.js';
import type { Scenario, SimReport } from '../runtime-sim/index.js';
import type { WorkerReply, WorkerRequest } from './sim-worker-messages.js';

export interface SimWorkerPool extends CheckRunner {
  readonly size: number;
  /** Messages waiting for a free worker (the queue depth). */
  readonly queued: number;
  /** Messages on a worker now. */
  readonly busy: number;
  /** Runs one scenario on a worker: the same report as runScenario (stats.durationMs aside). */
  runScenario(scenario: Scenario): Promise<SimReport>;
  /**
   * Runs one forecast on a worker: the same forecast as runForecastJob; the same DomainError (rebuilt
   * from its parts) when the domain refuses the job.
   */
  runForecast(job: ForecastJob): Promise<Forecast>;
  /** Starts the workers now (else the first batch does); resolves when each has loaded the simulator. */
  warm(): Promise<void>;
  /** Terminates the workers; batches in flight reject. */
  close(): Promise<void>;
  /** What the pool is doing (workers, busy slots, crashes): for diagnostics and tests. */
  stats(): SimWorkerPoolStats;
}

export interface SimWorkerPoolStats {
  workers: number;
  busy: number;
  queued: { validation: number; forecast: number; adhoc: number };
  /** Workers that died while loaded or working, since the pool started (each was replaced). */
  crashes: number;
}

const MAX_START_FAILURES = 3;

/**
 * The pool cannot take work (closed, or its workers cannot start): validation may run its checks itself
 * (check-runners.ts); anything else answers a 503 `simulator-unavailable`.
 */
export class SimWorkerPoolUnavailableError extends DomainError {
  constructor(detail: string) {
    super({
      type: 'simulator-unavailable',
      title: 'Simulator unavailable',
      status: 503,
      detail,
      extensions: { retryAfterSeconds: 5 },
    });
  }
}

/** A message's work crashed the worker it ran on, and the one it was given to next. */
export class SimulatorCrashedError extends DomainError {
  constructor(cause: string) {
    super({
      type: 'simulator-crashed',
      title: 'Simulator crashed',
      status: 503,
      detail: `the simulator worker running this work died twice (${cause}); the workers were replaced, nothing was stored`,
    });
  }
}

/** How many workers a message may be given to before it fails (a crash is retried once). */
const MAX_ATTEMPTS = 2;

/** One message's work and its continuation; `resolve` receives what the worker's reply carries. */
type Task = { reject: (error: Error) => void; attempts: number; startedAt?: number } & (
  | { kind: 'checks'; job: CheckJob; resolve: (result: ValidationViolation[][]) => void }
  | { kind: 'scenario'; scenario: Scenario; resolve: (report: SimReport) => void }
  | { kind: 'forecast'; job: ForecastJob; resolve: (forecast: Forecast) => void }
);

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | null;
}

/**
 * The worker's entry. From compiled JavaScript it is sim-worker.js next to this file. From TypeScript
 * (tsx, vitest) a worker cannot load .ts by itself: a small bootstrap registers tsx in the worker first.
 */
export function spawnSimWorker(): Worker {
  const self = import.meta.url;
  if (self.endsWith('.js')) return new Worker(new URL('./sim-worker.js', self));
  const require = createRequire(self);
  // tsx's ESM API as a file (its `tsx/esm/api` export resolves to CommonJS under require).
  const tsxApi = pathToFileURL(
    require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs'),
  ).href;
  const entry = new URL('./sim-worker.ts', self).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

export interface SimWorkerPoolOptions {
  /** Workers (default: the cores available, at least 2 so that one can be kept for validations). */
  size?: number;
  maxChecksPerMessage?: number;
  /** Starts one worker (default spawnSimWorker); tests wrap it to reach the workers. */
  spawn?: () => Worker;
  /** Told how long each answered message took on its worker, by kind (the service's metrics). */
  onTaskDone?: (kind: Task['kind'], seconds: number) => void;
}

export function createSimWorkerPool(options: SimWorkerPoolOptions = {}): SimWorkerPool {
  const size = Math.max(1, options.size ?? Math.max(2, availableParallelism()));
  const maxChecksPerMessage = Math.max(1, options.maxChecksPerMessage ?? 4);
  const spawn = options.spawn ?? spawnSimWorker;
  const slots: Slot[] = [];
  /** Validation's checks first, then forecasts, then ad-hoc scenarios. */
  const lanes: Record<Task['kind'], Task[]> = { checks: [], forecast: [], scenario: [] };
  const queued = () => lanes.checks.length + lanes.forecast.length + lanes.scenario.length;
  const take = () => lanes.checks.shift() ?? lanes.forecast.shift() ?? lanes.scenario.shift();
  let crashes = 0;
  const inFlight = new Map<number, Task>();
  let nextId = 1;
  let closed = false;
  /** Workers that died before loading, in a row: past MAX_START_FAILURES the pool stops respawning. */
  let startFailures = 0;
  let broken: SimWorkerPoolUnavailableError | null = null;

  function start(): void {
    while (slots.length < size) slots.push(startSlot());
  }

  function startSlot(): Slot {
    const worker = spawn();
    worker.unref(); // an idle pool never keeps the process alive; a busy worker is ref'd (dispatch)
    const slot: Slot = { worker, ready: Promise.resolve(), task: null };
    let loaded = false;
    let ready = () => {};
    slot.ready = new Promise((resolve) => {
      ready = resolve;
    });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        loaded = true;
        startFailures = 0;
        ready();
        return;
      }
      const task = inFlight.get(reply.id);
      inFlight.delete(reply.id);
      slot.task = null;
      worker.unref();
      if (task) {
        if (task.startedAt !== undefined)
          options.onTaskDone?.(task.kind, (performance.now() - task.startedAt) / 1000);
        settle(task, reply);
      }
      dispatch();
    });
    const fail = (error: Error) => {
      // The worker is gone: replace it, run its task once more (or fail it), carry on with the queue.
      const task = slot.task;
      slot.task = null;
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      for (const [id, t] of inFlight) if (t === task) inFlight.delete(id);
      ready();
      if (loaded) crashes++;
      if (task) {
        // A worker that never loaded did not fail because of the task: it does not count as an attempt.
        if (loaded) task.attempts++;
        if (closed) task.reject(new Error('the simulator worker pool was closed'));
        else if (task.attempts >= MAX_ATTEMPTS) task.reject(new SimulatorCrashedError(error.message));
        else lanes[task.kind].unshift(task);
      }
      if (!loaded && ++startFailures >= MAX_START_FAILURES) {
        // Workers cannot start here (a missing file, a loader problem): fail fast instead of respawning.
        broken = new SimWorkerPoolUnavailableError(`simulator workers cannot start: ${error.message}`);
        for (const lane of Object.values(lanes))
          for (const queuedTask of lane.splice(0)) queuedTask.reject(broken);
        return;
      }
      if (!closed) {
        start();
        dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slots.includes(slot)) fail(new Error(`simulator worker exited with code ${code}`));
    });
    return slot;
  }

  function settle(task: Task, reply: Exclude<WorkerReply, { type: 'ready' }>): void {
    if (reply.type === 'error') task.reject(new Error(`simulator worker failed: ${reply.message}`));
    else if (reply.type === 'refused') task.reject(domainErrorFrom(reply.problem));
    else if (task.kind === 'checks' && reply.type === 'result') task.resolve(reply.results[0]!);
    else if (task.kind === 'scenario' && reply.type === 'report') task.resolve(reply.report);
    else if (task.kind === 'forecast' && reply.type === 'forecast') task.resolve(reply.forecast);
    else task.reject(new Error(`simulator worker answered '${reply.type}' to a ${task.kind} task`));
  }

  function unavailable(): SimWorkerPoolUnavailableError | null {
    if (closed) return new SimWorkerPoolUnavailableError('the simulator worker pool is closed');
    return broken;
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queued() === 0) return;
      if (slot.task !== null) continue;
      const task = take()!;
      const id = nextId++;
      slot.task = task;
      task.startedAt = performance.now();
      slot.worker.ref();
      inFlight.set(id, task);
      slot.worker.postMessage(requestOf(task, id));
    }
  }

  /** Queues one message's task (the pool started if need be); its answer, or why the pool cannot take it. */
  function submit<T>(
    task: (resolve: (value: T) => void, reject: (error: Error) => void) => Task,
  ): Promise<T> {
    const error = unavailable();
    if (error) return Promise.reject(error);
    start();
    const answer = new Promise<T>((resolve, reject) => {
      const queuedTask = task(resolve, reject);
      lanes[queuedTask.kind].push(queuedTask);
    });
    dispatch();
    return answer;
  }

  return {
    size,
    get queued() {
      return queued();
    },
    get busy() {
      return inFlight.size;
    },
    async warm() {
      const error = unavailable();
      if (error) throw error;
      start();
      await Promise.all(slots.map((s) => s.ready));
    },
    runScenario(scenario: Scenario) {
      return submit<SimReport>((resolve, reject) => ({
        kind: 'scenario',
        scenario,
        resolve,
        reject,
        attempts: 0,
      }));
    },
    runForecast(job: ForecastJob) {
      return submit<Forecast>((resolve, reject) => ({ kind: 'forecast', job, resolve, reject, attempts: 0 }));
    },
    run(jobs: readonly CheckJob[]) {
      const error = unavailable();
      if (error) return Promise.reject(error);
      start();
      const results = jobs.map((job) => {
        // A job with many checks (a goal, a meta issue) is split so that one worker does not get them all.
        const parts: Promise<ValidationViolation[][]>[] = [];
        for (let at = 0; at < job.checks.length || at === 0; at += maxChecksPerMessage) {
          const part = { ...job, checks: job.checks.slice(at, at + maxChecksPerMessage) };
          parts.push(
            new Promise<ValidationViolation[][]>((resolve, reject) => {
              lanes.checks.push({ kind: 'checks', job: part, resolve, reject, attempts: 0 });
            }),
          );
        }
        return Promise.all(parts).then((answers) => answers.flat());
      });
      dispatch();
      return Promise.all(results);
    },
    async close() {
      closed = true;
      const error = new Error('the simulator worker pool was closed');
      for (const lane of Object.values(lanes)) for (const task of lane.splice(0)) task.reject(error);
      for (const task of inFlight.values()) task.reject(error);
      inFlight.clear();
      const workers = slots.splice(0).map((s) => s.worker);
      await Promise.all(workers.map((w) => w.terminate()));
    },
    stats() {
      return {
        workers: slots.length,
        busy: slots.filter((s) => s.task !== null).length,
        queued: {
          validation: lanes.checks.length,
          forecast: lanes.forecast.length,
          adhoc: lanes.scenario.length,
        },
        crashes,
      };
    },
  };
}

function requestOf(task: Task, id: number): WorkerRequest {
  switch (task.kind) {
    case 'checks':
      return { type: 'run', id, jobs: [task.job] };
    case 'scenario':
      return { type: 'scenario', id, scenario: task.scenario };
    case 'forecast':
      return { type: 'forecast', id, job: task.job };
  }
}
