// The scenario: a layout, extension modules and interpreters running programs. JSON in, checked by
// a zod 4 schema plus a semantic pass that lists every problem (never throws on bad input).

import { z } from 'zod';
import { getComponent } from './catalog.js';
import { placementProblems } from './layout.js';
import { NESTED_TOO_DEEP, pathNestedTooDeep } from './nesting.js';
import { interpName, moduleName, OP_NAMES, type Op, OpSchema } from './ops.js';
import { LAYOUT_PLACEMENTS } from './placement.js';
import { getWorkload } from './workloads.js';

export const PYTHON_VERSIONS = ['3.12', '3.13'] as const;
export type PythonVersion = (typeof PYTHON_VERSIONS)[number];

/** `Py_mod_multiple_interpreters` slot values (Include/moduleobject.h). */
export const MULTIPLE_INTERPRETERS_SLOTS = [
  'not-supported',
  'supported',
  'per-interpreter-gil-supported',
] as const;
export type MultipleInterpretersSlot = (typeof MULTIPLE_INTERPRETERS_SLOTS)[number];

/** `PyInterpreterConfig` (Include/cpython/pylifecycle.h), camel-cased; fields override the preset. */
export const InterpreterConfigInputSchema = z.object({
  preset: z.enum(['isolated', 'legacy']).default('isolated'),
  // Any string is accepted so that CPython's own "invalid interpreter config 'gil' value" can be reported.
  gil: z.union([z.enum(['default', 'shared', 'own']), z.string()]).optional(),
  useMainObmalloc: z.boolean().optional(),
  checkMultiInterpExtensions: z.boolean().optional(),
  allowThreads: z.boolean().optional(),
  allowDaemonThreads: z.boolean().optional(),
  allowFork: z.boolean().optional(),
  allowExec: z.boolean().optional(),
});

export const InterpreterSchema = z.object({
  name: interpName,
  config: InterpreterConfigInputSchema.optional(),
  program: z.array(OpSchema),
});

export const ExtensionSchema = z.object({
  name: moduleName,
  init: z.enum(['single-phase', 'multi-phase']),
  multipleInterpreters: z
    .union([z.enum(MULTIPLE_INTERPRETERS_SLOTS), z.array(z.enum(MULTIPLE_INTERPRETERS_SLOTS))])
    .nullable()
    .default(null)
    .describe('the Py_mod_multiple_interpreters slot; an array lists every slot the module defines'),
  globals: z.array(z.string().max(100)).max(256).default([]),
});

