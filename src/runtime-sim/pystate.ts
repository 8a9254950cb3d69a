// The interpreters of a scenario (Python/pystate.c, `PyInterpreterState`; created by
// `Py_NewInterpreterFromConfig` in Python/pylifecycle.c): each one's config, whether creating it
// succeeded, the GIL it holds (PEP 684) and the obmalloc state it allocates from (gh-101660).

import { type CreationApi, creationFailure, DEFAULT_CREATION_API } from './creation-api.js';
import {
  hasOwnGil,
  type InterpreterConfig,
  MAIN_CONFIG,
  type RuleFailure,
  resolveConfig,
} from './interpreter-config.js';
import { type Layout, placementOf, resolveLayout } from './layout.js';
import { rulesOf, type Scenario } from './scenario.js';

/** What a `PyInterpreterState` is made of, here: its config, its GIL and its allocator. */
export interface InterpreterState {
  id: number;
  name: string;
  isMain: boolean;
  config: InterpreterConfig;
  /** What created it (subinterpreters; the runtime creates the main interpreter). */
  createdBy: CreationApi | null;
  /** False when `Py_NewInterpreterFromConfig` refused the config. */
  created: boolean;
  /** The interpreter (id) whose GIL it holds: its own, or the main interpreter's (PEP 684). */
  gil: number;
  /** The interpreter (id) whose obmalloc state it allocates from (gh-101660). */
  allocator: number;
}

/** Every interpreter of a scenario, as arrays by interpreter id (0 = the main interpreter). */
export interface Interpreters {
  n: number;
  names: string[];
  configs: InterpreterConfig[];
  createdBy: (CreationApi | null)[];
  /** What refused each one (as its creation API reports it), or null when it was created. */
  configFailures: (RuleFailure | null)[];
  gilOf: Int32Array;
  /** By GIL (interpreter id): 1 when more than one created interpreter holds it. */
  gilShared: Uint8Array;
  allocatorOf: Int32Array;
  /** By allocator (interpreter id): 1 when more than one created interpreter allocates from it. */
  allocatorShared: Uint8Array;
  states: InterpreterState[];
}

/** Creates the scenario's interpreters under `layout` (whose `obmalloc` placement decides allocators). */
export function createInterpreters(scenario: Scenario, layout: Layout): Interpreters {
  const n = scenario.interpreters.length;
  const names = scenario.interpreters.map((i) => i.name);
  const configs = scenario.interpreters.map((spec, i) =>
    i === 0 ? { ...MAIN_CONFIG } : resolveConfig(spec.config),
  );
  const createdBy = scenario.interpreters.map((spec, i) =>
    i === 0 ? null : (spec.createdBy ?? DEFAULT_CREATION_API),
  );
  const python = rulesOf(scenario);
  const configFailures = configs.map((c, i) => (i === 0 ? null : creationFailure(createdBy[i]!, c, python)));

  // NON-CPYTHON: which GIL an interpreter holds follows its config, not the layout's `ceval.gil`:
  // the simulator asks what breaks once interpreters have their own GILs (PEP 684).
  const gilOf = new Int32Array(n);
  const allocatorOf = new Int32Array(n);
  const gilUsers = new Int32Array(n);
  const allocUsers = new Int32Array(n);
  const perInterpObmalloc = placementOf(layout, 'obmalloc') === 'per-interpreter';
  for (let i = 0; i < n; i++) {
    if (configFailures[i]) continue;
    gilOf[i] = i === 0 || hasOwnGil(configs[i]!) ? i : 0;
    // gh-101660: an interpreter created with use_main_obmalloc=0 has its own obmalloc state.
    allocatorOf[i] = i !== 0 && perInterpObmalloc && !configs[i]!.useMainObmalloc ? i : 0;
    gilUsers[gilOf[i]!]!++;
    allocUsers[allocatorOf[i]!]!++;
  }
  return {
    n,
    names,
    configs,
    createdBy,
    configFailures,
    gilOf,
    gilShared: Uint8Array.from(gilUsers, (u) => (u > 1 ? 1 : 0)),
    allocatorOf,
    allocatorShared: Uint8Array.from(allocUsers, (u) => (u > 1 ? 1 : 0)),
    states: names.map((name, i) => ({
      id: i,
      name,
      isMain: i === 0,
      config: configs[i]!,
      createdBy: createdBy[i]!,
      created: !configFailures[i],
      gil: gilOf[i]!,
      allocator: allocatorOf[i]!,
    })),
  };
}

/** Each interpreter's resolved config, GIL and allocator under the scenario's layout (no run). */
export function interpreterStates(scenario: Scenario): InterpreterState[] {
  return createInterpreters(scenario, resolveLayout(scenario, [])).states;
}
