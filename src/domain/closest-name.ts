// The name meant by a mistyped one: the closest of the names known, for a "did you mean" in a refusal
// (an unknown query parameter: `?trails=` for `trials`). Closeness is the optimal string alignment
// distance (Levenshtein's, with a swap of two neighbours as one edit: `stauts` is one edit from `status`),
// compared without case. O(|word| · Σ|name|) time, O(|name|) space per name.

/** How far a name may be from the word, in edits, to be suggested: a third of the word, at most 2. */
function reach(word: string): number {
  return Math.min(2, Math.max(1, Math.floor(word.length / 3)));
}

/** The optimal string alignment distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: the one before the previous (for swaps), the previous, this one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The name of `names` closest to `word` within reach (case aside), the first of equals; undefined when
 * none is close enough to be what was meant.
 */
export function closestName(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = reach(word) + 1;
  for (const name of names) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