export const ScenarioSchema = z.object({
  name: z.string().max(200).optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  runs: z.number().int().min(1).max(10_000).default(10),
  python: z.enum(PYTHON_VERSIONS).default('3.13'),
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
    if (steps > MAX_SIMULATED_STEPS) {
      problems.push({
        path: 'runs',
        message: `the scenario would simulate about ${steps} steps (runs x ops, loops unrolled); at most ${MAX_SIMULATED_STEPS}: lower runs or repeat counts`,
      });
    }
    // Memory: each object of a run is a location the race detector tracks per interpreter.
    const n = parsed.data.interpreters.length;
    const tracked = (steps / parsed.data.runs) * n;
    if (steps <= MAX_SIMULATED_STEPS && tracked > MAX_TRACKED_PER_RUN) {
      problems.push({
        path: 'interpreters',
        message: `one run could create about ${steps / parsed.data.runs} objects, each tracked for ${n} interpreters (${tracked}); at most ${MAX_TRACKED_PER_RUN}: spread the work over more runs with smaller repeat counts, or use fewer interpreters`,
      });
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupeProblems(problems) };
  return { ok: true, scenario: parsed.data };
}

/** The most steps a scenario may simulate (runs x executed ops): about a few seconds of work. */
export const MAX_SIMULATED_STEPS = 20_000_000;

/**
 * The most (objects x interpreters) one run may need: the race detector keeps a read epoch and an op per
 * interpreter for every object of the run (8 bytes each), so this bounds its memory near 256 MB (twice
 * that while its arrays grow). Without it one run of 20M allocations in 8 interpreters took 3.6 GB.
 */
export const MAX_TRACKED_PER_RUN = 2 ** 25;

/**
 * Steps one pass of `program` executes (loops unrolled, workloads inlined). `moduleCost` weighs an
 * import or call by the module's static globals, each of which it touches; an alloc counts its items.
 */
export function programSteps(
  program: readonly Op[],
  depth = 0,
  moduleCost: (module: string) => number = () => 1,
): number {
  let steps = 0;
  for (const op of program) {
    if (op.op === 'repeat') steps += op.times * programSteps(op.body, depth, moduleCost);
    else if (op.op === 'workload')
      steps += depth < 4 ? programSteps(getWorkload(op.name)?.program ?? [], depth + 1, moduleCost) : 0;
    else if (op.op === 'import' || op.op === 'call') steps += moduleCost(op.module);
    else if (op.op === 'alloc') steps += 1 + (op.items?.length ?? 0);
    else steps += 1;
  }
  return steps;
}

/**
 * Upper bound of the work `runScenario` will do, in steps (recv may block and end a run early); an
 * import or call of a module with k static globals counts k steps.
 */
export function estimateSteps(scenario: Scenario): number {
  const globals = new Map(scenario.extensions.map((e) => [e.name, e.globals.length]));
  const moduleCost = (module: string) => Math.max(1, globals.get(module) ?? 1);
  return (
    scenario.runs * scenario.interpreters.reduce((sum, i) => sum + programSteps(i.program, 0, moduleCost), 0)
  );
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
          message: `extension module '${ext.name}' is defined twice`,
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
        message: `interpreter '${interp.name}' is defined twice`,
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
        message: `interpreter '${interp.name}' receives but no interpreter sends to it`,
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
        ctx.problems.push({ path: `${at}.${field}`, message: `ref '${value}' is used before it is bound` });
      }
    };
    const bind = (value: unknown) => {
      if (typeof value === 'string') state.bound.add(value);
    };
    switch (node.op) {
      case 'alloc':
        if (Array.isArray(node.items)) {
          node.items.forEach((item, k) => {
            if (typeof item === 'string' && !state.bound.has(item)) {
              ctx.problems.push({
                path: `${at}.items[${k}]`,
                message: `ref '${item}' is used before it is bound`,
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
        if (typeof node.to === 'string') {
          ctx.sendsTo.add(node.to);
          if (!ctx.names.includes(node.to)) {
            ctx.problems.push({ path: `${at}.to`, message: `unknown interpreter '${node.to}'` });
          } else if (node.to === ctx.self) {
            ctx.problems.push({ path: `${at}.to`, message: 'an interpreter cannot send to itself' });
          }
        }
        if (node.op === 'send_raw' && typeof node.via === 'string' && !getComponent(node.via)) {
          ctx.problems.push({ path: `${at}.via`, message: `unknown component '${node.via}'` });
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
              message: `unknown extension module '${node.module}' (define it in extensions[] or use a stdlib one from the catalog)`,
            });
          }
          state.imported.add(node.module);
        }
        break;
      case 'call':
        if (typeof node.module === 'string') {
          if (!moduleKnown(node.module, ctx.defined)) {
            ctx.problems.push({ path: `${at}.module`, message: `unknown extension module '${node.module}'` });
          } else if (!state.imported.has(node.module)) {
            ctx.problems.push({
              path: `${at}.module`,
              message: `module '${node.module}' is called before it is imported`,
            });
          }
        }
        break;
      case 'touch':
        if (typeof node.component === 'string' && !getComponent(node.component)) {
          ctx.problems.push({ path: `${at}.component`, message: `unknown component '${node.component}'` });
        }
        break;
      case 'workload':
        if (typeof node.name === 'string') {
          const program = getWorkload(node.name)?.program;
          if (!program) {
            ctx.problems.push({ path: `${at}.name`, message: `unknown workload '${node.name}'` });
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
