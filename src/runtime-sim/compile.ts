// Programs compiled to flat code (the role of Python/compile.c; the instruction set is `Code`, as
// Include/opcode.h): refs become slot numbers (LOAD_FAST/STORE_FAST's locals), names become indices,
// `repeat` becomes a counted loop, workloads are inlined. Each op node gets a global id (for steps and
// de-duplication) and its label from the op table.

import { assertNever } from './assert-never.js';
import { internIn } from './intern-table.js';
import { typeId } from './object-heap.js';
import { type Op, opLabel, SINGLETON_NAMES, type SingletonName } from './ops.js';
import type { PythonVersion } from './scenario.js';
import { allocValueText, cachedInterned } from './value-cache.js';
import { getWorkload } from './workloads.js';

export const Code = {
  Alloc: 0,
  Free: 1,
  Incref: 2,
  Decref: 3,
  Use: 4,
  Singleton: 5,
  SmallInt: 6,
  Intern: 7,
  Char: 8,
  Import: 9,
  Call: 10,
  Signal: 11,
  SignalHandler: 12,
  GilDropRequest: 13,
  PendingCall: 14,
  Gc: 15,
  Warn: 16,
  Thread: 17,
  DaemonThread: 18,
  Fork: 19,
  Exec: 20,
  Subprocess: 21,
  Send: 22,
  SendRaw: 23,
  Recv: 24,
  Touch: 25,
  RepeatStart: 26,
  RepeatEnd: 27,
  OverrideImportCheck: 28,
  Destroy: 29,
  Run: 30,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export interface Instr {
  code: Code;
  /** Global op id (index into `CompileTables.ops`). */
  id: number;
  /** Operand meanings depend on `code` (see `compileProgram`); an alloc's `b` is its type id. */
  a: number;
  b: number;
  c: number;
  /** An alloc's tuple items (slots); null for every other instruction (one shape for all). */
  items: number[] | null;
}

export interface OpInfo {
  interp: number;
  index: number;
  label: string;
}

export interface CompiledProgram {
  code: Instr[];
  slots: string[];
  maxDepth: number;
}

/** How a `send` passes its object (operand c of Code.Send). */
export const SendMode = { Channel: 0, Queue: 1, QueueSyncobj: 2 } as const;

/** An import's override of the check for its duration (operand b of Code.Import), as -1 / 0 / 1. */
const RESTRICTIONS = { 'disable-check': -1, 'enable-check': 1 } as const;
const OVERRIDES = { never: -1, always: 1, config: 0 } as const;

/** Interning tables shared by every interpreter's program. */
export interface CompileTables {
  ops: OpInfo[];
  /** Strings `intern` interns. */
  strings: string[];
  stringIds: Map<string, number>;
  /** An alloc's value (an int's digits, a str's or bytes' text) or a frame's code name, by id. */
  values: string[];
  modules: string[];
  moduleIds: Map<string, number>;
  /** Interpreter index by name. */
  interps: Map<string, number>;
  /** Catalog component index by id (for `touch` and `send_raw.via`). */
  componentIndex: (id: string) => number;
  /** The CPython version whose rules apply (scenario.ts, `rulesOf`). */
  python: PythonVersion;
}

function intern(tables: CompileTables, value: string): number {
  return internIn(tables.strings, tables.stringIds, value);
}

export function moduleId(tables: CompileTables, name: string): number {
  return internIn(tables.modules, tables.moduleIds, name);
}

const SIMPLE: Partial<Record<Op['op'], Code>> = {
  signal: Code.Signal,
  signal_handler: Code.SignalHandler,
  gil_drop_request: Code.GilDropRequest,
  pending_call: Code.PendingCall,
  gc: Code.Gc,
  warn: Code.Warn,
  thread: Code.Thread,
  daemon_thread: Code.DaemonThread,
  fork: Code.Fork,
  exec: Code.Exec,
  subprocess: Code.Subprocess,
};

/** Compiles one interpreter's program (a valid scenario's: parseScenario has checked refs and names). */
export function compileProgram(
  program: readonly Op[],
  interp: number,
  tables: CompileTables,
): CompiledProgram {
  const code: Instr[] = [];
  const slots: string[] = [];
  const slotOf = (name: string): number => {
    let s = slots.indexOf(name);
    if (s < 0) {
      s = slots.length;
      slots.push(name);
    }
    return s;
  };
  let index = 0;
  let maxDepth = 0;
  const emit = (ops: readonly Op[], depth: number, prefix: string): void => {
    for (const op of ops) {
      const id = tables.ops.length;
      tables.ops.push({ interp, index: index++, label: prefix + opLabel(op) });
      const instr = (c: Code, a = 0, b = 0, cc = 0, items: number[] | null = null): Instr => ({
        code: c,
        id,
        a,
        b,
        c: cc,
        items,
      });
      switch (op.op) {
        case 'alloc': {
          // Operand c: 1 + the id of its value or code name in `tables.values`, or 0 for none.
          const given = op.value ?? op.code;
          let value = 0;
          if (given !== undefined) {
            tables.values.push(op.value === undefined ? String(given) : allocValueText(op.type, op.value));
            value = tables.values.length;
          }
          code.push(
            instr(Code.Alloc, slotOf(op.as), typeId(op.type), value, op.items ? op.items.map(slotOf) : null),
          );
          break;
        }
        case 'free':
          code.push(instr(Code.Free, slotOf(op.ref)));
          break;
        case 'incref':
          code.push(instr(Code.Incref, slotOf(op.ref)));
          break;
        case 'decref':
          code.push(instr(Code.Decref, slotOf(op.ref)));
          break;
        case 'use':
          code.push(instr(Code.Use, slotOf(op.ref)));
          break;
        case 'singleton':
          code.push(
            instr(
              Code.Singleton,
              SINGLETON_NAMES.indexOf(op.name as SingletonName),
              op.as ? slotOf(op.as) : -1,
            ),
          );
          break;
        case 'small_int':
          code.push(instr(Code.SmallInt, op.value, op.as ? slotOf(op.as) : -1));
          break;
        case 'intern': {
          const cached = cachedInterned(op.value, tables.python);
          const slot = op.as ? slotOf(op.as) : -1;
          if (cached?.kind === 'char') code.push(instr(Code.Char, cached.code, slot));
          else if (cached?.kind === 'singleton')
            code.push(instr(Code.Singleton, SINGLETON_NAMES.indexOf(cached.name), slot));
          // Operand c: a statically allocated string's index + 1 (0: none).
          else
            code.push(
              instr(
                Code.Intern,
                intern(tables, op.value),
                slot,
                cached?.kind === 'static_str' ? cached.index + 1 : 0,
              ),
            );
          break;
        }
        case 'char':
          code.push(instr(Code.Char, op.value.codePointAt(0) ?? 0, op.as ? slotOf(op.as) : -1));
          break;
        case 'import':
          code.push(
            instr(
              Code.Import,
              moduleId(tables, op.module),
              op.restrictions ? RESTRICTIONS[op.restrictions] : 0,
            ),
          );
          break;
        case 'override_import_check':
          code.push(instr(Code.OverrideImportCheck, OVERRIDES[op.check]));
          break;
        case 'destroy':
          code.push(instr(Code.Destroy, tables.interps.get(op.interpreter) ?? -1));
          break;
        case 'run':
          code.push(instr(Code.Run, tables.interps.get(op.interpreter) ?? -1));
          break;
        case 'call':
          code.push(instr(Code.Call, moduleId(tables, op.module)));
          break;
        case 'send': {
          const mode =
            op.via !== 'queue' ? SendMode.Channel : op.syncobj ? SendMode.QueueSyncobj : SendMode.Queue;
          code.push(instr(Code.Send, slotOf(op.ref), tables.interps.get(op.to) ?? -1, mode));
          break;
        }
        case 'send_raw':
          code.push(
            instr(
              Code.SendRaw,
              slotOf(op.ref),
              tables.interps.get(op.to) ?? -1,
              tables.componentIndex(op.via ?? 'crossinterp.raw'),
            ),
          );
          break;
        case 'recv':
          code.push(instr(Code.Recv, slotOf(op.as)));
          break;
        case 'touch':
          code.push(instr(Code.Touch, tables.componentIndex(op.component), op.access === 'read' ? 0 : 1));
          break;
        case 'workload': {
          const body = getWorkload(op.name)?.program ?? [];
          emit(body, depth, `${prefix}${op.name}/`);
          break;
        }
        case 'repeat': {
          if (depth + 1 > maxDepth) maxDepth = depth + 1;
          const start = code.length;
          const head = instr(Code.RepeatStart, op.times, 0, depth);
          code.push(head);
          emit(op.body, depth + 1, prefix);
          head.b = code.length; // the RepeatEnd's position
          code.push(instr(Code.RepeatEnd, start, 0, depth));
          break;
        }
        case 'signal':
        case 'signal_handler':
        case 'gil_drop_request':
        case 'pending_call':
        case 'gc':
        case 'warn':
        case 'thread':
        case 'daemon_thread':
        case 'fork':
        case 'exec':
        case 'subprocess':
          code.push(instr(SIMPLE[op.op]!));
          break;
        default:
          assertNever(op, 'op');
      }
    }
  };
  emit(program, 0, '');
  return { code, slots, maxDepth };
}
