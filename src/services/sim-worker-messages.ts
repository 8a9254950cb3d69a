// The messages between the simulator's worker pool and its workers (discriminated unions).
import type { DomainErrorInit } from '../domain/errors.js';
import type { Forecast, ForecastJob } from '../domain/forecast/types.js';
import type { CheckJob } from '../domain/validation/input.js';
import type { ValidationViolation } from '../domain/validation/types.js';
import type { Scenario, SimReport } from '../runtime-sim/index.js';

/** Main thread -> worker: run these validation jobs, one whole scenario, or one forecast. */
export type WorkerRequest =
  | { type: 'run'; id: number; jobs: CheckJob[] }
  | { type: 'scenario'; id: number; scenario: Scenario }
  | { type: 'forecast'; id: number; job: ForecastJob };

/** Worker -> main thread. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; results: ValidationViolation[][][] }
  | { type: 'report'; id: number; report: SimReport }
  | { type: 'forecast'; id: number; forecast: Forecast }
  /** The job's input was refused (a DomainError, e.g. an unknown target): the caller's problem, not a crash. */
  | { type: 'refused'; id: number; problem: DomainErrorInit }
  | { type: 'error'; id: number; message: string };
