// How CPython prints an object in its messages: `str()` (PyObject_Str) and `repr()` (PyObject_Repr) of
// the objects a program makes, as each type's tp_str / tp_repr writes them (Objects/*.c). Measured in
// the recorded observations (test/fixtures/cpython-observed/xidata.json), with addresses printed as
// `0x…` there.
// NON-CPYTHON: an object's address is always `0x…` (a report is the same byte for byte on every run).

import { printable312, printable313 } from './cpython-data.js';
import type { PyType } from './object-heap.js';
import type { PythonVersion } from './scenario.js';

/** An object as messages show it: its type, `str()` of it, and a tuple's items. */
export interface ShownObject {
  type: PyType;
  /** `str()` of the object. */
  display: string;
  items?: ShownObject[];
}

export const ADDRESS = '0x…';

/**
 * `str()` of an object of `type` in CPython `python`: `value` is an int's digits, a str's or bytes' text,
 * a frame's or generator's code name; `items` a tuple's items.
 */
export function strOf(
  type: PyType,
  value: string | undefined,
  items: readonly ShownObject[] | undefined,
  python: PythonVersion,
): string {
  const repr = (item: ShownObject) => reprOf(item, python);
  switch (type) {
    case 'NoneType':
      return 'None';
    case 'bool':
      return value ?? 'False';
    case 'int':
      return value ?? '0';
    case 'float':
      return '0.0';
    case 'str':
      return value ?? '';
    case 'bytes':
      // Objects/bytesobject.c: str() of bytes is its repr().
      return bytesRepr(value ?? '');
    case 'tuple':
      if (!items || items.length === 0) return '()';
      // str() of a tuple shows its items' repr().
      return items.length === 1 ? `(${repr(items[0]!)},)` : `(${items.map(repr).join(', ')})`;
    case 'list':
      return '[]';
    case 'dict':
      return '{}';
    case 'set':
      return 'set()';
    case 'frame':
      // Objects/frameobject.c, frame_repr; the probe's frames are compiled from '<string>', line 1.
      return `<frame at ${ADDRESS}, file '<string>', line 1, code ${value ?? 'f'}>`;
    case 'slice':
      return 'slice(None, None, None)';
    case 'context':
      return `<_contextvars.Context object at ${ADDRESS}>`;
    case 'async_gen':
      // Objects/genobject.c, async_gen_repr: the generator's qualified name.
      return `<async_generator object ${value ?? 'f'} at ${ADDRESS}>`;
    case 'object':
      return `<object object at ${ADDRESS}>`;
    case 'memoryview':
      return `<memory at ${ADDRESS}>`;
    case 'bytearray':
      return "bytearray(b'')";
    case 'ellipsis':
      return 'Ellipsis';
    case 'NotImplementedType':
      return 'NotImplemented';
    case 'callable':
      return `<function at ${ADDRESS}>`;
  }
}

/** `repr()` of an object: a str is quoted (Objects/unicodeobject.c, unicode_repr); the others show the same. */
export function reprOf(shown: ShownObject, python: PythonVersion): string {
  return shown.type === 'str' ? strRepr(shown.display, python) : shown.display;
}

/**
 * unicode_repr: single quotes unless the text has a single quote and no double quote; what is not
 * printable escaped as \xNN, \uNNNN or \UNNNNNNNN by its size.
 */
export function strRepr(text: string, python: PythonVersion): string {
  const printable = PRINTABLE[python];
  return quotedRepr(text, (_, c) => !isPrintable(printable, c));
}

/**
 * Py_UNICODE_ISPRINTABLE (Objects/unicodectype.c): not a control, format, surrogate, private-use,
 * unassigned or separator character, the space excepted, by the version's own Unicode tables (15.0 in
 * 3.12, 15.1 in 3.13), recorded: Node's are newer (Unicode 17 in Node 20), so they would print
 * thousands of characters CPython escapes, and differ from one Node to the next.
 */
const PRINTABLE: Readonly<Record<PythonVersion, readonly (readonly [number, number])[]>> = {
  '3.12': printable312,
  '3.13': printable313,
};

/** Whether `c` lies in one of the sorted ranges (a binary search). */
function isPrintable(ranges: readonly (readonly [number, number])[], c: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = ranges[mid]!;
    if (c < first) hi = mid - 1;
    else if (c > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/** bytes_repr (Objects/bytesobject.c): b'...', printable ASCII as is, the rest escaped. */
export function bytesRepr(latin1: string): string {
  return `b${quotedRepr(latin1, (_, c) => c < 0x20 || c >= 0x7f)}`;
}

/**
 * The text between quotes, escaping backslashes, the quote, \t \n \r, and what `escaped` says: as
 * \xNN, \uNNNN or \UNNNNNNNN, the shortest that holds the code point.
 */
function quotedRepr(text: string, escaped: (ch: string, c: number) => boolean): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (escaped(ch, c)) out += escapeCodePoint(c);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(c: number): string {
  const hex = c.toString(16);
  if (c <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (c <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
