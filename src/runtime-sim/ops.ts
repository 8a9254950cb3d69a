// The op table: every operation a program may run, defined once. Modelled on Python/bytecodes.c, the
// one definition of each instruction from which CPython generates its opcode metadata and its eval
// loop. Per op: its zod schema (a program's JSON), its label (how a step names it in a report), its
// semantics (what it does in CPython's words: the scenario format's documentation), the catalog
// components it touches, and the shared read-modify-writes it makes (stress mode). From the table
// come the `Op` union, `OpSchema`, `OP_NAMES`, `opLabel`, the components a program exercises (the
// workloads' `components`, the validation's component matrix) and stress mode's update plans.
// The eval loop (ceval.ts) executes the compiled form (compile.ts); the table says what each op is.

import { z } from 'zod';
import { freeListOf } from './catalog.js';
import { cachedComponent, cachedValue, internedComponent } from './value-cache.js';

export const ALLOC_TYPES = [
  'tuple',
  'list',
  'dict',
  'float',
  'frame',
  'slice',
  'context',
  'async_gen',
  'set',
  'object',
  'str',
  'bytes',
  'int',
  'bool',
  'memoryview',
  'bytearray',
] as const;
export type AllocType = (typeof ALLOC_TYPES)[number];

export const SINGLETON_NAMES = [
  'None',
  'True',
  'False',
  'Ellipsis',
  'NotImplemented',
  'empty_tuple',
  'empty_bytes',
  'empty_str',
] as const;
export type SingletonName = (typeof SINGLETON_NAMES)[number];

/**
 * The longest identifier a scenario may use (refs, interpreter names, code names): names are echoed in
 * every step and message of a report, so an unbounded name made an unbounded report.
 */
export const MAX_NAME_LENGTH = 64;
/** The longest module, workload or component name (module paths and catalog ids are longer). */
export const MAX_LONG_NAME_LENGTH = 200;

const identifier = (what: string) =>
  z
    .string()
    .max(MAX_NAME_LENGTH, `${what} is at most ${MAX_NAME_LENGTH} characters`)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, `${what} is an identifier`);
const refName = identifier('a ref');
export const interpName = z
  .string()
  .max(MAX_NAME_LENGTH, `an interpreter name is at most ${MAX_NAME_LENGTH} characters`)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'an interpreter name is an identifier');
export const moduleName = z
  .string()
  .max(MAX_LONG_NAME_LENGTH, `a module name is at most ${MAX_LONG_NAME_LENGTH} characters`)
  .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'a module name is a dotted identifier');
const longName = z.string().max(MAX_LONG_NAME_LENGTH, `at most ${MAX_LONG_NAME_LENGTH} characters`);

/**
 * CPython's default limit on the digits of an int converted from a string (`sys.int_info.
 * default_max_str_digits`, gh-95778): `int('…')` of a longer string is a ValueError.
 */
export const MAX_INT_DIGITS = 4300;
/** The longest str or bytes value an `alloc` may give (as `intern`'s). */
export const MAX_STRING_VALUE = 256;

/** How `send` passes an object: a channel (cross-interpreter data only) or a 3.13 queue (pickles). */
export const SEND_VIAS = ['channel', 'queue'] as const;
export type SendVia = (typeof SEND_VIAS)[number];

/** `_imp._override_multi_interp_extensions_check`'s argument, by name: -1, 1, 0. */
export const IMPORT_CHECK_OVERRIDES = ['never', 'always', 'config'] as const;

const simple = <T extends string>(op: T) => z.strictObject({ op: z.literal(op) });
const onRef = <T extends string>(op: T) => z.strictObject({ op: z.literal(op), ref: refName });

