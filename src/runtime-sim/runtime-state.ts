// `_PyRuntimeState` for a scenario (Include/internal/pycore_runtime.h; set up by
// `_PyRuntimeState_Init` in Python/pystate.c): the one simulated process, built once from the
// scenario and reset before each run. It holds the compiled programs, the layout, the interpreters,
// and the state that outlives an op: the object heap (object-heap.ts), the import state (import.ts),
// the channels of cross-interpreter data (crossinterp.ts), the pending calls (ceval.ts), the
// detectors (detectors.ts) and the violation log that outlives runs (violation-log.ts).

import { componentIndex } from './catalog.js';
import {
  type CompiledProgram,
  type CompileTables,
  compileProgram,
  moduleId,
  type OpInfo,
} from './compile.js';
import { Channels } from './crossinterp.js';
import { Detectors } from './detectors.js';
import { ImportState } from './import.js';
import { type Layout, resolveLayout } from './layout.js';
import type { LifecycleView } from './lifecycle.js';
import { ObjectHeap } from './object-heap.js';
import { createInterpreters, type Interpreters } from './pystate.js';
import { type PythonVersion, rulesOf, type Scenario } from './scenario.js';
import { describeLocation, ViolationLog } from './violation-log.js';

export class RuntimeState {
  readonly layout: Layout;
  readonly interps: Interpreters;
  readonly programs: CompiledProgram[];
  /** Every op node of every program, by op id. */
  readonly ops: OpInfo[];
  readonly log: ViolationLog;
  readonly det: Detectors;
  readonly heap: ObjectHeap;
  readonly imports: ImportState;
  readonly channels: Channels;
  /** Pending calls (`Py_AddPendingCall`), by scope: 0 runtime-wide, else the interpreter. */
  readonly pending: number[][];
  /** The interpreters' lifecycle in this run: which are destroyed (lifecycle.ts). */
  readonly lifecycle: LifecycleView;
  /** The CPython version whose rules apply (scenario.ts, `rulesOf`). */
  readonly python: PythonVersion;
  /** Alloc values and code names, by id (compile.ts). */
  readonly values: readonly string[];
  /** Each interpreter's refs (object ids, -1 unbound) in the current run, once its program starts. */
  readonly frames: (Int32Array | null)[];
  totalSteps = 0;

  constructor(scenario: Scenario, detectors: boolean) {
    const names = scenario.interpreters.map((i) => i.name);
    const tables: CompileTables = {
      ops: [],
      strings: [],
      values: [],
      stringIds: new Map(),
      modules: [],
      moduleIds: new Map(),
      interps: new Map(names.map((name, i) => [name, i])),
      componentIndex: (id) => componentIndex(id) ?? componentIndex('crossinterp.raw')!,
      python: rulesOf(scenario),
    };
    // The scenario's own modules first, then those its programs import, in order.
    for (const ext of scenario.extensions) moduleId(tables, ext.name);
    this.programs = scenario.interpreters.map((spec, i) => compileProgram(spec.program, i, tables));
    this.ops = tables.ops;
    this.values = tables.values;
    this.python = rulesOf(scenario);
    this.layout = resolveLayout(scenario, tables.modules);
    this.interps = createInterpreters(scenario, this.layout);
    const layout = this.layout;
    this.log = new ViolationLog(layout, this.interps, this.ops, (code) =>
      describeLocation(layout, (o) => this.heap.objectLabel(o), code),
    );
    this.det = new Detectors(
      detectors,
      layout,
      this.interps,
      this.log,
      (loc) => this.heap.componentAt(loc),
      layout.objectBase + ObjectHeap.INITIAL_CAPACITY,
    );
    this.heap = new ObjectHeap(layout, this.interps, this.det, tables.strings);
    this.imports = new ImportState(layout, this.interps, this.heap, this.det, this.python);
    this.channels = new Channels(this.interps.n, layout, this.heap, this.det, this.python, tables.strings);
    this.pending = Array.from({ length: this.interps.n }, () => []);
    this.lifecycle = {
      destroyed: new Uint8Array(this.interps.n),
      configFailures: this.interps.configFailures,
    };
    this.frames = new Array(this.interps.n).fill(null);
  }

  /** Before run `run`: every interpreter's state as at process start; refused configs recorded. */
  startRun(run: number): void {
    this.log.startRun(run);
    this.det.hb.reset(this.layout.objectBase + this.heap.objCount);
    this.heap.startRun();
    this.imports.startRun();
    this.channels.startRun();
    for (const q of this.pending) q.length = 0;
    this.lifecycle.destroyed.fill(0);
    this.frames.fill(null);
    this.interps.configFailures.forEach((failure, i) => {
      if (failure) this.det.configError(i, failure);
    });
  }
}
