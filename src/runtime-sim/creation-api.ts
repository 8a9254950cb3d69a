// The APIs that create a subinterpreter, and what each reports when CPython refuses the config
// (measured: test/fixtures/cpython-observed/config.json). All of them end in
// `Py_NewInterpreterFromConfig` (Python/pylifecycle.c), whose refusal is a `PyStatus`
// (interpreter-config.ts, `checkConfig`); the callers above it differ:
//   c-api          `Py_NewInterpreterFromConfig` itself: the `PyStatus`, no exception.
//   testcapi       3.12 `_testcapi.run_in_subinterp_with_config` (Modules/_testcapimodule.c):
//                  RuntimeError('sub-interpreter creation failed') raised during
//                  `_PyErr_SetFromPyStatus`'s ValueError('<func>: <err_msg>').
//                  3.13 `_testinternalcapi.run_in_subinterp_with_config`: the config object is
//                  converted first (Python/crossinterp.c, `_PyInterpreterConfig_InitFromDict`: a bad
//                  gil string is a ValueError naming it), then InterpreterError('sub-interpreter
//                  creation failed') raised during RuntimeError('<func>: <err_msg>').
//   interpreters   3.12 `_xxsubinterpreters.create(isolated=...)`: a preset only, never refused.
//                  3.13 `_interpreters.create(config)` (Modules/_interpretersmodule.c): the same
//                  conversion, then InterpreterError('interpreter creation failed') raised during
//                  the 3.13 testcapi chain.

import {
  type ConfigRefusal,
  checkConfig,
  type InterpreterConfig,
  isGilValue,
  type RaisedException,
  type RuleFailure,
} from './interpreter-config.js';
import { strRepr } from './object-repr.js';
import type { PythonVersion } from './scenario.js';

export const CREATION_APIS = ['c-api', 'testcapi', 'interpreters'] as const;
export type CreationApi = (typeof CREATION_APIS)[number];

/** What a subinterpreter is created by when the scenario does not say: the C API. */
export const DEFAULT_CREATION_API: CreationApi = 'c-api';

/** `_PyErr_SetFromPyStatus`: 3.12 raises ValueError, 3.13 RuntimeError, with '<func>: <err_msg>'. */
function fromStatus(refusal: ConfigRefusal, python: PythonVersion): RaisedException {
  return {
    exception: python === '3.12' ? 'ValueError' : 'RuntimeError',
    message: `${refusal.status.func}: ${refusal.status.message}`,
  };
}

/**
 * What creating a subinterpreter with `config` through `api` reports under CPython `python`, or null
 * when it is created.
 */
export function creationFailure(
  api: CreationApi,
  config: InterpreterConfig,
  python: PythonVersion,
): RuleFailure | null {
  // 3.13's config conversion refuses a gil string it does not know before anything is created.
  if (python === '3.13' && api !== 'c-api' && !isGilValue(config.gil)) {
    return {
      exception: 'ValueError',
      message: `unsupported interpreter config .gil value ${strRepr(config.gil, python)}`,
      component: 'ceval.gil',
    };
  }
  const refusal = checkConfig(config, python);
  if (!refusal) return null;
  const { component, status } = refusal;
  switch (api) {
    case 'c-api':
      return { message: status.message, status, component };
    case 'testcapi':
      return {
        exception: python === '3.12' ? 'RuntimeError' : 'InterpreterError',
        message: 'sub-interpreter creation failed',
        cause: fromStatus(refusal, python),
        component,
      };
    case 'interpreters':
      return {
        exception: 'InterpreterError',
        message: 'interpreter creation failed',
        cause: {
          exception: 'InterpreterError',
          message: 'sub-interpreter creation failed',
          cause: fromStatus(refusal, python),
        },
        component,
      };
  }
}
