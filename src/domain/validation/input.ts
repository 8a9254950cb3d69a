// What validation takes: the project's issues, edges and goal as plain data, the setting the checks run
// in, and the runner that executes simulator checks (injected: in process, or on worker threads).
import type { Setting } from '../../runtime-sim/index.js';
import type { Check, Claim, DependencyEdge, IssueStatus } from '../model.js';
import type { ValidationViolation } from './types.js';

export interface ValidationIssueInput {
  key: string;
  status: IssueStatus;
  claims: Claim[];
  checks: Check[];
}

export interface ValidationInput {
  issues: ValidationIssueInput[];
  /** Blocked-by edges between keys of `issues` (a DAG, as the store keeps it). */
  edges: DependencyEdge[];
  /** The project's goal: checks that must hold once every issue is done. */
  goal: Check[];
  /** Where checks run; defaults to the simulator's DEFAULT_SETTING. */
  setting?: Setting;
}

/** Placement overrides of the catalog's starting (CPython 3.8) placements: `component -> placement`. */
export type Layout = Record<string, string>;

/** A check resolved to its program (a workload check carries its workload's program). */
export interface SimCheck {
  name: string;
  program: unknown[];
}

/** One message's worth of work: an issue's checks under one layout. */
export interface CheckJob {
  layout: Layout;
  checks: SimCheck[];
  setting: Setting;
}

/** Runs jobs; answers, per job and per check, the violations found (empty: clean). */
export interface CheckRunner {
  run(jobs: readonly CheckJob[]): Promise<ValidationViolation[][][]>;
}
