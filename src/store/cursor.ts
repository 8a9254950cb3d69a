// Opaque pagination cursors: base64url of the list's kind, the last item's sort key and, for a list within
// a kind (one project's issues, with these filters), a digest of what selects it. Opaque so that the order
// key may change without breaking the API; the kind and the selection so that a cursor of one list given to
// another (issues to projects, project a's issues or history to project b, `?status=open`'s to
// `?status=done`) is refused rather than read as a position in it: the key of another project's list is a
// position in this one too, and answered a page of it that started in the middle, without a word. A cursor
// that does not decode is bad input, not a 500. A cursor is not signed: one made by hand that decodes is a
// position like any other, in a list its caller may read whole anyway.
// Cursors made before they named their list (`[kind, key]`, up to 84350db) are still held by what was open
// across that upgrade (a dashboard page's "Show older events", a script half-way through a list): a list of
// rows with an id unique across projects (history, validation runs) takes one when the row it names is one
// of its own items, which makes it a position in this list exactly (decodeIdCursor); any other list refuses it.
import { InvalidInputError } from '../domain/errors.js';
import { storableTextProblem } from '../domain/storable-text.js';
import { queryVariant } from './etag.js';
import { isRowId } from './row-id.js';

/** The lists that hand out cursors. */
export type CursorKind = 'projects' | 'issues' | 'history' | 'validations' | 'tokens';

/**
 * What a cursor names besides its kind: the list's selection within the kind (e.g. `{ project, status }`,
 * normalized: equal selections spelled differently must be equal), or undefined for a kind that is one list.
 */
export type CursorSelection = unknown;

/** The members of a cursor besides its key: the kind, and the digest of the selection if there is one. */
function listOf(kind: CursorKind, selection: CursorSelection): string[] {
  return selection === undefined ? [kind] : [kind, queryVariant(selection)];
}

export function encodeCursor(kind: CursorKind, value: string | number, selection?: CursorSelection): string {
  const [name, ...of] = listOf(kind, selection);
  return Buffer.from(JSON.stringify([name, value, ...of]), 'utf8').toString('base64url');
}

function decode(kind: CursorKind, cursor: string, selection: CursorSelection): unknown {
  const [name, ...of] = listOf(kind, selection);
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 + of.length || parsed[0] !== name) return undefined;
    return of.every((member, i) => parsed[2 + i] === member) ? parsed[1] : undefined;
  } catch {
    return undefined;
  }
}

function invalid(): InvalidInputError {
  return new InvalidInputError('the cursor is not one this list returned', [
    {
      path: 'cursor',
      message:
        'invalid cursor: pass back a nextCursor value of this list unchanged, to the same list (the same project and filters)',
    },
  ]);
}

export function decodeStringCursor(kind: CursorKind, cursor: string, selection?: CursorSelection): string {
  const value = decode(kind, cursor, selection);
  // No key or slug holds text that cannot be stored (domain/storable-text.ts): PostgreSQL refuses to compare
  // with NUL (a 500), and each driver compares a lone surrogate as something else.
  if (typeof value !== 'string' || storableTextProblem(value) !== null) throw invalid();
  return value;
}

/** The row id of a cursor (the lists of rows with ids hand out the last one's). */
export function decodeNumberCursor(kind: CursorKind, cursor: string, selection?: CursorSelection): number {
  const value = decode(kind, cursor, selection);
  if (!isRowId(value)) throw invalid();
  return value;
}

/**
 * The id of a cursor of a list of rows whose ids are unique across projects, in the form it hands out, or
 * in the form made before cursors named their list when `holds` finds that row among the list's items.
 * @param holds whether the row of this id is an item of the list (this project's, under these filters)
 */
export async function decodeIdCursor(
  kind: 'history' | 'validations',
  cursor: string,
  selection: CursorSelection,
  holds: (id: number) => Promise<boolean>,
): Promise<number> {
  const named = decode(kind, cursor, selection);
  const id = named ?? decode(kind, cursor, undefined);
  if (!isRowId(id)) throw invalid();
  if (named === undefined && !(await holds(id))) throw invalid();
  return id;
}

/** `limit + 1` rows were asked for: the extra one only says whether there is a next page. */
export function toPage<T>(
  rows: T[],
  limit: number,
  kind: CursorKind,
  keyOf: (row: T) => string | number,
  selection?: CursorSelection,
) {
  const items = rows.slice(0, limit);
  const nextCursor =
    rows.length > limit && items.length > 0
      ? encodeCursor(kind, keyOf(items[items.length - 1]!), selection)
      : null;
  return { items, nextCursor };
}
