// An intern table: each distinct string once, by a small integer id (as CPython's interned-strings dict
// and the compiler's co_consts/co_names share one object per constant or name).

/** The id of `value` in `list` (its position), added when new; `ids` indexes `list`. */
export function internIn(list: string[], ids: Map<string, number>, value: string): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = list.length;
    list.push(value);
    ids.set(value, id);
  }
  return id;
}
