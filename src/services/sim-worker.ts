// A simulator worker: runs validation checks, whole scenarios or forecasts for the pool
// (sim-worker-pool.ts), one message at a time. A DomainError (input the domain refuses) travels back as
// its parts, so that the caller throws the same problem as an in-process run would.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../domain/errors.js';
import { runForecastJob } from '../domain/forecast/compute-forecast.js';
import { runJobs } from '../domain/validation/run-check.js';
import { assertNever, runScenario } from '../runtime-sim/index.js';
import type { WorkerReply, WorkerRequest } from './sim-worker-messages.js';

const port = parentPort;
if (port === null) throw new Error('sim-worker.ts runs as a worker thread only');

function answer(message: WorkerRequest): WorkerReply {
  switch (message.type) {
    case 'run':
      return { type: 'result', id: message.id, results: runJobs(message.jobs) };
    case 'scenario':
      return { type: 'report', id: message.id, report: runScenario(message.scenario) };
    case 'forecast':
      return { type: 'forecast', id: message.id, forecast: runForecastJob(message.job) };
    default:
      return assertNever(message);
  }
}

port.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = answer(message);
  } catch (error) {
    if (error instanceof DomainError) {
      const { type, title, status, detail, extensions } = error;
      reply = { type: 'refused', id: message.id, problem: { type, title, status, detail, extensions } };
    } else
      reply = {
        type: 'error',
        id: message.id,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
  }
  port.postMessage(reply);
});

// Loaded (the simulator's catalog included): the pool may count this worker as warm.
port.postMessage({ type: 'ready' } satisfies WorkerReply);
