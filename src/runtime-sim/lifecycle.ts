// An interpreter's lifecycle from Python code: `destroy` and `run` (3.12 Modules/
// _xxsubinterpretersmodule.c, interp_destroy and interp_run_string; 3.13 Modules/_interpretersmodule.c,
// interp_destroy and interp_exec). An interpreter's id is its position in the scenario (the main
// interpreter is 0). Measured: test/fixtures/cpython-observed/lifecycle.json.
// NON-CPYTHON: CPython counts an interpreter as running while some thread executes in it; a scenario
// does not say which threads run where, so the main interpreter (running the scenario) and the
// interpreter that asks are running, and every other interpreter is idle between its ops.

import type { RuleFailure } from './interpreter-config.js';
import type { PythonVersion } from './scenario.js';

/** What `destroy` or `run` needs to know of the interpreters. */
export interface LifecycleView {
  /** By interpreter id: 1 once destroyed. */
  destroyed: Uint8Array;
  /** By interpreter id: why it was never created, or null. */
  configFailures: readonly (RuleFailure | null)[];
}

/** 3.12 raises RuntimeError for all of these; 3.13 InterpreterError, or InterpreterNotFoundError. */
function failure(python: PythonVersion, message: string, notFound = false): RuleFailure {
  return {
    exception:
      python === '3.12' ? 'RuntimeError' : notFound ? 'InterpreterNotFoundError' : 'InterpreterError',
    message,
    component: 'interpreters',
  };
}

/**
 * Why interpreter `current` cannot `destroy` interpreter `target`, or run code in it (`run`); null when
 * it can (then a destroyed interpreter is gone).
 */
export function lifecycleFailure(
  action: 'destroy' | 'run',
  target: number,
  current: number,
  view: LifecycleView,
  python: PythonVersion,
): RuleFailure | null {
  if (view.destroyed[target] || view.configFailures[target]) {
    return failure(python, `unrecognized interpreter ID ${target}`, true);
  }
  const running = target === current || target === 0;
  if (action === 'run') return running ? failure(python, 'interpreter already running') : null;
  if (target === current) return failure(python, 'cannot destroy the current interpreter');
  return running ? failure(python, 'interpreter running') : null;
}
