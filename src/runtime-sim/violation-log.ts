// The violation log: what the detectors and CPython's rules observed, de-duplicated across runs, and
// the report's text. A violation is keyed by kind, component and its pair of steps; `count` is the
// number of runs in which it was seen. Violations are returned values (engine262's discipline), never
// exceptions. The messages name what CPython names: the component, the ops, the interpreters, the GILs.

import { assertNever } from './assert-never.js';
import type { OpInfo } from './compile.js';
import type { RuleFailure } from './interpreter-config.js';
import type { Layout } from './layout.js';
import type { Interpreters } from './pystate.js';
import { type Step, VIOLATION_KINDS, type Violation, type ViolationKind } from './violations.js';

/**
 * One observation, as a detector or a rule fills it in place and hands it to `ViolationLog.record`
 * (the log's `observation`, reused: no allocation per step). Steps are (interpreter, op id); op -1 is
 * runtime init or the interpreter's creation.
 */
export interface Observation {
  kind: ViolationKind;
  comp: number;
  /** The earlier step (for a rule, the same as the later one). */
  firstInterp: number;
  firstOp: number;
  /** The step that found it. */
  interp: number;
  op: number;
  /** Text, or a location (>= 0) or an object (~location) described when first seen. */
  detail: string | number;
  /** CPython's exception (or PyStatus), message and chain, for the rules' kinds. */
  failure: Failure | undefined;
}

/** What a rule reports: a `RuleFailure` without its component. */
export type Failure = Omit<RuleFailure, 'component'>;

interface Rec {
  kind: ViolationKind;
  comp: number;
  interpA: number;
  opA: number;
  interpB: number;
  opB: number;
  detail: string;
  failure?: Failure;
  count: number;
  lastRun: number;
  order: number;
}

export class ViolationLog {
  /** The step record to fill and pass to `record`. */
  readonly observation: Observation = {
    kind: 'data-race',
    comp: 0,
    firstInterp: 0,
    firstOp: 0,
    interp: 0,
    op: 0,
    detail: '',
    failure: undefined,
  };
  private run = -1;
  private readonly recs = new Map<number, Rec>();

  constructor(
    private readonly layout: Layout,
    private readonly interps: Interpreters,
    private readonly ops: readonly OpInfo[],
    /** A location (>= 0) or an object (~location) in words, as it is now. */
    private readonly describe: (code: number) => string,
  ) {}

  startRun(run: number): void {
    this.run = run;
  }

  /** Records `o` (the log's `observation`, or any record): counted once per run it is seen in. */
  record(o: Observation): void {
    let { firstInterp: interpA, firstOp: opA, interp: interpB, op: opB } = o;
    if (o.kind === 'data-race' && opA > opB) {
      // A race is a pair of steps: one record whichever came first in this interleaving.
      interpA = o.interp;
      opA = o.op;
      interpB = o.firstInterp;
      opB = o.firstOp;
    }
    const kindIx = VIOLATION_KINDS.indexOf(o.kind);
    // Numeric key: kind, component, both steps (op ids < 65536; creation keyed by the interpreter).
    const a = opA + 1;
    const b = opB < 0 ? 65535 - interpB : opB + 1;
    const key = ((kindIx * 4096 + o.comp) * 65536 + a) * 65536 + b;
    const rec = this.recs.get(key);
    if (rec) {
      if (rec.lastRun !== this.run) {
        rec.lastRun = this.run;
        rec.count++;
      }
      return;
    }
    const failure = o.failure;
    this.recs.set(key, {
      kind: o.kind,
      comp: o.comp,
      interpA,
      opA,
      interpB,
      opB,
      // Described once, when first seen.
      detail: typeof o.detail === 'string' ? o.detail : this.describe(o.detail),
      ...(failure ? { failure } : {}),
      count: 1,
      lastRun: this.run,
      order: this.recs.size,
    });
  }