/** The schemas of every op but `repeat` (whose body is a program: see `RepeatOp`), in `OP_NAMES` order. */
const LEAF_SCHEMAS = {
  alloc: z.strictObject({
    op: z.literal('alloc'),
    type: z.enum(ALLOC_TYPES),
    as: refName,
    items: z.array(refName).optional().describe('tuple items (refs), for cross-interpreter data checks'),
    value: z
      // Any number: the scenario check says what is wrong with a fraction or an inexact one.
      .union([z.number(), z.string().max(MAX_INT_DIGITS + 1)])
      .optional()
      .describe(
        'int: an integer, or its decimal digits as a string beyond ±(2^53 - 1); str and bytes: the text (bytes: latin-1)',
      ),
    code: identifier('a code name')
      .optional()
      .describe("frame and async_gen: the name of the function whose frame or generator it is (default 'f')"),
  }),
  free: onRef('free'),
  incref: onRef('incref'),
  decref: onRef('decref'),
  use: onRef('use'),
  singleton: z.strictObject({
    op: z.literal('singleton'),
    name: z.enum(SINGLETON_NAMES),
    as: refName.optional(),
  }),
  small_int: z.strictObject({ op: z.literal('small_int'), value: z.number().int(), as: refName.optional() }),
  intern: z.strictObject({
    op: z.literal('intern'),
    value: z.string().max(MAX_STRING_VALUE, `at most ${MAX_STRING_VALUE} characters`),
    as: refName.optional(),
  }),
  char: z.strictObject({ op: z.literal('char'), value: z.string().length(1), as: refName.optional() }),
  import: z.strictObject({
    op: z.literal('import'),
    module: moduleName,
    restrictions: z
      .enum(['disable-check', 'enable-check'])
      .optional()
      .describe('inside importlib.util._incompatible_extension_module_restrictions(disable_check=...)'),
  }),
  call: z.strictObject({ op: z.literal('call'), module: moduleName }),
  signal: simple('signal'),
  signal_handler: simple('signal_handler'),
  gil_drop_request: simple('gil_drop_request'),
  pending_call: simple('pending_call'),
  gc: simple('gc'),
  warn: simple('warn'),
  thread: simple('thread'),
  daemon_thread: simple('daemon_thread'),
  fork: simple('fork'),
  exec: simple('exec'),
  subprocess: simple('subprocess'),
  send: z.strictObject({
    op: z.literal('send'),
    ref: refName,
    to: interpName,
    via: z.enum(SEND_VIAS).optional().describe('a channel (default) or a 3.13 queue, which pickles'),
    syncobj: z
      .boolean()
      .optional()
      .describe('queue only: shareable objects only, as a channel (no pickling)'),
  }),
  send_raw: z.strictObject({
    op: z.literal('send_raw'),
    ref: refName,
    to: interpName,
    via: longName.optional(),
  }),
  recv: z.strictObject({ op: z.literal('recv'), as: refName }),
  touch: z.strictObject({
    op: z.literal('touch'),
    component: longName,
    access: z.enum(['read', 'write']).optional(),
  }),
  workload: z.strictObject({ op: z.literal('workload'), name: longName }),
  override_import_check: z.strictObject({
    op: z.literal('override_import_check'),
    check: z.enum(IMPORT_CHECK_OVERRIDES),
  }),
  destroy: z.strictObject({ op: z.literal('destroy'), interpreter: interpName }),
  run: z.strictObject({ op: z.literal('run'), interpreter: interpName }),
};

type LeafOp = {
  [K in keyof typeof LEAF_SCHEMAS]: z.output<(typeof LEAF_SCHEMAS)[K]>;
}[keyof typeof LEAF_SCHEMAS];

/** A loop: `body` runs `times` times. */
export type RepeatOp = { op: 'repeat'; times: number; body: Op[] };

/** One operation of a program. `as` binds a ref, `ref` uses one (refs are per interpreter). */
export type Op = LeafOp | RepeatOp;
export type OpName = Op['op'];
type OpOf<K extends OpName> = Extract<Op, { op: K }>;

/** What stress mode knows while it flattens one interpreter's program into updates. */
export interface StressContext {
  isMain: boolean;
  /** What each ref holds: a catalog component (a cached object) or an alloc type. */
  refKind: Map<string, string>;
}

export interface OpSpec<K extends OpName> {
  schema: z.ZodType<OpOf<K>>;
  /** How a report's step names the op. */
  label: (op: OpOf<K>) => string;
  /** What it does, in CPython's words. */
  semantics: string;
  /**
   * The catalog components a program running it exercises, known without running it (a `workload` is
   * expanded and a `repeat` walked by `programComponents`). Total over malformed input: never throws.
   */
  touches: (op: OpOf<K>) => readonly string[];
  /**
   * Stress mode (NON-CPYTHON, see stress.ts): the shared read-modify-writes one execution makes, by
   * component; reads and objects private to the interpreter are left out.
   */
  updates: (op: OpOf<K>, ctx: StressContext) => readonly string[];
}

