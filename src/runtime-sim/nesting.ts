// How deeply a JSON value may nest: one limit and one message for every reader of untrusted JSON
// (the scenario parser, the API's request bodies, the CLI's files). The checks behind them recurse
// (zod's lazy op schema, the parser's program walker, `repeat.body` in the planner's checks): a
// document of a few kilobytes nested a thousand levels deep overflowed the stack. Real documents nest
// about a dozen levels (a scenario 7, the demo project 9). NON-CPYTHON: an input guard, not a model;
// it lives here because the simulator's parser needs it and every layer may import the simulator.

/** The deepest nesting of arrays and objects accepted (about 48 levels of `repeat`). */
export const MAX_NESTING = 100;

/** The message for a value nested past `MAX_NESTING`. */
export const NESTED_TOO_DEEP = `nested more than ${MAX_NESTING} levels deep`;

interface Frame {
  value: object;
  depth: number;
  parent: Frame | null;
  key: string | number;
}

/**
 * The path (`a.b[0]`; '' for the value itself) of the first array or object, in document order,
 * nested more than `max` levels deep (the value itself is level 1), or null. Iterative: no stack to
 * overflow, whatever the input; paths are built only for the answer.
 */
export function pathNestedTooDeep(value: unknown, max: number = MAX_NESTING): string | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth >= max) return pathOf(frame);
    const depth = frame.depth + 1;
    const container = frame.value;
    if (Array.isArray(container)) {
      for (let i = container.length - 1; i >= 0; i--) {
        const item: unknown = container[i];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, depth, parent: frame, key: i });
      }
    } else {
      const keys = Object.keys(container);
      for (let k = keys.length - 1; k >= 0; k--) {
        const item: unknown = (container as Record<string, unknown>)[keys[k]!];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, depth, parent: frame, key: keys[k]! });
      }
    }
  }
  return null;
}

function pathOf(frame: Frame): string {
  const parts: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) parts.push(f.key);
  let out = '';
  for (let k = parts.length - 1; k >= 0; k--) {
    const part = parts[k]!;
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}
