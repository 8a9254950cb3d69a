// The messages between the simulator's worker pool and its workers (discriminated unions).
import type { CheckJob } from '../domain/validation/input.js';
import type { ValidationViolation } from '../domain/validation/types.js';
import type { Scenario, SimReport } from '../runtime-sim/index.js';

/** Main thread -> worker: run these validation jobs, or one whole scenario. */
export type WorkerRequest =
  | { type: 'run'; id: number; jobs: CheckJob[] }
  | { type: 'scenario'; id: number; scenario: Scenario };

/** Worker -> main thread. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; results: ValidationViolation[][][] }
  | { type: 'report'; id: number; report: SimReport }
  | { type: 'error'; id: number; message: string };