const NONE: readonly string[] = [];
const none = (): readonly string[] => NONE;

/** Where an allocation of `type` goes: its free list when CPython has one, else the allocator. */
function allocComponent(type: string): string {
  return freeListOf(type)?.id ?? 'obmalloc';
}

/** A cached object's component (`singleton.None`, `small_ints`...) is what a ref to it touches. */
function isCachedKind(kind: string): boolean {
  return kind.includes('.') || kind === 'small_ints';
}

/** An op on a cached object bound to `as`: its reference is taken and dropped (incref, decref). */
function cachedObject(component: string, as: string | undefined, ctx: StressContext): readonly string[] {
  if (as) ctx.refKind.set(as, component);
  return [component, component];
}

const REFCOUNT = '`ob_refcnt` (never written when immortal)';

/** `incref`, `decref`, `use`: a reference count written (or read and written back). */
const refcountLabel = (op: { op: string; ref: string }) => `${op.op}(${op.ref})`;
const refcountUpdates = (op: { ref: string }, ctx: StressContext): readonly string[] => {
  const kind = ctx.refKind.get(op.ref);
  return kind && isCachedKind(kind) ? [kind] : NONE;
};

/** `import` and `call`: the module's state and the import state. */
const moduleTouches = (op: { module: string }): readonly string[] =>
  typeof op.module === 'string' ? [`ext:${op.module}`, 'import'] : ['import'];

type ComponentOpName = 'gil_drop_request' | 'pending_call' | 'gc' | 'warn';

/** An op without operands that reads and writes one component's state (each execution updates it). */
function writesComponent<K extends ComponentOpName>(
  name: K,
  component: string,
  semantics: string,
): OpSpec<K> {
  const components = [component];
  return {
    schema: LEAF_SCHEMAS[name] as unknown as z.ZodType<OpOf<K>>,
    label: () => name,
    semantics,
    touches: () => components,
    updates: () => components,
  };
}

type GuardedOpName = 'signal_handler' | 'thread' | 'daemon_thread' | 'fork' | 'exec' | 'subprocess';

/** An op that only asks the interpreter's config for permission (interpreter-config.ts). */
function guarded<K extends GuardedOpName>(name: K, semantics: string): OpSpec<K> {
  return {
    schema: LEAF_SCHEMAS[name] as unknown as z.ZodType<OpOf<K>>,
    label: () => name,
    semantics,
    touches: none,
    updates: none,
  };
}

