// What a commit is named by: a full (40) or abbreviated (at least 7) hexadecimal SHA-1, as git prints
// them (`git rev-parse HEAD`, `git rev-parse --short HEAD`). Stored lower-case so that lookups agree.

export const GIT_SHA_PATTERN = /^[0-9a-fA-F]{7,40}$/;

export function isGitSha(text: string): boolean {
  return GIT_SHA_PATTERN.test(text);
}

/** The canonical (lower-case) form of a sha that `isGitSha` accepts. */
export function normalizeSha(sha: string): string {
  return sha.toLowerCase();
}
