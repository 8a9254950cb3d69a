// Named, reusable programs ("checks" attach them to issues). Each exercises a few catalog components
// (derived from its program by the op table); run concurrently in every interpreter of a setting, each
// is clean once its components have CPython 3.12+'s placements and shows violations on 3.8's (shared)
// placements under own GILs.

import { getComponent } from './catalog.js';
import { type Op, programComponents, SINGLETON_NAMES } from './ops.js';
import type { Placement } from './placement.js';
import type { ExtensionSpec, InterpreterConfigInput, Scenario } from './scenario.js';

export interface Workload {
  name: string;
  description: string;
  program: Op[];
  /** Catalog ids it exercises (`exercisedComponents` of its program), in the order it first touches them. */
  components: string[];
}

function workload(name: string, description: string, program: Op[]): Workload {
  return { name, description, program, components: [...exercisedComponents(program)] };
}

/**
 * The catalog components a program exercises, found statically by the op table (a `workload` op is
 * expanded): the component matrix's "checks exercising this component". Takes any value (a stored
 * program may be anything) and never throws.
 */
export function exercisedComponents(program: readonly unknown[]): Set<string> {
  return new Set(programComponents(program, (name) => getWorkload(name)?.program));
}

const ITERATIONS = 100;
const loop = (body: Op[], times = ITERATIONS): Op => ({ op: 'repeat', times, body });

function churn(type: 'tuple' | 'list' | 'dict' | 'float' | 'frame'): Workload {
  return workload(
    `${type}-churn`,
    `Allocates and frees ${type}s in a loop, through the ${type} free list (and the allocator when it is empty).`,
    [
      loop([
        { op: 'alloc', type, as: 'o' },
        { op: 'free', ref: 'o' },
      ]),
    ],
  );
}

/** `import-extension:<module>`: imports a module and calls into it. */
export function importExtensionWorkload(module: string): Workload {
  return workload(
    `import-extension:${module}`,
    `Imports the extension module ${module} and calls into it (its static globals or its module state).`,
    [{ op: 'import', module }, loop([{ op: 'call', module }], 20)],
  );
}

/** `touch:<component>`: reads and writes one catalog component (e.g. a C global of globals-to-fix.tsv). */
export function touchWorkload(component: string): Workload {
  return workload(
    `touch:${component}`,
    `Touches ${component} (reads and writes its state; uses its object if it holds one).`,
    [loop([{ op: 'touch', component, access: 'write' }], 20)],
  );
}

export const workloads: Workload[] = [
  churn('tuple'),
  churn('list'),
  churn('dict'),
  churn('float'),
  churn('frame'),
  // Strings no CPython allocates statically (3.13's `_Py_ID(spam)` would be one): the interned dict's own.
  workload('intern-strings', 'Interns the same strings in a loop (PyUnicode_InternInPlace) and drops them.', [
    loop([
      { op: 'intern', value: 'parrot', as: 's' },
      { op: 'decref', ref: 's' },
      { op: 'intern', value: 'eggs' },
    ]),
  ]),
  workload('latin1-chars', 'Uses one-character latin-1 strings (the unicode_latin1 cache).', [
    loop([
      { op: 'char', value: 'a' },
      { op: 'char', value: 'é' },
    ]),
  ]),
  workload(
    'singletons',
    'Uses None, True, False, Ellipsis, NotImplemented and the empty tuple, bytes and str.',
    [loop(SINGLETON_NAMES.map((name): Op => ({ op: 'singleton', name })))],
  ),
  workload('small-ints', 'Uses small ints from the cache (-5..256).', [
    loop([
      { op: 'small_int', value: 0 },
      { op: 'small_int', value: 5 },
      { op: 'small_int', value: 256 },
      { op: 'small_int', value: -5 },
    ]),
  ]),
  workload('signals', 'Trips and checks pending signals through the eval breaker.', [
    loop([{ op: 'signal' }]),
  ]),
  workload('gil-drop-request', 'Sets and reads the GIL drop request, as a thread waiting for the GIL does.', [
    loop([{ op: 'gil_drop_request' }]),
  ]),
  workload('pending-calls', 'Queues pending calls (Py_AddPendingCall) and runs the queued ones.', [
    loop([{ op: 'pending_call' }]),
  ]),
  workload('gc', 'Runs the cyclic garbage collector.', [loop([{ op: 'gc' }])]),
  workload('warnings', 'Emits warnings (filters read, once registry written).', [loop([{ op: 'warn' }])]),
  workload('import-state', 'Imports a module repeatedly (import lock, sys.modules).', [
    loop([{ op: 'import', module: 'math' }], 20),
  ]),
  workload('allocator', 'Allocates and frees plain objects straight through obmalloc (no free list).', [
    loop([
      { op: 'alloc', type: 'object', as: 'o' },
      { op: 'free', ref: 'o' },
    ]),
  ]),
  { ...importExtensionWorkload('_decimal'), name: 'import-extension' },
  importExtensionWorkload('_decimal'),
  importExtensionWorkload('_datetime'),
  importExtensionWorkload('_elementtree'),
  importExtensionWorkload('_ctypes'),
  importExtensionWorkload('_lsprof'),
  importExtensionWorkload('pyexpat'),
];

const byName = new Map(workloads.map((w) => [w.name, w]));

/** A named workload; `import-extension:<module>` and `touch:<component>` are built for any catalog id. */
export function getWorkload(name: string): Workload | undefined {
  const found = byName.get(name);
  if (found) return found;
  if (name.startsWith('import-extension:')) {
    const module = name.slice('import-extension:'.length);
    return getComponent(`ext:${module}`) ? importExtensionWorkload(module) : undefined;
  }
  if (name.startsWith('touch:')) {
    const id = name.slice('touch:'.length);
    return getComponent(id) ? touchWorkload(id) : undefined;
  }
  return undefined;
}

export interface SettingInterpreter {
  name: string;
  config?: Partial<InterpreterConfigInput>;
}

/** Where checks run: interpreters (the first is the main interpreter) and their configs. */
export interface Setting {
  interpreters: SettingInterpreter[];
}

/** The main interpreter plus two isolated subinterpreters, each with its own GIL and obmalloc (PEP 684). */
export const DEFAULT_SETTING: Setting = {
  interpreters: [
    { name: 'main' },
    { name: 'sub1', config: { preset: 'isolated' } },
    { name: 'sub2', config: { preset: 'isolated' } },
  ],
};

export interface CheckInput {
  program: Op[];
  layout?: Record<string, Placement | 'multi-phase' | 'single-phase'>;
  setting?: Setting;
  extensions?: ExtensionSpec[];
  seed?: number;
  runs?: number;
  python?: Scenario['python'];
  name?: string;
}

/** The scenario that runs `program` concurrently in every interpreter of the setting. */
export function scenarioForCheck(input: CheckInput): Scenario {
  const setting = input.setting ?? DEFAULT_SETTING;
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    seed: input.seed ?? 1,
    runs: input.runs ?? 10,
    ...(input.python !== undefined ? { python: input.python } : {}),
    layout: { ...(input.layout ?? {}) },
    extensions: input.extensions ?? [],
    interpreters: setting.interpreters.map((interp, i) => ({
      name: interp.name,
      ...(i > 0 ? { config: { preset: 'isolated' as const, ...(interp.config ?? {}) } } : {}),
      program: input.program,
    })),
  };
}
