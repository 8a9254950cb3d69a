// Opaque pagination cursors: base64url of the last item's sort key. Opaque so that the order key may
// change without breaking the API; a cursor that does not decode is bad input, not a 500.
import { InvalidInputError } from '../domain/errors.js';

export function encodeCursor(value: string | number): string {
  return Buffer.from(JSON.stringify([value]), 'utf8').toString('base64url');
}

function decode(cursor: string): unknown {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

function invalid(): InvalidInputError {
  return new InvalidInputError('the cursor is not one this service returned', [
    { path: 'cursor', message: 'invalid cursor: pass back a nextCursor value unchanged' },
  ]);
}

export function decodeStringCursor(cursor: string): string {
  const value = decode(cursor);
  if (typeof value !== 'string') throw invalid();
  return value;
}

export function decodeNumberCursor(cursor: string): number {
  const value = decode(cursor);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid();
  return value;
}

/** `limit + 1` rows were asked for: the extra one only says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string | number) {
  const items = rows.slice(0, limit);
  const nextCursor =
    rows.length > limit && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1]!)) : null;
  return { items, nextCursor };
}
