// CPython's recorded observations (test/fixtures/cpython-observed, from scripts/probe-cpython/probe.py)
// and their comparison with the simulator, as that directory's README.md defines it: each creation,
// each op's exception (type, message, chain) or its success, and what each ref holds (type, repr,
// immortality, identity with the main interpreter's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Bindings,
  parseScenario,
  runScenario,
  type SimReport,
  type Violation,
  type ViolationCause,
} from '../../src/runtime-sim/index.js';

const DIR = join(import.meta.dirname, '../fixtures/cpython-observed');

interface ObservedException {
  type: string;
  module?: string;
  message: string;
  cause?: ObservedException;
  context?: ObservedException;
}

type ObservedCreate =
  | 'ok'
  | { exception: ObservedException }
  | { status: { type: string; func: string; message: string } };

interface ObservedOp {
  interpreter: string;
  index: number;
  op: string;
  outcome?: 'ok';
  exception?: ObservedException;
}

interface ObservedRef {
  type: string;
  repr: string;
  immortal: boolean;
  sameObjectAs?: string | null;
}

interface Observation {
  python: string;
  create: Record<string, ObservedCreate>;
  ops: ObservedOp[];
  refs: Record<string, Record<string, ObservedRef>>;
  process?: unknown;
}

export interface Case {
  id: string;
  area: string;
  title: string;
  versions: ('3.12' | '3.13')[];
  scenario: Record<string, unknown>;
  deviation?: string;
  observed: Record<string, Observation>;
}

export const cases: Case[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { cases: Case[] }).cases);

/** CPython's type names of the simulator's types. */
const CPYTHON_TYPE: Record<string, string> = {
  context: 'Context',
  async_gen: 'async_generator',
};

/** The kinds that are CPython's behaviour (the other kinds are monitoring, which CPython does not raise). */
const RULE_KINDS = new Set<Violation['kind']>(['config-error', 'import-error', 'forbidden-operation']);

/** A recv that raised because nothing came: the simulator's recv waits instead (a deliberate deviation, in
 * src/runtime-sim/README.md). */
const EMPTY = /^(ChannelEmptyError|QueueEmpty)$/;

function chain(e: ObservedException | undefined): ViolationCause | undefined {
  if (!e) return undefined;
  const next = chain(e.cause ?? e.context);
  return { exception: e.type, message: e.message, ...(next ? { cause: next } : {}) };
}

function simulate(c: Case, version: string): { report: SimReport; bindings: Bindings } {
  const parsed = parseScenario({ ...c.scenario, python: version });
  if (!parsed.ok) throw new Error(`${c.id}: ${JSON.stringify(parsed.problems)}`);
  let bindings: Bindings = {};
  const report = runScenario(parsed.scenario, {
    timing: false,
    onBindings: (b) => {
      bindings = b;
    },
  });
  return { report, bindings };
}

/** Where the simulator's report differs from CPython's observation (empty: it agrees). */
export function differences(c: Case, version: string): string[] {
  const observed = c.observed[version]!;
  const { report, bindings } = simulate(c, version);
  const out: string[] = [];
  const expected = new Map<string, ViolationCause & { status?: { func: string; message: string } }>();
  for (const [interp, created] of Object.entries(observed.create)) {
    if (created === 'ok') continue;
    if ('status' in created) {
      const { func, message } = created.status;
      expected.set(`${interp}:-1`, { exception: '', message, status: { func, message } });
    } else expected.set(`${interp}:-1`, chain(created.exception)!);
  }
  for (const op of observed.ops) {
    if (op.exception && !(op.op === 'recv' && EMPTY.test(op.exception.type))) {
      expected.set(`${op.interpreter}:${op.index}`, chain(op.exception)!);
    }
  }
  const actual = new Map<string, Violation>();
  for (const v of report.violations) {
    if (!RULE_KINDS.has(v.kind)) continue;
    const step = v.steps[v.steps.length - 1]!;
    actual.set(`${step.interpreter}:${step.index}`, v);
  }
  for (const [at, want] of expected) {
    const got = actual.get(at);
    if (!got) {
      out.push(
        `${at}: CPython raised ${want.exception || 'a PyStatus'}: ${want.message}; the simulator reports nothing`,
      );
      continue;
    }
    const shape = (x: { exception?: string; message: string; cause?: ViolationCause; status?: unknown }) =>
      JSON.stringify({
        exception: x.exception || undefined,
        message: x.message,
        cause: x.cause,
        status: x.status,
      });
    if (shape(got) !== shape(want)) out.push(`${at}: CPython ${shape(want)}, simulator ${shape(got)}`);
  }
  for (const [at, got] of actual) {
    if (!expected.has(at))
      out.push(`${at}: the simulator reports ${got.exception}: ${got.message}; CPython ran it`);
  }
  for (const [interp, refs] of Object.entries(observed.refs)) {
    for (const [ref, want] of Object.entries(refs)) {
      const got = bindings[interp]?.[ref];
      if (!got) {
        out.push(`${interp}.${ref}: bound in CPython (${want.repr}), not in the simulator`);
        continue;
      }
      const type = CPYTHON_TYPE[got.type] ?? got.type;
      if (type !== want.type)
        out.push(`${interp}.${ref}: type ${want.type} in CPython, ${type} in the simulator`);
      if (got.repr !== want.repr)
        out.push(`${interp}.${ref}: repr ${want.repr} in CPython, ${got.repr} in the simulator`);
      if (got.immortal !== want.immortal) out.push(`${interp}.${ref}: immortal ${want.immortal} in CPython`);
      if (want.sameObjectAs !== undefined) {
        const [mainName, mainRef] = want.sameObjectAs?.split('.') ?? [];
        const same = want.sameObjectAs !== null;
        const mainObject = mainName ? bindings[mainName]?.[mainRef!]?.object : undefined;
        const main = Object.keys(observed.refs)[0];
        const simSame =
          mainObject !== undefined
            ? got.object === mainObject
            : Object.values(bindings[main ?? ''] ?? {}).some((b) => b.object === got.object);
        if (simSame !== same)
          out.push(`${interp}.${ref}: ${same ? 'the very object' : 'not the object'} main holds in CPython`);
      }
    }
  }
  for (const [interp, refs] of Object.entries(bindings)) {
    for (const ref of Object.keys(refs)) {
      if (!observed.refs[interp]?.[ref]) out.push(`${interp}.${ref}: bound in the simulator, not in CPython`);
    }
  }
  return out;
}
