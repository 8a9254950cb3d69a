// What changes when a project goes from one document to another: the issues added, changed, removed and
// renamed (the same GitHub issue under a new key: a transferred issue, under its GitHub id or under the
// new id GitHub gave it, which the caller names), the edges added and removed, and
// whether the project's own fields or its GitHub link change. The store applies exactly this, so that a
// sync that finds nothing new writes nothing.
import type { DependencyEdge, DocumentIssue, GithubLink, ProjectDocument } from './model.js';
import { compareKeys } from './plan/key-order.js';

export interface IssueChange {
  before: DocumentIssue;
  after: DocumentIssue;
}

export interface DocumentDiff {
  added: DocumentIssue[];
  changed: IssueChange[];
  removed: DocumentIssue[];
  /** In an order that replays: one that frees a key before the one that takes it. */
  renamed: IssueChange[];
  dependenciesAdded: DependencyEdge[];
  dependenciesRemoved: DependencyEdge[];
  /** Name, description, goal, default estimate or the forecast's settings. */
  projectChanged: boolean;
  /** The link to set (a link or null), when the document names one that differs; else undefined. */
  link: GithubLink | null | undefined;
}

/** An issue's fields in a fixed order, labels as the store keeps them (unique, sorted). */
function canonical(issue: DocumentIssue): string {
  return JSON.stringify([
    issue.title,
    issue.body,
    issue.status,
    issue.estimateDays,
    issue.estimateLowDays ?? null,
    issue.estimateHighDays ?? null,
    issue.assignee ?? null,
    issue.priority ?? null,
    issue.parent,
    issue.url,
    [...new Set(issue.labels)].sort(compareKeys),
    issue.claims,
    issue.checks,
    issue.githubId ?? null,
  ]);
}

/** The forecast's settings of a project, absent ones as null (the store keeps its defaults then). */
const forecastSettings = ({ project }: ProjectDocument) => [
  project.team ?? null,
  project.start ?? null,
  project.workdays ?? null,
  project.holidays ?? null,
];

const edgeId = (e: DependencyEdge) => `${e.issue}\u0000${e.blockedBy}`;
const sameLink = (a: GithubLink | null | undefined, b: GithubLink | null | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `formerGithubIds`: new GitHub id -> the id the same issue had in `current` (GitHub gives a transferred
 * issue a new id; only the sync that followed it knows the two are one issue).
 */
export function diffDocuments(
  current: ProjectDocument,
  next: ProjectDocument,
  formerGithubIds: ReadonlyMap<number, number> = new Map(),
): DocumentDiff {
  // An issue is known by its GitHub id before its key: a key that two GitHub issues hold before and after
  // (the meta issue moved, and `gh-N` of the new home went to that repository's #N while the old home's
  // became `OWNER:REPO:gh-N`) names another issue now. It is `replaced`: the one it held is renamed (or
  // removed), the one that holds it is added, and the history, claims and edges of neither go to the other.
  const before = new Map(current.issues.map((i) => [i.key, i]));
  const sameIssue = (old: DocumentIssue, issue: DocumentIssue) =>
    old.githubId === undefined ||
    issue.githubId === undefined ||
    old.githubId === issue.githubId ||
    formerGithubIds.get(issue.githubId) === old.githubId;
  const kept = new Map<string, DocumentIssue>();
  const replaced = new Set<string>();
  for (const issue of next.issues) {
    const old = before.get(issue.key);
    if (old === undefined) continue;
    if (sameIssue(old, issue)) kept.set(issue.key, old);
    else replaced.add(issue.key);
  }

  // A GitHub id (or its former one) that moved from a key that is gone to a key that is new: one issue, renamed.
  const goneByGithubId = new Map<number, DocumentIssue>();
  for (const issue of current.issues) {
    if (issue.githubId !== undefined && !kept.has(issue.key)) goneByGithubId.set(issue.githubId, issue);
  }
  const renamed: IssueChange[] = [];
  const renamedFrom = new Set<string>();
  const added: DocumentIssue[] = [];
  const changed: IssueChange[] = [];
  for (const issue of next.issues) {
    const old = kept.get(issue.key);
    if (old !== undefined) {
      // Under a parent key that now names another issue, it has another parent, though the key reads the same.
      const newParent = issue.parent !== null && replaced.has(issue.parent);
      if (newParent || canonical(old) !== canonical(issue)) changed.push({ before: old, after: issue });
      continue;
    }
    const id = issue.githubId;
    const former = id === undefined ? undefined : formerGithubIds.get(id);
    const source =
      id === undefined
        ? undefined
        : (goneByGithubId.get(id) ?? (former === undefined ? undefined : goneByGithubId.get(former)));
    if (source !== undefined && !renamedFrom.has(source.key)) {
      renamed.push({ before: source, after: issue });
      renamedFrom.add(source.key);
    } else {
      added.push(issue);
    }
  }
  const removed = current.issues.filter((i) => !kept.has(i.key) && !renamedFrom.has(i.key));
  // Renames in an order that replays one after another: the one that frees a key before the one that takes
  // it (a chain, never a cycle: a key both freed and taken was held by another GitHub issue before).
  const freeing = new Map(renamed.map((r) => [r.before.key, r]));
  const replayed: IssueChange[] = [];
  const placed = new Set<IssueChange>();
  for (const first of renamed) {
    const chain: IssueChange[] = [];
    for (
      let r: IssueChange | undefined = first;
      r !== undefined && !placed.has(r);
      r = freeing.get(r.after.key)
    ) {
      chain.push(r);
      placed.add(r);
    }
    replayed.push(...chain.reverse());
  }

  // An edge with an end whose key names another issue now is another edge: the old one goes, the new comes.
  const sameEdge = (e: DependencyEdge) => !replaced.has(e.issue) && !replaced.has(e.blockedBy);
  const edgesBefore = new Set(current.dependencies.filter(sameEdge).map(edgeId));
  const edgesAfter = new Set(next.dependencies.filter(sameEdge).map(edgeId));
  const { github: linkBefore } = current.project;
  const { github: linkAfter } = next.project;
  return {
    added,
    changed,
    removed,
    renamed: replayed,
    dependenciesAdded: next.dependencies.filter((e) => !edgesBefore.has(edgeId(e))),
    dependenciesRemoved: current.dependencies.filter((e) => !edgesAfter.has(edgeId(e))),
    projectChanged:
      current.project.name !== next.project.name ||
      current.project.description !== next.project.description ||
      current.project.defaultEstimateDays !== next.project.defaultEstimateDays ||
      JSON.stringify(current.project.goal) !== JSON.stringify(next.project.goal) ||
      JSON.stringify(forecastSettings(current)) !== JSON.stringify(forecastSettings(next)),
    link: linkAfter === undefined || sameLink(linkBefore, linkAfter) ? undefined : linkAfter,
  };
}

export function isEmptyDiff(diff: DocumentDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.changed.length === 0 &&
    diff.removed.length === 0 &&
    diff.renamed.length === 0 &&
    diff.dependenciesAdded.length === 0 &&
    diff.dependenciesRemoved.length === 0 &&
    !diff.projectChanged &&
    diff.link === undefined
  );
}
