// The messages between the validation's worker pool and its workers (discriminated unions).
import type { CheckJob } from '../domain/validation/input.js';
import type { ValidationViolation } from '../domain/validation/types.js';

/** Main thread -> worker: run these jobs (usually one issue's checks under one layout). */
export interface RunRequest {
  type: 'run';
  id: number;
  jobs: CheckJob[];
}

/** Worker -> main thread. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; results: ValidationViolation[][][] }
  | { type: 'error'; id: number; message: string };
