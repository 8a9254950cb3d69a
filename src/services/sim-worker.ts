// A simulator worker: runs validation checks or whole scenarios for the pool (sim-worker-pool.ts), one
// message at a time.
import { parentPort } from 'node:worker_threads';
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
    default:
      return assertNever(message);
  }
}

port.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = answer(message);
  } catch (error) {
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