/** The op table, in `OP_NAMES` order. */
export const OPS: { readonly [K in OpName]: OpSpec<K> } = {
  alloc: {
    schema: LEAF_SCHEMAS.alloc,
    label: (op) => `alloc(${op.type}) as ${op.as}`,
    semantics:
      "the type's free list (tuple, list, dict, float, frame, slice, context, async_gen), else obmalloc; a bool, a small int, '', a latin-1 character, b'', a one-byte bytes or a tuple of no items is CPython's cached object",
    touches: (op) => {
      const cached = typeof op.type === 'string' ? cachedValue(op.type, op.value, op.items) : null;
      if (cached) return [cachedComponent(cached)];
      const freeList = typeof op.type === 'string' ? freeListOf(op.type) : undefined;
      return freeList ? [freeList.id, 'obmalloc'] : ['obmalloc'];
    },
    updates: (op, ctx) => {
      const cached = cachedValue(op.type, op.value, op.items);
      if (cached) return cachedObject(cachedComponent(cached), op.as, ctx);
      ctx.refKind.set(op.as, op.type);
      return [allocComponent(op.type)];
    },
  },
  free: {
    schema: LEAF_SCHEMAS.free,
    label: (op) => `free(${op.ref})`,
    semantics: 'back to the free list, or to the allocator (cross-allocator check)',
    touches: none,
    updates: (op, ctx) => {
      const kind = ctx.refKind.get(op.ref);
      if (kind === undefined) return NONE;
      return [isCachedKind(kind) ? kind : allocComponent(kind)];
    },
  },
  incref: {
    schema: LEAF_SCHEMAS.incref,
    label: refcountLabel,
    semantics: REFCOUNT,
    touches: none,
    updates: refcountUpdates,
  },
  decref: {
    schema: LEAF_SCHEMAS.decref,
    label: refcountLabel,
    semantics: REFCOUNT,
    touches: none,
    updates: refcountUpdates,
  },
  use: {
    schema: LEAF_SCHEMAS.use,
    label: refcountLabel,
    semantics: REFCOUNT,
    touches: none,
    updates: refcountUpdates,
  },
  singleton: {
    schema: LEAF_SCHEMAS.singleton,
    label: (op) => `singleton(${op.name})`,
    semantics: '`singleton.<name>`',
    touches: (op) => (typeof op.name === 'string' ? [`singleton.${op.name}`] : NONE),
    updates: (op, ctx) => cachedObject(`singleton.${op.name}`, op.as, ctx),
  },
  small_int: {
    schema: LEAF_SCHEMAS.small_int,
    label: (op) => `small_int(${op.value})`,
    semantics: '`small_ints` for -5..256',
    touches: () => ['small_ints'],
    updates: (op, ctx) => (op.value < -5 || op.value > 256 ? NONE : cachedObject('small_ints', op.as, ctx)),
  },
  intern: {
    schema: LEAF_SCHEMAS.intern,
    label: (op) => `intern(${JSON.stringify(op.value)})`,
    semantics:
      "`unicode.interned` (dict + strings); `''`, a latin-1 character and a string CPython allocates statically (`__name__`) are its cached object",
    touches: (op) => (typeof op.value === 'string' ? [internedComponent(op.value)] : NONE),
    updates: (op, ctx) => cachedObject(internedComponent(op.value), op.as, ctx),
  },
  char: {
    schema: LEAF_SCHEMAS.char,
    label: (op) => `char(${JSON.stringify(op.value)})`,
    semantics: '`unicode.latin1` below U+0100',
    touches: () => ['unicode.latin1'],
    updates: (op, ctx) =>
      (op.value.codePointAt(0) ?? 0) >= 256 ? NONE : cachedObject('unicode.latin1', op.as, ctx),
  },
  import: {
    schema: LEAF_SCHEMAS.import,
    label: (op) => `import(${op.module})`,
    semantics:
      "`import` state; the module's static globals (single-phase) or module state (multi-phase); CPython's import check",
    touches: moduleTouches,
    updates: (op) => ['import', `ext:${op.module}`],
  },
  call: {
    schema: LEAF_SCHEMAS.call,
    label: (op) => `call(${op.module})`,
    semantics: "the module's static globals (single-phase) or module state (multi-phase)",
    touches: moduleTouches,
    updates: (op) => [`ext:${op.module}`],
  },
  signal: {
    schema: LEAF_SCHEMAS.signal,
    label: () => 'signal',
    semantics: '`ceval.signals_pending`: set by the main interpreter, read by every eval breaker',
    touches: () => ['ceval.signals_pending'],
    updates: (_op, ctx) => (ctx.isMain ? ['ceval.signals_pending'] : NONE),
  },
  signal_handler: guarded('signal_handler', "CPython's check: only the main interpreter"),
  gil_drop_request: writesComponent('gil_drop_request', 'ceval.gil_drop_request', '`ceval.gil_drop_request`'),
  pending_call: writesComponent(
    'pending_call',
    'ceval.pending_calls',
    '`ceval.pending_calls`: runs what is queued, then queues a call',
  ),
  gc: writesComponent('gc', 'gc', '`gc`'),
  warn: writesComponent('warn', 'warnings', '`warnings`'),
  thread: guarded('thread', "CPython's config check (allow_threads)"),
  daemon_thread: guarded('daemon_thread', "CPython's config check (allow_daemon_threads)"),
  fork: guarded('fork', "CPython's config check (allow_fork)"),
  exec: guarded('exec', "CPython's config check (allow_exec)"),
  subprocess: guarded('subprocess', "CPython's config check (always allowed)"),
  send: {
    schema: LEAF_SCHEMAS.send,
    label: (op) => `send(${op.ref}) to ${op.to}${op.via === 'queue' ? ' via queue' : ''}`,
    semantics:
      'cross-interpreter data: shareable types copied into the receiver, others refused (ValueError 3.12 / NotShareableError 3.13; an int beyond 64 bits: OverflowError); `via: "queue"` (3.13) pickles what is not shareable unless `syncobj`',
    touches: none,
    updates: none,
  },
  send_raw: {
    schema: LEAF_SCHEMAS.send_raw,
    label: (op) => `send_raw(${op.ref}) to ${op.to}`,
    semantics: 'hands over the very object, as a buggy extension would',
    touches: none,
    updates: none,
  },
  recv: {
    schema: LEAF_SCHEMAS.recv,
    label: (op) => `recv() as ${op.as}`,
    semantics: 'takes the next object sent to this interpreter (blocks until one comes)',
    touches: none,
    updates: (op, ctx) => {
      ctx.refKind.set(op.as, 'object');
      return NONE;
    },
  },
  touch: {
    schema: LEAF_SCHEMAS.touch,
    label: (op) => `touch(${op.component})`,
    semantics: 'any catalog component (e.g. a C global from globals-to-fix.tsv)',
    touches: (op) => (typeof op.component === 'string' ? [op.component] : NONE),
    updates: (op) => (op.access === 'read' ? NONE : [op.component]),
  },
  workload: {
    schema: LEAF_SCHEMAS.workload,
    label: (op) => `workload(${op.name})`,
    semantics: 'inlines a named workload',
    touches: none,
    updates: none,
  },
  override_import_check: {
    schema: LEAF_SCHEMAS.override_import_check,
    label: (op) => `override_import_check(${op.check})`,
    semantics:
      "`_imp._override_multi_interp_extensions_check`: the interpreter's import check never, always, or as its config says (RuntimeError in the main interpreter)",
    touches: () => ['import'],
    updates: none,
  },
  destroy: {
    schema: LEAF_SCHEMAS.destroy,
    label: (op) => `destroy(${op.interpreter})`,
    semantics:
      '`_interpreters.destroy`: ends an idle interpreter (its program stops); the current or a running one is refused',
    touches: none,
    updates: none,
  },
  run: {
    schema: LEAF_SCHEMAS.run,
    label: (op) => `run(${op.interpreter})`,
    semantics: '`_interpreters.exec`: runs code in an idle interpreter; one already running is refused',
    touches: none,
    updates: none,
  },
  repeat: {
    schema: z.strictObject({
      op: z.literal('repeat'),
      times: z.number().int().min(0).max(1_000_000),
      body: z.array(z.lazy(() => OpSchema)),
    }),
    label: (op) => `repeat(${op.times})`,
    semantics: 'a loop',
    touches: none,
    updates: none,
  },
};

