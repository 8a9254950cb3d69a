// A validation worker: runs simulator checks for the pool (sim-worker-pool.ts), one message at a time.
import { parentPort } from 'node:worker_threads';
import { runJobs } from '../domain/validation/run-check.js';
import type { RunRequest, WorkerReply } from './sim-worker-messages.js';

const port = parentPort;
if (port === null) throw new Error('sim-worker.ts runs as a worker thread only');

port.on('message', (message: RunRequest) => {
  let reply: WorkerReply;
  try {
    reply = { type: 'result', id: message.id, results: runJobs(message.jobs) };
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
