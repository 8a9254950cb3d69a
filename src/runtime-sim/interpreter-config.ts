// Interpreter configs: `PyInterpreterConfig` (Include/cpython/pylifecycle.h), its presets
// (`_PyInterpreterConfig_INIT`, `_PyInterpreterConfig_LEGACY_INIT`) and the checks of
// `init_interp_settings` (Python/pylifecycle.c). Rule book: "Interpreter configs".

import type { InterpreterConfigInput } from './scenario.js';

export interface InterpreterConfig {
  /** `default` and `shared` share the main interpreter's GIL; `own` gets its own (PEP 684). */
  gil: string;
  useMainObmalloc: boolean;
  checkMultiInterpExtensions: boolean;
  allowThreads: boolean;
  allowDaemonThreads: boolean;
  allowFork: boolean;
  allowExec: boolean;
}

/** `_PyInterpreterConfig_INIT`: the isolated preset. */
export const ISOLATED_CONFIG: Readonly<InterpreterConfig> = Object.freeze({
  gil: 'own',
  useMainObmalloc: false,
  checkMultiInterpExtensions: true,
  allowThreads: true,
  allowDaemonThreads: false,
  allowFork: false,
  allowExec: false,
});

/** `_PyInterpreterConfig_LEGACY_INIT`: what `Py_NewInterpreter()` uses. */
export const LEGACY_CONFIG: Readonly<InterpreterConfig> = Object.freeze({
  gil: 'shared',
  useMainObmalloc: true,
  checkMultiInterpExtensions: false,
  allowThreads: true,
  allowDaemonThreads: true,
  allowFork: true,
  allowExec: true,
});

/** The main interpreter's settings: its own GIL, the main obmalloc, no extension check, all allowed. */
export const MAIN_CONFIG: Readonly<InterpreterConfig> = Object.freeze({
  gil: 'own',
  useMainObmalloc: true,
  checkMultiInterpExtensions: false,
  allowThreads: true,
  allowDaemonThreads: true,
  allowFork: true,
  allowExec: true,
});

/** A subinterpreter's config: the preset (isolated unless said otherwise), then the given fields. */
export function resolveConfig(input: InterpreterConfigInput | undefined): InterpreterConfig {
  const base = input?.preset === 'legacy' ? LEGACY_CONFIG : ISOLATED_CONFIG;
  const out: InterpreterConfig = { ...base };
  if (!input) return out;
  if (input.gil !== undefined) out.gil = input.gil;
  if (input.useMainObmalloc !== undefined) out.useMainObmalloc = input.useMainObmalloc;
  if (input.checkMultiInterpExtensions !== undefined)
    out.checkMultiInterpExtensions = input.checkMultiInterpExtensions;
  if (input.allowThreads !== undefined) out.allowThreads = input.allowThreads;
  if (input.allowDaemonThreads !== undefined) out.allowDaemonThreads = input.allowDaemonThreads;
  if (input.allowFork !== undefined) out.allowFork = input.allowFork;
  if (input.allowExec !== undefined) out.allowExec = input.allowExec;
  return out;
}

/** PEP 684: only `own` gives the interpreter its own GIL; `default` means shared. */
export function hasOwnGil(config: InterpreterConfig): boolean {
  return config.gil === 'own';
}

export interface RuleFailure {
  exception: string;
  message: string;
  /** Catalog id the failure is about. */
  component: string;
}

/**
 * `init_interp_settings` (Python/pylifecycle.c): the enforced rules. Documented-but-unenforced
 * combinations (own GIL with the main obmalloc, shared GIL with own obmalloc, allow_threads=0 with
 * allow_daemon_threads=1) create fine, as in CPython.
 * NON-CPYTHON: CPython returns a PyStatus error; its callers raise RuntimeError (3.12's
 * `_testcapi.run_in_subinterp_with_config` says "sub-interpreter creation failed", 3.13's
 * `_PyErr_SetFromPyStatus` carries the status message). We report the status message.
 */
export function checkConfig(config: InterpreterConfig): RuleFailure | null {
  // init_interp_settings checks the obmalloc rule first and the gil value last: with both wrong,
  // CPython reports the obmalloc one.
  if (!config.useMainObmalloc && !config.checkMultiInterpExtensions) {
    return {
      exception: 'RuntimeError',
      message: 'per-interpreter obmalloc does not support single-phase init extension modules',
      component: 'obmalloc',
    };
  }
  if (config.gil !== 'default' && config.gil !== 'shared' && config.gil !== 'own') {
    return {
      exception: 'RuntimeError',
      message: "invalid interpreter config 'gil' value",
      component: 'ceval.gil',
    };
  }
  return null;
}

/** Operations an interpreter's config forbids (rule book: "Operations an interpreter's config forbids"). */
export type GuardedOperation = 'thread' | 'daemon_thread' | 'fork' | 'exec' | 'subprocess' | 'signal_handler';

export function checkOperation(
  op: GuardedOperation,
  config: InterpreterConfig,
  isMain: boolean,
): RuleFailure | null {
  switch (op) {
    case 'thread':
      // Modules/_threadmodule.c: thread_PyThread_start_new_thread checks Py_RTFLAGS_THREADS.
      return config.allowThreads
        ? null
        : {
            exception: 'RuntimeError',
            message: 'thread is not supported for isolated subinterpreters',
            component: 'interp.config',
          };
    case 'daemon_thread':
      // Lib/threading.py checks _daemon_threads_allowed() before the thread is started.
      if (!config.allowDaemonThreads) {
        return {
          exception: 'RuntimeError',
          message: 'daemon threads are disabled in this (sub)interpreter',
          component: 'interp.config',
        };
      }
      return checkOperation('thread', config, isMain);
    case 'fork':
      // Modules/posixmodule.c: os.fork() checks Py_RTFLAGS_FORK.
      return config.allowFork
        ? null
        : {
            exception: 'RuntimeError',
            message: 'fork not supported for isolated subinterpreters',
            component: 'interp.config',
          };
    case 'exec':
      return config.allowExec
        ? null
        : {
            exception: 'RuntimeError',
            message: 'exec not supported for isolated subinterpreters',
            component: 'interp.config',
          };
    case 'subprocess':
      // _posixsubprocess's fork+exec is always allowed.
      return null;
    case 'signal_handler':
      // Modules/signalmodule.c: signal.signal() only in the main thread of the main interpreter.
      return isMain
        ? null
        : {
            exception: 'ValueError',
            message: 'signal only works in main thread of the main interpreter',
            component: 'ceval.signals_pending',
          };
  }
}
