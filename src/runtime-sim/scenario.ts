// The scenario: a layout, extension modules and interpreters running programs. JSON in, checked by
// a zod 4 schema plus a semantic pass that lists every problem (never throws on bad input).

import { z } from 'zod';
import { getComponent } from './catalog.js';
import { CREATION_APIS } from './creation-api.js';
import { placementProblems } from './layout.js';
import { NESTED_TOO_DEEP, pathNestedTooDeep } from './nesting.js';
import {
  ALLOC_TYPES,
  interpName,
  MAX_INT_DIGITS,
  MAX_LONG_NAME_LENGTH,
  MAX_NAME_LENGTH,
  MAX_STRING_VALUE,
  moduleName,
  OP_NAMES,
  type Op,
  OpSchema,
} from './ops.js';
import { LAYOUT_PLACEMENTS } from './placement.js';
import { getWorkload } from './workloads.js';

export const PYTHON_VERSIONS = ['3.12', '3.13'] as const;
export type PythonVersion = (typeof PYTHON_VERSIONS)[number];

/**
 * The rules (shareable types, creation APIs, messages) of a scenario that names no version: the
 * newest measured, 3.13's. Its placements are CPython 3.8's, where bpo-40512 starts (layout.ts).
 */
export const BASELINE_RULES: PythonVersion = '3.13';

/** The CPython version whose rules a scenario runs under. */
export function rulesOf(scenario: { python?: PythonVersion | undefined }): PythonVersion {
  return scenario.python ?? BASELINE_RULES;
}

/** `Py_mod_multiple_interpreters` slot values (Include/moduleobject.h). */
export const MULTIPLE_INTERPRETERS_SLOTS = [
  'not-supported',
  'supported',
  'per-interpreter-gil-supported',
] as const;
export type MultipleInterpretersSlot = (typeof MULTIPLE_INTERPRETERS_SLOTS)[number];

/** `PyInterpreterConfig` (Include/cpython/pylifecycle.h), camel-cased; fields override the preset. */
export const InterpreterConfigInputSchema = z.strictObject({
  preset: z.enum(['isolated', 'legacy']).default('isolated'),
  // Any string is accepted so that CPython's own "invalid interpreter config 'gil' value" can be reported.
  gil: z.union([z.enum(['default', 'shared', 'own']), z.string().max(MAX_NAME_LENGTH)]).optional(),
  useMainObmalloc: z.boolean().optional(),
  checkMultiInterpExtensions: z.boolean().optional(),
  allowThreads: z.boolean().optional(),
  allowDaemonThreads: z.boolean().optional(),
  allowFork: z.boolean().optional(),
  allowExec: z.boolean().optional(),
});

export const InterpreterSchema = z.strictObject({
  name: interpName,
  config: InterpreterConfigInputSchema.optional(),
  createdBy: z
    .enum(CREATION_APIS)
    .optional()
    .describe(
      "what creates the subinterpreter (default c-api: Py_NewInterpreterFromConfig's PyStatus); testcapi: _testcapi / _testinternalcapi.run_in_subinterp_with_config; interpreters: _xxsubinterpreters.create (3.12, presets only) / _interpreters.create (3.13)",
    ),
  program: z.array(OpSchema),
});

export const ExtensionSchema = z.strictObject({
  name: moduleName,
  init: z.enum(['single-phase', 'multi-phase']),
  multipleInterpreters: z
    .union([z.enum(MULTIPLE_INTERPRETERS_SLOTS), z.array(z.enum(MULTIPLE_INTERPRETERS_SLOTS))])
    .nullable()
    .default(null)
    .describe('the Py_mod_multiple_interpreters slot; an array lists every slot the module defines'),
  globals: z.array(z.string().max(MAX_LONG_NAME_LENGTH)).max(256).default([]),
});

