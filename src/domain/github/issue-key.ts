// The key of a GitHub issue in a project linked to a meta issue: `gh-NUMBER` for an issue of the meta
// issue's repository (the project's "home"), `OWNER:REPO:gh-NUMBER` for an issue of another repository
// (blockers often live elsewhere). Keys allow `:` but not `/` or `#`, hence the colons.
import { type IssueRef, sameRepository } from './repository.js';

const KEY = /^(?:([A-Za-z0-9][A-Za-z0-9-]*):([A-Za-z0-9._-]+):)?gh-([1-9][0-9]*)$/;

export function githubIssueKey(home: string, ref: IssueRef): string {
  if (sameRepository(ref.repository, home)) return `gh-${ref.number}`;
  const [owner, name] = ref.repository.split('/') as [string, string];
  return `${owner}:${name}:gh-${ref.number}`;
}

/** The GitHub issue a key names in a project whose home is `home`, or null for any other key. */
export function issueRefOfKey(home: string, key: string): IssueRef | null {
  const match = KEY.exec(key);
  if (match === null) return null;
  const number = Number(match[3]);
  if (!Number.isSafeInteger(number)) return null;
  return { repository: match[1] === undefined ? home : `${match[1]}/${match[2]}`, number };
}

/**
 * The keys of a project (whose meta issue lives in `home`) that name the given GitHub issues: as the
 * project spells them, whatever case the references use. References to issues the project does not
 * have are left out.
 */
export function keysOfIssues(home: string, refs: readonly IssueRef[], keys: Iterable<string>): string[] {
  const byLowerKey = new Map<string, string>();
  for (const key of keys) byLowerKey.set(key.toLowerCase(), key);
  const out: string[] = [];
  for (const ref of refs) {
    const key = byLowerKey.get(githubIssueKey(home, ref).toLowerCase());
    if (key !== undefined && !out.includes(key)) out.push(key);
  }
  return out;
}
