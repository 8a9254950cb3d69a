// Stored runs (validation runs, CI check runs) are addressed in the API by their row id as a string.

/** The row id of an API id, or null when it cannot be one (then nothing has it: 404). */
export function rowId(id: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return null;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : null;
}