export const ScenarioSchema = z.strictObject({
  name: z.string().max(200).optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  runs: z.number().int().min(1).max(10_000).default(10),
  python: z
    .enum(PYTHON_VERSIONS)
    .optional()
    .describe(
      "the CPython version whose reality fills what the scenario leaves open (placements, stdlib modules, rules, messages); omitted: the planning baseline, CPython 3.8's placements under 3.13's rules",
    ),
  layout: z.record(z.string(), z.enum(LAYOUT_PLACEMENTS)).default({}),
  extensions: z.array(ExtensionSchema).default([]),
  interpreters: z.array(InterpreterSchema).min(1).max(64),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type InterpreterSpec = Scenario['interpreters'][number];
export type ExtensionSpec = Scenario['extensions'][number];
export type InterpreterConfigInput = z.output<typeof InterpreterConfigInputSchema>;

/** A problem of a scenario: where (`interpreters[1].program[0].ref`) and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** At most this many op nodes (after inlining workloads) in a scenario: op ids fit in 16 bits. */
export const MAX_OP_NODES = 60_000;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Extension module names known to the scenario: its own `extensions[]` and the catalog's `ext:` ones. */
function moduleKnown(name: string, defined: ReadonlySet<string>): boolean {
  return defined.has(name) || getComponent(`ext:${name}`) !== undefined;
}

/**
 * Checks a scenario and lists every problem: zod's shape errors and the semantic ones (unknown component
 * in the layout, unknown op, ref used before it is bound, unknown interpreter, unknown module or
 * workload). Never throws.
 */
export function parseScenario(input: unknown): ParseResult {
  // zod's lazy schema and the walkers below recurse: refuse deep nesting before any of them runs.
  const deep = pathNestedTooDeep(input);
  if (deep !== null) return { ok: false, problems: [{ path: deep, message: NESTED_TOO_DEEP }] };
  const problems: ScenarioProblem[] = [];
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // layoutProblems says it better for a layout entry's value.
      if (issue.path[0] === 'layout' && issue.path.length === 2) continue;
      const path = formatPath(issue.path);
      if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator === 'op') {
        const value = valueAt(input, issue.path);
        problems.push({
          path,
          message: `unknown op ${JSON.stringify(value)} (expected one of ${OP_NAMES.join(', ')})`,
        });
      } else if (issue.code === 'unrecognized_keys') {
        // A misspelt field would otherwise be dropped and the scenario run without it.
        for (const key of issue.keys) {
          problems.push({ path: formatPath([...issue.path, key]), message: `unknown field '${key}'` });
        }
      } else problems.push({ path, message: issue.message });
    }
  }
  try {
    semanticProblems(input, problems);
  } catch (error) {
    // NON-CPYTHON: a defensive net; the walker below guards every access, so this is a simulator bug.
    problems.push({ path: '', message: `internal error while checking the scenario: ${String(error)}` });
  }
  if (parsed.success && problems.length === 0) {
    const steps = estimateSteps(parsed.data);
    const cost = estimateCost(parsed.data);
    const n = parsed.data.interpreters.length;
    if (cost > MAX_SIMULATED_COST) {
      problems.push({
        path: 'runs',
        message: `the scenario would simulate about ${steps} steps (runs x ops, loops unrolled) costing about ${Math.ceil(cost)} with ${n} interpreter${n === 1 ? '' : 's'} (a step costs more the more interpreters there are); at most ${MAX_SIMULATED_COST}: lower runs or repeat counts, or use fewer interpreters`,
      });
    }
    // Memory: each object of a run is a location the race detector tracks per interpreter.
    const tracked = (steps / parsed.data.runs) * n;
    if (cost <= MAX_SIMULATED_COST && tracked > MAX_TRACKED_PER_RUN) {
      problems.push({
        path: 'interpreters',
        message: `one run could create about ${steps / parsed.data.runs} objects, each tracked for ${n} interpreters (${tracked}); at most ${MAX_TRACKED_PER_RUN}: spread the work over more runs with smaller repeat counts, or use fewer interpreters`,
      });
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupeProblems(problems) };
  return { ok: true, scenario: parsed.data };
}

