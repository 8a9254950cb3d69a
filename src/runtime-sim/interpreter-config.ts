// Interpreter configs: `PyInterpreterConfig` (Include/cpython/pylifecycle.h), its presets
// (`_PyInterpreterConfig_INIT`, `_PyInterpreterConfig_LEGACY_INIT`) and the checks of
// `init_interp_settings` (Python/pylifecycle.c). Rule book: "Interpreter configs".

import type { InterpreterConfigInput, PythonVersion } from './scenario.js';

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

/** A `PyStatus` error (Include/cpython/initconfig.h): the C function that failed and its `err_msg`. */
export interface PyStatus {
  func: string;
  message: string;
}

/** A Python exception as CPython chains them: `cause` is the exception it was raised during. */
export interface RaisedException {
  exception: string;
  message: string;
  cause?: RaisedException;
}

/** What CPython refuses, as the caller sees it: an exception (with its chain), or a bare `PyStatus`. */
export interface RuleFailure {
  /** The exception's type; absent when the caller gets a `PyStatus` (the C API). */
  exception?: string;
  message: string;
  /** The exception it was raised during (`__context__`: C code chains implicitly). */
  cause?: RaisedException;
  status?: PyStatus;
  /** Catalog id the failure is about. */
  component: string;
}

/** Why `Py_NewInterpreterFromConfig` refuses a config: its `PyStatus`, and the component at fault. */
export interface ConfigRefusal {
  status: PyStatus;
  component: string;
}

/**
 * `init_interp_settings` (Python/pylifecycle.c): the enforced rules, as the `PyStatus` they return.
 * Documented-but-unenforced combinations (own GIL with the main obmalloc, shared GIL with own obmalloc,
 * allow_threads=0 with allow_daemon_threads=1) create fine, as in CPython. The obmalloc rule is checked
 * first: with both wrong, CPython reports it. 3.12 checks the gil value later, in
 * `init_interp_create_gil`; 3.13 in `init_interp_settings` (measured: the status's `func`).
 */
export function checkConfig(config: InterpreterConfig, python: PythonVersion = '3.13'): ConfigRefusal | null {
  if (!config.useMainObmalloc && !config.checkMultiInterpExtensions) {
    return {
      status: {
        func: 'init_interp_settings',
        message: 'per-interpreter obmalloc does not support single-phase init extension modules',
      },
      component: 'obmalloc',
    };
  }
  if (!isGilValue(config.gil)) {
    return {
      status: {
        func: python === '3.12' ? 'init_interp_create_gil' : 'init_interp_settings',
        message: "invalid interpreter config 'gil' value",
      },
      component: 'ceval.gil',
    };
  }
  return null;
}

/** `PyInterpreterConfig.gil`'s values: default (= shared), shared, own. */
export function isGilValue(gil: string): boolean {
  return gil === 'default' || gil === 'shared' || gil === 'own';
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
