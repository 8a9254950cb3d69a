// Objects CPython makes once and hands out for a value, whoever asks: the two bools
// (Objects/boolobject.c), the small ints -5..256 (Objects/longobject.c), the empty string and the
// one-character latin-1 strings (Objects/unicodeobject.c), the empty and one-byte bytes
// (Objects/bytesobject.c), the
// empty tuple (Objects/tupleobject.c). `alloc` of such a value gets the cached object, as `bool()`,
// `int('5')`, `''.join([])` or `tuple([])` do.
// NON-CPYTHON: an `alloc` of an int, str or bytes without a value, or of a tuple without items, is a
// fresh object (the workloads' allocation churn), where CPython's `int()`, `str()` and `tuple()` give
// the cached 0, '' and ().

import { staticStrings312, staticStrings313 } from './cpython-data.js';
import type { AllocType, SingletonName } from './ops.js';

/** Objects/longobject.c: the cached small ints are -5..256 (NSMALLNEGINTS, NSMALLPOSINTS). */
export const SMALL_INT_MIN = -5;
export const SMALL_INT_MAX = 256;

export type CachedValue =
  | { kind: 'singleton'; name: SingletonName }
  | { kind: 'small_int'; value: number }
  | { kind: 'char'; code: number }
  | { kind: 'byte'; code: number }
  | { kind: 'static_str'; index: number };

/**
 * An alloc's `value` as the object holds it: an int's digits as `int()` reads them and repr prints
 * them ('00007' is 7, '-0' is 0), a str's or bytes' text as given.
 */
export function allocValueText(type: AllocType, value: string | number): string {
  if (type !== 'int') return String(value);
  try {
    return BigInt(value).toString();
  } catch {
    // Not an integer: refused by the scenario check (an op looked at before it is checked keeps its text).
    return String(value);
  }
}

/**
 * The cached object an `alloc` of `type` with `value` (a tuple: with `items`) gives, or null when it
 * makes a fresh one.
 */
export function cachedValue(
  type: AllocType,
  value: string | number | undefined,
  items?: readonly unknown[] | null,
): CachedValue | null {
  if (type === 'bool') return { kind: 'singleton', name: 'False' };
  if (type === 'tuple' && items?.length === 0) return { kind: 'singleton', name: 'empty_tuple' };
  if (value === undefined) return null;
  const text = allocValueText(type, value);
  switch (type) {
    case 'int': {
      if (text.length > 4) return null;
      const n = Number(text);
      return n >= SMALL_INT_MIN && n <= SMALL_INT_MAX ? { kind: 'small_int', value: n } : null;
    }
    case 'str': {
      if (text === '') return { kind: 'singleton', name: 'empty_str' };
      const code = text.codePointAt(0)!;
      return [...text].length === 1 && code < 256 ? { kind: 'char', code } : null;
    }
    case 'bytes':
      if (text === '') return { kind: 'singleton', name: 'empty_bytes' };
      return text.length === 1 ? { kind: 'byte', code: text.charCodeAt(0) } : null;
    default:
      return null;
  }
}

/** The strings each CPython version allocates statically (`_Py_ID`, `_Py_STR`), by text: their index. */
export const STATIC_STRINGS: Readonly<Record<'3.12' | '3.13', readonly string[]>> = {
  '3.12': staticStrings312,
  '3.13': staticStrings313,
};
const STATIC_INDEX = {
  '3.12': new Map(staticStrings312.map((s, k) => [s, k])),
  '3.13': new Map(staticStrings313.map((s, k) => [s, k])),
};

/**
 * The cached object `sys.intern(text)` gives in CPython `python`, or null when it interns the string:
 * '', the latin-1 characters and the strings the runtime allocates statically (`_Py_ID(__name__)`,
 * `_Py_STR(anon_lambda)`) are interned at runtime init (Objects/unicodeobject.c), so interning an
 * equal string hands out that object, in every interpreter.
 */
export function cachedInterned(text: string, python: '3.12' | '3.13'): CachedValue | null {
  const cached = cachedValue('str', text);
  if (cached) return cached;
  const index = STATIC_INDEX[python].get(text);
  return index === undefined ? null : { kind: 'static_str', index };
}

/** The component `sys.intern(text)` uses in some CPython version (a program's components name it). */
export function internedComponent(text: string): string {
  const cached = cachedInterned(text, '3.12') ?? cachedInterned(text, '3.13');
  return cached ? cachedComponent(cached) : 'unicode.interned';
}

/** The catalog component of a cached object. */
export function cachedComponent(cached: CachedValue): string {
  switch (cached.kind) {
    case 'singleton':
      return `singleton.${cached.name}`;
    case 'small_int':
      return 'small_ints';
    case 'char':
      return 'unicode.latin1';
    case 'byte':
      return 'bytes.characters';
    case 'static_str':
      return 'unicode.static_strings';
  }
}