/**
 * The most a scenario may cost (`estimateCost`): about two seconds of CPU on these machines (2 cores,
 * shared) whatever the steps, so that no accepted scenario runs longer than a couple of seconds
 * (`npm run bench -- sim-budget` runs the costliest accepted ones). A unit is about one plain step of one
 * interpreter alone (a `gc`, a `touch`, a cached object taken: 60-120 ns of CPU here).
 */
export const MAX_SIMULATED_COST = 12_000_000;

/**
 * How much more a step costs per interpreter beyond the first: the race detector's vector clocks have
 * one entry per interpreter, and every GIL hand-over, lock, atomic, send and receive joins them (O(n)).
 * Measured (CPU time per step, object churn and locked pending calls): 1 interpreter ~1x, 16 ~2x,
 * 64 ~5x.
 */
export const INTERPRETER_COST = 1 / 16;

/**
 * What one execution of an op costs, in plain steps, where it is more than one (measured with
 * bench/sim-budget.ts): an allocation or a free goes through a free list or obmalloc and the race
 * detector's new location; a send builds the receiver's copy and orders it (a lock's clocks), a receive
 * makes it; a pending call allocates a callable and drains the queue under its lock.
 */
const OP_COST: Partial<Record<Op['op'], number>> = {
  alloc: 2,
  free: 2,
  send: 5,
  send_raw: 5,
  recv: 5,
  pending_call: 4,
};

/**
 * The most (objects x interpreters) one run may need: the race detector keeps a read epoch and an op per
 * interpreter for every object of the run (8 bytes each), so this bounds its memory near 256 MB (twice
 * that while its arrays grow). Without it one run of 20M allocations in 8 interpreters took 3.6 GB.
 */
export const MAX_TRACKED_PER_RUN = 2 ** 25;

/**
 * Steps one pass of `program` executes (loops unrolled, workloads inlined). `moduleCost` weighs an
 * import or call by the module's static globals, each of which it touches; an alloc counts its items;
 * with `weighted`, each op counts what it costs (`OP_COST`).
 */
export function programSteps(
  program: readonly Op[],
  depth = 0,
  moduleCost: (module: string) => number = () => 1,
  weighted = false,
): number {
  let steps = 0;
  for (const op of program) {
    if (op.op === 'repeat') steps += op.times * programSteps(op.body, depth, moduleCost, weighted);
    else if (op.op === 'workload')
      steps +=
        depth < 4 ? programSteps(getWorkload(op.name)?.program ?? [], depth + 1, moduleCost, weighted) : 0;
    else if (op.op === 'import' || op.op === 'call') steps += moduleCost(op.module);
    else if (op.op === 'alloc') steps += (weighted ? OP_COST.alloc! : 1) + (op.items?.length ?? 0);
    else steps += weighted ? (OP_COST[op.op] ?? 1) : 1;
  }
  return steps;
}

function moduleCostOf(scenario: Scenario): (module: string) => number {
  const globals = new Map(scenario.extensions.map((e) => [e.name, e.globals.length]));
  return (module: string) => Math.max(1, globals.get(module) ?? 1);
}

/**
 * Upper bound of the work `runScenario` will do, in steps (recv may block and end a run early); an
 * import or call of a module with k static globals counts k steps.
 */
export function estimateSteps(scenario: Scenario): number {
  const moduleCost = moduleCostOf(scenario);
  return (
    scenario.runs * scenario.interpreters.reduce((sum, i) => sum + programSteps(i.program, 0, moduleCost), 0)
  );
}

/**
 * What `runScenario` will cost, in units of one plain step of one interpreter alone: the steps, each
 * weighed by what its op costs (`OP_COST`), times `1 + INTERPRETER_COST` per interpreter beyond the first.
 */
export function estimateCost(scenario: Scenario): number {
  const moduleCost = moduleCostOf(scenario);
  const steps = scenario.interpreters.reduce(
    (sum, i) => sum + programSteps(i.program, 0, moduleCost, true),
    0,
  );
  return scenario.runs * steps * (1 + INTERPRETER_COST * (scenario.interpreters.length - 1));
}

function dedupeProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

