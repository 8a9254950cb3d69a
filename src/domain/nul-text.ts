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

/** A container being walked: its items from `next` on are still to look at. */
interface Frame {
  value: object;
  /** Its keys; null for an array, whose keys are its indices. */
  keys: string[] | null;
  length: number;
  next: number;
  parent: Frame | null;
  key: string | number;
}

function frameOf(value: object, parent: Frame | null, key: string | number): Frame {
  const keys = Array.isArray(value) ? null : Object.keys(value);
  const length = keys === null ? (value as unknown[]).length : keys.length;
  return { value, keys, length, next: 0, parent, key };
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
  // Depth first, one item at a time: a nested container is walked whole before its parent's next item.
  const stack: Frame[] = [frameOf(value, null, '')];
  while (stack.length > 0 && found.length < max) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const key = frame.keys === null ? i : frame.keys[i]!;
    const item: unknown = (frame.value as Record<string | number, unknown>)[key];
    // A key is text too: the field's own path is what holds the character.
    if (typeof key === 'string' && key.includes(NUL)) found.push(pathOf(frame, key));
    else if (typeof item === 'string') {
      if (item.includes(NUL)) found.push(pathOf(frame, key));
    } else if (item !== null && typeof item === 'object') stack.push(frameOf(item, frame, key));
  }
  return found;
}