  /** The report's violations: messages written, sorted by kind, component and steps. */
  violations(): Violation[] {
    const { compIds } = this.layout;
    const { names } = this.interps;
    const recs = [...this.recs.values()];
    recs.sort((x, y) => x.order - y.order);
    const out = recs.map((r): Violation => {
      const component = compIds[r.comp]!;
      const a = r.opA < 0 && r.kind === 'config-error' ? null : this.step(r.opA);
      const b =
        r.opB < 0
          ? { interpreter: names[r.interpB]!, index: -1, op: 'Py_NewInterpreterFromConfig' }
          : this.step(r.opB);
      const nameA = names[r.interpA]!;
      const nameB = names[r.interpB]!;
      const steps = a && (r.opA !== r.opB || r.interpA !== r.interpB) ? [a, b] : [b];
      const interpreters = nameA === nameB || r.kind === 'config-error' ? [nameB] : [nameA, nameB];
      let message: string;
      switch (r.kind) {
        case 'data-race':
          message = `${component}: ${b.op} in ${nameB} and ${a!.op} in ${nameA} access ${r.detail} with no common lock and no happens-before order (${this.gilText(r.interpA)}, ${this.gilText(r.interpB)})`;
          break;
        case 'cross-interpreter-object':
          message = component.startsWith('freelist.')
            ? `${component}: ${b.op} in ${nameB} reuses ${r.detail} that ${nameA} freed into the shared free list (${a!.op})`
            : `${component}: ${b.op} in ${nameB} uses ${r.detail} created by ${nameA}${a!.index < 0 ? ' at runtime init' : ` (${a!.op})`}, and it is not immortal`;
          break;
        case 'cross-allocator-free':
          message = `obmalloc: ${b.op} in ${nameB} frees ${r.detail} that ${nameA}'s allocator handed out (${a!.op}); freeing it into another interpreter's obmalloc corrupts it`;
          break;
        case 'config-error':
        case 'import-error':
        case 'forbidden-operation':
          message = r.failure?.message ?? r.detail;
          break;
        default:
          message = assertNever(r.kind, 'kind');
      }
      return {
        kind: r.kind,
        component,
        interpreters,
        steps,
        message,
        ...(r.failure?.exception !== undefined ? { exception: r.failure.exception } : {}),
        ...(r.failure?.cause !== undefined ? { cause: r.failure.cause } : {}),
        ...(r.failure?.status !== undefined ? { status: r.failure.status } : {}),
        count: r.count,
      };
    });
    const stepKey = (v: Violation) =>
      v.steps
        .map(
          (s) =>
            `${String(names.indexOf(s.interpreter)).padStart(3, '0')}:${String(s.index + 1).padStart(6, '0')}`,
        )
        .join('|');
    out.sort(
      (x, y) =>
        VIOLATION_KINDS.indexOf(x.kind) - VIOLATION_KINDS.indexOf(y.kind) ||
        (x.component < y.component ? -1 : x.component > y.component ? 1 : 0) ||
        (stepKey(x) < stepKey(y) ? -1 : stepKey(x) > stepKey(y) ? 1 : 0),
    );
    return out;
  }

  private step(op: number): Step {
    if (op < 0) return { interpreter: this.interps.names[0]!, index: -1, op: '(runtime init)' };
    const info = this.ops[op]!;
    return { interpreter: this.interps.names[info.interp]!, index: info.index, op: info.label };
  }

  private gilText(i: number): string {
    const { gilOf, gilShared, names } = this.interps;
    const g = gilOf[i]!;
    return `${names[i]} holds ${g === i ? (i === 0 || !gilShared[g] ? 'its own GIL' : 'the main GIL') : `${names[g]}'s GIL`}`;
  }
}

/** A component's runtime-wide location, in words (for race messages). */
export function locationName(id: string): string {
  if (id.startsWith('freelist.')) return `the ${id.slice('freelist.'.length)} free list`;
  switch (id) {
    case 'obmalloc':
      return "obmalloc's pools and arenas";
    case 'unicode.interned':
      return 'the interned-strings dict';
    case 'ceval.signals_pending':
      return 'the signals_pending flag';
    case 'ceval.gil_drop_request':
      return 'the gil_drop_request flag';
    case 'ceval.pending_calls':
      return 'the pending-calls queue';
    case 'gc':
      return 'the GC state (generations, counts)';
    case 'warnings':
      return 'the warnings state (filters, once registry)';
    case 'import':
      return 'the import state (sys.modules, module locks)';
    default:
      return id.startsWith('global:')
        ? `the C global ${id.slice(id.lastIndexOf(':') + 1)}`
        : `the state of ${id}`;
  }
}

/**
 * A location (>= 0) or an object (~location) in words: a component's state, an extension module's
 * static global, or an object (`objectLabel`; a location of an object is its `ob_refcnt`).
 */
export function describeLocation(layout: Layout, objectLabel: (o: number) => string, code: number): string {
  const loc = code < 0 ? ~code : code;
  if (loc < layout.compIds.length) return locationName(layout.compIds[loc]!);
  if (loc < layout.objectBase) {
    const mod = layout.modules[layout.moduleOfGlobal[loc - layout.compIds.length]!]!;
    return `static global '${mod.globals[loc - mod.globalLoc]}' of ${mod.name}`;
  }
  const label = objectLabel(loc - layout.objectBase);
  return code < 0 ? label : `ob_refcnt of ${label}`;
}