/**
 * Problems of a layout (or of claims applied as one): `placementProblems` of each entry, at
 * `layout.<id>`. `modules` are extension modules a scenario defines itself.
 */
export function layoutProblems(
  layout: Record<string, unknown>,
  modules: ReadonlySet<string> = new Set(),
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const [id, value] of Object.entries(layout)) {
    for (const p of placementProblems(id, value, modules))
      problems.push({ path: `layout.${id}`, message: p.message });
  }
  return problems;
}

/** A name as a problem message quotes it: cut short past a name's length (a message stays small). */
function quoted(value: string): string {
  const limit = MAX_LONG_NAME_LENGTH;
  return `'${value.length > limit ? `${value.slice(0, limit)}…` : value}'`;
}

const DECIMAL = /^-?[0-9]+$/;

/**
 * An alloc's `value` must suit its type, only frames and async generators have a `code` name, and only
 * tuples have `items`.
 */
function allocValueProblems(node: Record<string, unknown>, at: string, problems: ScenarioProblem[]): void {
  const { type, value } = node;
  if (typeof type !== 'string' || !(ALLOC_TYPES as readonly string[]).includes(type)) return;
  if (node.code !== undefined && type !== 'frame' && type !== 'async_gen') {
    problems.push({ path: `${at}.code`, message: 'code names a frame or an async_gen only' });
  }
  if (node.items !== undefined && type !== 'tuple') {
    problems.push({ path: `${at}.items`, message: 'items applies to a tuple only' });
  }
  if (value === undefined) return;
  if (type === 'int') {
    if (typeof value === 'string' && !DECIMAL.test(value)) {
      problems.push({ path: `${at}.value`, message: "an int's value is an integer or its decimal digits" });
    } else if (typeof value === 'string' && value.replace('-', '').length > MAX_INT_DIGITS) {
      problems.push({
        path: `${at}.value`,
        message: `at most ${MAX_INT_DIGITS} digits (CPython's int max str digits)`,
      });
    } else if (typeof value === 'number' && !Number.isInteger(value)) {
      problems.push({ path: `${at}.value`, message: "an int's value is an integer or its decimal digits" });
    } else if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      problems.push({
        path: `${at}.value`,
        message: 'beyond ±(2^53 - 1) a JSON number is not exact: give the digits as a string',
      });
    }
  } else if (type === 'str' || type === 'bytes') {
    if (typeof value !== 'string') {
      problems.push({ path: `${at}.value`, message: `a ${type}'s value is a string` });
    } else if ([...value].length > MAX_STRING_VALUE) {
      // Characters as CPython's len() and the intern op's schema count them: code points, not UTF-16 units.
      problems.push({ path: `${at}.value`, message: `at most ${MAX_STRING_VALUE} characters` });
    } else if (type === 'bytes' && [...value].some((ch) => ch.codePointAt(0)! > 0xff)) {
      problems.push({ path: `${at}.value`, message: 'bytes are latin-1 characters (U+0000..U+00FF)' });
    }
  } else {
    problems.push({ path: `${at}.value`, message: 'value applies to int, str and bytes only' });
  }
}

