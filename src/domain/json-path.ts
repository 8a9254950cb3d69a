// Where a value is in a JSON document, as problems name it: `['issues', 3, 'key']` -> `issues[3].key`.

/** The path of `keys` (object keys and array indices, outermost first); '' for the document itself. */
export function jsonPathOf(keys: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of keys) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
