// Text isoplan stores is what was sent, on every engine and every way in: one rule, two refusals.
// - NUL (U+0000): PostgreSQL cannot store it in a text column (22021, "invalid byte sequence for encoding
//   UTF8: 0x00"), where SQLite stores it, so the same title was kept on one engine and a 500 on the other.
// - A lone surrogate (U+D800..U+DFFF unpaired, as JSON's "\ud800" escape makes): it has no UTF-8 form, so
//   each engine's driver replaced it (one U+FFFD on PostgreSQL, three on SQLite): stored, but not as sent.
// No real title, label, name or key holds either. The API refuses them in any part of a request
// (src/api/plugins/storable-text.ts), the project document (import, GitHub sync, the CLI's files) in any
// string of the document, and a cursor that decodes to either is not one a list returned (src/store/cursor.ts).

import { InvalidInputError } from './errors.js';
import { jsonPathOf } from './json-path.js';

/** The character refused. */
const NUL = '\u0000';

/** The message for a string (or a field's name) that holds NUL. */
export const NUL_IN_TEXT = 'must not contain the NUL character (U+0000)';
/** The message for a string (or a field's name) that holds a lone surrogate. */
export const LONE_SURROGATE_IN_TEXT =
  'must be well-formed Unicode: it holds a lone surrogate (U+D800 to U+DFFF without its pair)';

/** Text that cannot be stored as sent: where it is (`title`, `labels[0]`; '' for the value itself), and why. */
export interface TextProblem {
  path: string;
  message: string;
}

/** Problems listed at most: a document full of them is refused just the same. */
const MAX_PROBLEMS = 100;

/** Why `text` cannot be stored as it is, or null when it can. */
export function storableTextProblem(text: string): string | null {
  if (text.includes(NUL)) return NUL_IN_TEXT;
  return text.isWellFormed() ? null : LONE_SURROGATE_IN_TEXT;
}

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
  return jsonPathOf(keys.reverse());
}

/**
 * The strings in `value`, and the object keys, that cannot be stored as sent (see above), in document
 * order, at most `max`. Iterative (no stack to overflow), and paths are built only for the answer: a
 * whole import is walked once, cheaply.
 */
export function textProblems(value: unknown, max: number = MAX_PROBLEMS): TextProblem[] {
  if (typeof value === 'string') {
    const message = storableTextProblem(value);
    return message === null ? [] : [{ path: '', message }];
  }
  if (value === null || typeof value !== 'object') return [];
  const found: TextProblem[] = [];
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
    const keyProblem = typeof key === 'string' ? storableTextProblem(key) : null;
    if (keyProblem !== null) found.push({ path: pathOf(frame, key), message: keyProblem });
    else if (typeof item === 'string') {
      const message = storableTextProblem(item);
      if (message !== null) found.push({ path: pathOf(frame, key), message });
    } else if (item !== null && typeof item === 'object') stack.push(frameOf(item, frame, key));
  }
  return found;
}

/**
 * The 400 for such text: `subject` (`text in the request`, `the project document's text`) and why; each
 * problem is an error at its path, as the caller names it.
 */
export function textRefusal(subject: string, problems: readonly TextProblem[]): InvalidInputError {
  const why = problems.every((p) => p.message === problems[0]!.message)
    ? problems[0]!.message
    : 'cannot be stored as sent';
  return new InvalidInputError(`${subject} ${why}`, [...problems]);
}