function semanticProblems(input: unknown, problems: ScenarioProblem[]): void {
  if (!isRecord(input)) return;
  const defined = new Set<string>();
  if (Array.isArray(input.extensions)) {
    for (const ext of input.extensions)
      if (isRecord(ext) && typeof ext.name === 'string') defined.add(ext.name);
  }
  if (isRecord(input.layout)) problems.push(...layoutProblems(input.layout, defined));
  const seenExtensions = new Set<string>();
  if (Array.isArray(input.extensions)) {
    input.extensions.forEach((ext, i) => {
      if (!isRecord(ext) || typeof ext.name !== 'string') return;
      if (seenExtensions.has(ext.name)) {
        problems.push({
          path: `extensions[${i}].name`,
          message: `extension module ${quoted(ext.name)} is defined twice`,
        });
      }
      seenExtensions.add(ext.name);
      if (ext.init === 'single-phase' && ext.multipleInterpreters != null) {
        problems.push({
          path: `extensions[${i}].multipleInterpreters`,
          message: 'a single-phase init module has no slots (Py_mod_multiple_interpreters is a PEP 489 slot)',
        });
      }
    });
  }
  if (!Array.isArray(input.interpreters)) return;
  const names: string[] = [];
  input.interpreters.forEach((interp, i) => {
    if (!isRecord(interp) || typeof interp.name !== 'string') return;
    if (names.includes(interp.name)) {
      problems.push({
        path: `interpreters[${i}].name`,
        message: `interpreter ${quoted(interp.name)} is defined twice`,
      });
    }
    names.push(interp.name);
    if (i === 0 && interp.config !== undefined) {
      problems.push({
        path: 'interpreters[0].config',
        message:
          "the first interpreter is the main interpreter: its config is CPython's main-interpreter config",
      });
    }
    if (i === 0 && interp.createdBy !== undefined) {
      problems.push({
        path: 'interpreters[0].createdBy',
        message: 'the first interpreter is the main interpreter: the runtime creates it',
      });
    }
    if (input.python === '3.12' && interp.createdBy === 'interpreters' && isRecord(interp.config)) {
      const fields = Object.keys(interp.config).filter((k) => k !== 'preset');
      if (fields.length > 0) {
        problems.push({
          path: `interpreters[${i}].config`,
          message: `3.12's _xxsubinterpreters.create(isolated=...) takes a preset only, not ${fields.join(', ')}: create it by c-api or testcapi`,
        });
      }
    }
  });
  const sendsTo = new Set<string>();
  const counter = { nodes: 0 };
  input.interpreters.forEach((interp, i) => {
    if (!isRecord(interp) || !Array.isArray(interp.program)) return;
    const self = typeof interp.name === 'string' ? interp.name : '';
    const ctx: WalkContext = { names, self, defined, problems, sendsTo, counter, workloadDepth: 0 };
    const state: FlowState = { bound: new Set(), imported: new Set() };
    walkProgram(interp.program, `interpreters[${i}].program`, state, ctx, true);
  });
  if (counter.nodes > MAX_OP_NODES) {
    problems.push({
      path: 'interpreters',
      message: `the scenario has ${counter.nodes} op nodes (after inlining workloads); at most ${MAX_OP_NODES}`,
    });
  }
  // A recv with no send addressed to its interpreter would block forever.
  input.interpreters.forEach((interp, i) => {
    if (!isRecord(interp) || !Array.isArray(interp.program) || typeof interp.name !== 'string') return;
    if (!sendsTo.has(interp.name) && containsOp(interp.program, 'recv')) {
      problems.push({
        path: `interpreters[${i}].program`,
        message: `interpreter ${quoted(interp.name)} receives but no interpreter sends to it`,
      });
    }
  });
}

interface WalkContext {
  names: readonly string[];
  self: string;
  defined: ReadonlySet<string>;
  problems: ScenarioProblem[];
  sendsTo: Set<string>;
  counter: { nodes: number };
  workloadDepth: number;
}

interface FlowState {
  bound: Set<string>;
  imported: Set<string>;
}

function containsOp(program: unknown[], op: string): boolean {
  return program.some(
    (node) =>
      isRecord(node) &&
      (node.op === op || (node.op === 'repeat' && Array.isArray(node.body) && containsOp(node.body, op))),
  );
}

