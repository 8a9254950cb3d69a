// GitHub repositories and issues as isoplan names them: `OWNER/REPO` and `OWNER/REPO#NUMBER`.
// GitHub compares owner and repository names without regard to case (github.com/Python/CPython is
// python/cpython), so every comparison here does too; the spelling GitHub returns is the one kept.
import { z } from 'zod';
import type { GithubLink } from '../model.js';

/** An issue on GitHub: the repository (`OWNER/REPO`) and the issue's number in it. */
export interface IssueRef {
  repository: string;
  number: number;
}

// GitHub's rules: an owner is 1 to 39 letters, digits or single dashes, not starting with a dash; a
// repository name is 1 to 100 letters, digits, `.`, `_` or `-`, other than `.` and `..`.
const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})';
const NAME = '(?!\\.\\.?(?:$|#))[A-Za-z0-9._-]{1,100}';
const REPOSITORY = new RegExp(`^${OWNER}/${NAME}$`);
const ISSUE_REFERENCE = new RegExp(`^(${OWNER}/${NAME})#([1-9][0-9]{0,9})$`);

export const GithubRepositorySchema = z
  .string()
  .regex(REPOSITORY, 'must be a GitHub repository as OWNER/REPO, e.g. python/cpython')
  .describe('A GitHub repository, `OWNER/REPO`');

export const GithubIssueNumberSchema = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .describe("The issue's number in its repository");

export function isRepository(text: string): boolean {
  return REPOSITORY.test(text);
}

/** `OWNER/REPO#N` -> its parts, or null when the text is not an issue reference. */
export function parseIssueReference(text: string): IssueRef | null {
  const match = ISSUE_REFERENCE.exec(text.trim());
  if (match === null) return null;
  return { repository: match[1] as string, number: Number(match[2]) };
}

export function formatIssueRef(ref: IssueRef): string {
  return `${ref.repository}#${ref.number}`;
}

export function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function sameIssue(a: IssueRef, b: IssueRef): boolean {
  return a.number === b.number && sameRepository(a.repository, b.repository);
}

/** Whether two links name the same meta issue and project document (a repository's case does not count). */
export function sameGithubLink(a: GithubLink, b: GithubLink): boolean {
  return a.issue === b.issue && sameRepository(a.repository, b.repository) && a.document === b.document;
}
