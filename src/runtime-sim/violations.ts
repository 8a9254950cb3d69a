// Violations are returned values (engine262's discipline): the report's currency.

/** The kinds, in report order. */
export const VIOLATION_KINDS = [
  'cross-interpreter-object',
  'data-race',
  'cross-allocator-free',
  'config-error',
  'import-error',
  'forbidden-operation',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Step {
  interpreter: string;
  /** Pre-order position of the op in its interpreter's program (a repeat's body follows the repeat op;
   *  an inlined workload's ops follow the workload op); -1 for interpreter creation or runtime init. */
  index: number;
  op: string;
}

/** A chained exception: the one the violation's exception was raised during (`__context__`). */
export interface ViolationCause {
  exception: string;
  message: string;
  cause?: ViolationCause;
}

export interface Violation {
  kind: ViolationKind;
  /** Catalog id, e.g. 'freelist.tuple', 'ext:_decimal', 'obmalloc'. */
  component: string;
  interpreters: string[];
  steps: Step[];
  message: string;
  /** CPython's exception type, for the rules' kinds (absent when the C API returns a `PyStatus`). */
  exception?: string;
  cause?: ViolationCause;
  /** The C API's `PyStatus` (`createdBy: c-api`): the function that failed and its message. */
  status?: { func: string; message: string };
  /** In how many of the runs it was seen. */
  count: number;
}

export interface SimStats {
  runs: number;
  /** Scheduling points executed (ops), over every run. */
  steps: number;
  /** Objects created, over every run. */
  objects: number;
  /** Wall time of the whole call; the only field that varies between identical calls (0 with timing off). */
  durationMs: number;
}

export interface SimReport {
  ok: boolean;
  violations: Violation[];
  stats: SimStats;
}
