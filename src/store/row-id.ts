// Stored runs (validation runs, CI check runs) are addressed in the API by their row id as a string, and
// the lists of rows with ids (history, validation runs, tokens) hand out cursors holding one.

/** The largest row id: ids are Int columns, 32-bit on every engine; PostgreSQL refuses to compare with more. */
const MAX_ROW_ID = 2_147_483_647;

/** Whether `n` is an id a row can have: another names nothing, and on PostgreSQL was a 500. */
export function isRowId(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_ROW_ID;
}

/** The row id of an API id, or null when it cannot be one (then nothing has it: 404). */
export function rowId(id: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return null;
  const n = Number(id);
  return isRowId(n) ? n : null;
}