export const OP_NAMES = Object.keys(OPS) as readonly OpName[];

export const OpSchema: z.ZodType<Op> = z.lazy(() =>
  z.discriminatedUnion(
    'op',
    Object.values(OPS).map((spec) => spec.schema) as unknown as [
      z.ZodObject<{ op: z.ZodLiteral<OpName> }>,
      ...z.ZodObject<{ op: z.ZodLiteral<OpName> }>[],
    ],
  ),
) as z.ZodType<Op>;

export function opLabel(op: Op): string {
  return (OPS[op.op].label as (op: Op) => string)(op);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** At most this many op nodes are looked at by `programComponents` (a guard against hostile input). */
const COMPONENT_WALK_BUDGET = 10_000;

/**
 * The catalog components a program exercises, in the order it first touches them, found statically: a
 * repeat's body once, a `workload` op through `expand`. Takes any value (a stored program may be
 * anything) and never throws.
 */
export function programComponents(
  program: readonly unknown[],
  expand: (workload: string) => readonly Op[] | undefined,
): string[] {
  const out = new Set<string>();
  const stack: unknown[] = [...program].reverse();
  let budget = COMPONENT_WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!isRecord(node) || typeof node.op !== 'string' || !Object.hasOwn(OPS, node.op)) continue;
    const op = node as unknown as Op;
    let body: readonly unknown[] | undefined;
    if (op.op === 'repeat') body = Array.isArray(op.body) ? op.body : undefined;
    else if (op.op === 'workload') body = typeof op.name === 'string' ? expand(op.name) : undefined;
    else for (const id of (OPS[op.op].touches as (op: Op) => readonly string[])(op)) out.add(id);
    if (body) for (let k = body.length - 1; k >= 0; k--) stack.push(body[k]);
  }
  return [...out];
}

/** Stress mode: the components of the shared read-modify-writes one execution of `op` makes. */
export function opUpdates(op: Op, ctx: StressContext): readonly string[] {
  return (OPS[op.op].updates as (op: Op, ctx: StressContext) => readonly string[])(op, ctx);
}
