// Text never holds U+0000 (NUL): one rule for every engine and every way in. PostgreSQL cannot store the
// character in a text column (22021, "invalid byte sequence for encoding UTF8: 0x00"), where SQLite stores
// it, so the same title was kept on one engine and a 500 on the other; and no real title, label, name or
// key contains it. The API refuses it in any part of a request (src/api/plugins/nul-text.ts), the project
// document (import, GitHub sync, the CLI's files) in any string of the document, and a cursor that decodes
// to it is not one a list returned (src/store/cursor.ts).

/** The character refused. */
export const NUL = '\u0000';

/** The message for a string (or a field's name) that holds it. */
export const NUL_IN_TEXT = 'must not contain the NUL character (U+0000)';

/** Paths listed at most: a document full of them is refused just the same. */
const MAX_PATHS = 100;

interface Frame {
  value: object;
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame | null, key: string | number): string {
  const keys: Array<string | number> = [key];
  for (let f = frame; f !== null && f.parent !== null; f = f.parent) keys.push(f.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    path += typeof k === 'number' ? `[${k}]` : path === '' ? k : `.${k}`;
  }
  return path;
}

/**
 * The paths (`title`, `labels[0]`, `issues[3].title`; '' for the value itself) of the strings in `value`,
 * and of the object keys, that hold NUL, in document order, at most `max`. Iterative (no stack to
 * overflow), and paths are built only for the answer: a whole import is walked once, cheaply.
 */
export function pathsWithNul(value: unknown, max: number = MAX_PATHS): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [''] : [];
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  const stack: Frame[] = [{ value, parent: null, key: '' }];
  while (stack.length > 0 && found.length < max) {
    const frame = stack.pop()!;
    const container = frame.value;
    const array = Array.isArray(container);
    const keys = array ? null : Object.keys(container);
    const length = array ? container.length : keys!.length;
    // Forwards for the strings here, backwards onto the stack: document order either way.
    const nested: Frame[] = [];
    for (let i = 0; i < length && found.length < max; i++) {
      const key = array ? i : keys![i]!;
      const item: unknown = (container as Record<string | number, unknown>)[key];
      // A key is text too: the field's own path is what holds the character.
      if (typeof key === 'string' && key.includes(NUL)) found.push(pathOf(frame, key));
      else if (typeof item === 'string') {
        if (item.includes(NUL)) found.push(pathOf(frame, key));
      } else if (item !== null && typeof item === 'object') nested.push({ value: item, parent: frame, key });
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  return found;
}
