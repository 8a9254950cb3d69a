// Opaque pagination cursors: base64url of the list's kind and the last item's sort key. Opaque so that the
// order key may change without breaking the API; the kind so that a cursor of one list (issues) given to
// another (projects) is refused rather than read as a position in it. A cursor that does not decode is bad
// input, not a 500.
import { InvalidInputError } from '../domain/errors.js';
import { storableTextProblem } from '../domain/storable-text.js';

/** The lists that hand out cursors. */
export type CursorKind = 'projects' | 'issues' | 'history' | 'validations' | 'tokens';

export function encodeCursor(kind: CursorKind, value: string | number): string {
  return Buffer.from(JSON.stringify([kind, value]), 'utf8').toString('base64url');
}

function decode(kind: CursorKind, cursor: string): unknown {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.length === 2 && parsed[0] === kind ? parsed[1] : undefined;
  } catch {
    return undefined;
  }
}

function invalid(): InvalidInputError {
  return new InvalidInputError('the cursor is not one this list returned', [
    { path: 'cursor', message: 'invalid cursor: pass back a nextCursor value of this list unchanged' },
  ]);
}

export function decodeStringCursor(kind: CursorKind, cursor: string): string {
  const value = decode(kind, cursor);
  // No key or slug holds text that cannot be stored (domain/storable-text.ts): PostgreSQL refuses to compare
  // with NUL (a 500), and each driver compares a lone surrogate as something else.
  if (typeof value !== 'string' || storableTextProblem(value) !== null) throw invalid();
  return value;
}

export function decodeNumberCursor(kind: CursorKind, cursor: string): number {
  const value = decode(kind, cursor);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid();
  return value;
}

/** `limit + 1` rows were asked for: the extra one only says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, kind: CursorKind, keyOf: (row: T) => string | number) {
  const items = rows.slice(0, limit);
  const nextCursor =
    rows.length > limit && items.length > 0 ? encodeCursor(kind, keyOf(items[items.length - 1]!)) : null;
  return { items, nextCursor };
}
