// What a commit is named by: a full (40) or abbreviated (at least 7) hexadecimal SHA-1, as git prints
// them (`git rev-parse HEAD`, `git rev-parse --short HEAD`). Stored lower-case so that lookups agree.
//
// Two shas name the same commit when one begins the other, as git resolves an abbreviation to the one
// object it begins: `abc1234` and `abc1234def…` are one commit, `abc1234d…` and `abc1234e…` two.

export const GIT_SHA_PATTERN = /^[0-9a-fA-F]{7,40}$/;

/** A full sha: what GitHub posts check runs and commit statuses on. */
export const FULL_SHA_LENGTH = 40;

/** The shortest abbreviation git accepts (`core.abbrev`'s minimum of 7 in `git rev-parse --short`). */
const SHORTEST_SHA = 7;

export function isGitSha(text: string): boolean {
  return GIT_SHA_PATTERN.test(text);
}

/** The canonical (lower-case) form of a sha that `isGitSha` accepts. */
export function normalizeSha(sha: string): string {
  return sha.toLowerCase();
}

/** The abbreviations of a (normalized) sha that are shorter than it: what else may name its commit. */
export function shorterAbbreviations(sha: string): string[] {
  const out: string[] = [];
  for (let n = SHORTEST_SHA; n < sha.length; n++) out.push(sha.slice(0, n));
  return out;
}

/**
 * The commits among `shas` (each naming the same commit as some abbreviation): the shas that no other
 * of them extends, i.e. the longest name of each commit. More than one: the abbreviation was ambiguous.
 */
export function distinctCommits(shas: readonly string[]): string[] {
  const unique = [...new Set(shas)];
  return unique.filter((s) => !unique.some((t) => t !== s && t.startsWith(s))).sort();
}
