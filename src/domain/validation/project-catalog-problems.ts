// What a whole project tells the simulator (every issue's claims and checks, the goal's checks) checked
// against its catalog, for the project document and for a validation's input alike; each caller names
// the paths (`issues[3]` in a document, `issues.<key>` in a validation input).
import type { InvalidItem } from '../errors.js';
import type { Check, Claim } from '../model.js';
import { checkProblems, claimProblems } from './catalog-checks.js';

export interface ProjectCatalogPaths {
  /** The path of an issue, given its position and key; `.claims` and `.checks` are appended. */
  issue: (index: number, key: string) => string;
  goal: string;
}

/** Every problem, issue by issue (claims, then checks), then the goal's. */
export function projectCatalogProblems(
  issues: readonly { key: string; claims: readonly Claim[]; checks: readonly Check[] }[],
  goal: readonly Check[],
  paths: ProjectCatalogPaths,
): InvalidItem[] {
  const problems: InvalidItem[] = [];
  issues.forEach((issue, i) => {
    const at = paths.issue(i, issue.key);
    problems.push(...claimProblems(issue.claims, `${at}.claims`));
    problems.push(...checkProblems(issue.checks, `${at}.checks`));
  });
  problems.push(...checkProblems(goal, paths.goal));
  return problems;
}
