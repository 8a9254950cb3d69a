// Cross-interpreter data (Python/crossinterp.c, `_PyObject_GetCrossInterpreterData`): only
// registered shareable types pass between interpreters, copied into the receiver.
// 3.12 shares None, int, str, bytes; 3.13 adds bool, float, tuple (element-wise) and memoryview.

import type { PythonVersion } from './scenario.js';

export type PyType =
  | 'NoneType'
  | 'bool'
  | 'int'
  | 'float'
  | 'str'
  | 'bytes'
  | 'tuple'
  | 'list'
  | 'dict'
  | 'set'
  | 'frame'
  | 'slice'
  | 'context'
  | 'async_gen'
  | 'object'
  | 'memoryview'
  | 'bytearray'
  | 'ellipsis'
  | 'NotImplementedType'
  | 'callable';

const SHAREABLE_312: ReadonlySet<PyType> = new Set(['NoneType', 'int', 'str', 'bytes']);
const SHAREABLE_313: ReadonlySet<PyType> = new Set([
  ...SHAREABLE_312,
  'bool',
  'float',
  'tuple',
  'memoryview',
]);

export interface XiValue {
  type: PyType;
  /** A display of the object as `str()` would give it (used in the error message). */
  display: string;
  items?: XiValue[];
}

/** Whether objects of `type` are registered as shareable under `python` (a tuple still needs its items). */
export function isShareableType(type: PyType, python: PythonVersion): boolean {
  return (python === '3.12' ? SHAREABLE_312 : SHAREABLE_313).has(type);
}

/** `null` if `value` is shareable under `python`, else the object that is not (a tuple's bad item). */
export function findUnshareable(value: XiValue, python: PythonVersion): XiValue | null {
  const shareable = python === '3.12' ? SHAREABLE_312 : SHAREABLE_313;
  if (!shareable.has(value.type)) return value;
  if (value.type === 'tuple' && value.items) {
    for (const item of value.items) {
      const bad = findUnshareable(item, python);
      if (bad) return bad;
    }
  }
  return null;
}

/** CPython's exception for an unshareable object: ValueError (3.12), NotShareableError (3.13). */
export function notShareable(value: XiValue, python: PythonVersion): { exception: string; message: string } {
  return {
    exception: python === '3.12' ? 'ValueError' : 'NotShareableError',
    message: `${value.display} does not support cross-interpreter data`,
  };
}

/** `str()` of a fresh object of `type`. NON-CPYTHON: `<object object>` has no address, for determinism. */
export function displayOf(type: PyType, items?: readonly XiValue[]): string {
  switch (type) {
    case 'NoneType':
      return 'None';
    case 'bool':
      return 'False';
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'str':
      return '';
    case 'bytes':
      return "b''";
    case 'tuple':
      if (!items || items.length === 0) return '()';
      // str() of a tuple shows its items' repr().
      return items.length === 1 ? `(${reprOf(items[0]!)},)` : `(${items.map(reprOf).join(', ')})`;
    case 'list':
      return '[]';
    case 'dict':
      return '{}';
    case 'set':
      return 'set()';
    case 'frame':
      return '<frame object>';
    case 'slice':
      return 'slice(None, None, None)';
    case 'context':
      return '<_contextvars.Context object>';
    case 'async_gen':
      return '<async_generator object>';
    case 'object':
      return '<object object>';
    case 'memoryview':
      return '<memory>';
    case 'bytearray':
      return "bytearray(b'')";
    case 'ellipsis':
      return 'Ellipsis';
    case 'NotImplementedType':
      return 'NotImplemented';
    case 'callable':
      return '<function>';
  }
}

/** `repr()` of a value: a str is quoted (Objects/unicodeobject.c, unicode_repr); the others here show the same. */
export function reprOf(value: XiValue): string {
  return value.type === 'str' ? strRepr(value.display) : value.display;
}

function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad)
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}