/** Forward data-flow over refs and imports; a repeat body is walked twice (its second iteration). */
function walkProgram(
  program: unknown[],
  path: string,
  state: FlowState,
  ctx: WalkContext,
  count: boolean,
): void {
  program.forEach((node, i) => {
    const at = `${path}[${i}]`;
    if (count) ctx.counter.nodes++;
    if (!isRecord(node)) return;
    const use = (field: 'ref', value: unknown) => {
      if (typeof value === 'string' && !state.bound.has(value)) {
        ctx.problems.push({
          path: `${at}.${field}`,
          message: `ref ${quoted(value)} is used before it is bound`,
        });
      }
    };
    const bind = (value: unknown) => {
      if (typeof value === 'string') state.bound.add(value);
    };
    switch (node.op) {
      case 'alloc':
        allocValueProblems(node, at, ctx.problems);
        if (Array.isArray(node.items)) {
          node.items.forEach((item, k) => {
            if (typeof item === 'string' && !state.bound.has(item)) {
              ctx.problems.push({
                path: `${at}.items[${k}]`,
                message: `ref ${quoted(item)} is used before it is bound`,
              });
            }
          });
        }
        bind(node.as);
        break;
      case 'free':
        use('ref', node.ref);
        if (typeof node.ref === 'string') state.bound.delete(node.ref);
        break;
      case 'incref':
      case 'decref':
      case 'use':
        use('ref', node.ref);
        break;
      case 'send':
      case 'send_raw':
        use('ref', node.ref);
        if (node.op === 'send' && node.syncobj !== undefined && node.via !== 'queue') {
          ctx.problems.push({ path: `${at}.syncobj`, message: "syncobj applies to via: 'queue' only" });
        }
        if (typeof node.to === 'string') {
          ctx.sendsTo.add(node.to);
          if (!ctx.names.includes(node.to)) {
            ctx.problems.push({ path: `${at}.to`, message: `unknown interpreter ${quoted(node.to)}` });
          } else if (node.to === ctx.self) {
            ctx.problems.push({ path: `${at}.to`, message: 'an interpreter cannot send to itself' });
          }
        }
        if (node.op === 'send_raw' && typeof node.via === 'string' && !getComponent(node.via)) {
          ctx.problems.push({ path: `${at}.via`, message: `unknown component ${quoted(node.via)}` });
        }
        break;
      case 'singleton':
      case 'small_int':
      case 'intern':
      case 'char':
      case 'recv':
        bind(node.as);
        break;
      case 'import':
        if (typeof node.module === 'string') {
          if (!moduleKnown(node.module, ctx.defined)) {
            ctx.problems.push({
              path: `${at}.module`,
              message: `unknown extension module ${quoted(node.module)} (define it in extensions[] or use a stdlib one from the catalog)`,
            });
          }
          state.imported.add(node.module);
        }
        break;
      case 'call':
        if (typeof node.module === 'string') {
          if (!moduleKnown(node.module, ctx.defined)) {
            ctx.problems.push({
              path: `${at}.module`,
              message: `unknown extension module ${quoted(node.module)}`,
            });
          } else if (!state.imported.has(node.module)) {
            ctx.problems.push({
              path: `${at}.module`,
              message: `module ${quoted(node.module)} is called before it is imported`,
            });
          }
        }
        break;
      case 'destroy':
      case 'run':
        if (typeof node.interpreter === 'string' && !ctx.names.includes(node.interpreter)) {
          ctx.problems.push({
            path: `${at}.interpreter`,
            message: `unknown interpreter ${quoted(node.interpreter)}`,
          });
        }
        break;
      case 'touch':
        if (typeof node.component === 'string' && !getComponent(node.component)) {
          ctx.problems.push({
            path: `${at}.component`,
            message: `unknown component ${quoted(node.component)}`,
          });
        }
        break;
      case 'workload':
        if (typeof node.name === 'string') {
          const program = getWorkload(node.name)?.program;
          if (!program) {
            ctx.problems.push({ path: `${at}.name`, message: `unknown workload ${quoted(node.name)}` });
          } else if (ctx.workloadDepth < 4) {
            ctx.workloadDepth++;
            walkProgram(program, `${at}(${node.name})`, state, ctx, count);
            ctx.workloadDepth--;
          }
        }
        break;
      case 'repeat':
        if (Array.isArray(node.body)) {
          walkProgram(node.body, `${at}.body`, state, ctx, count);
          // The second iteration sees what the first one bound or freed (duplicates are removed later).
          if (node.times !== 1) walkProgram(node.body, `${at}.body`, state, ctx, false);
        }
        break;
      default:
        break;
    }
  });
}
