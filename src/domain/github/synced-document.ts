// The project document a linked project should hold, from what it holds now and what GitHub holds.
//
// GitHub owns its issues' fields (title, body, status, estimate, assignee, url, labels), the sub-issue tree
// (parents; the meta issue is the root) and the edges from each issue of the tree to its blockers.
// isoplan owns the rest, which a sync keeps: the project's name, description, goal and default estimate;
// each issue's claims, checks and forecast fields (an issue is recognised by its GitHub id, so a transferred issue keeps
// them under its new key); issues added by hand (keys that are not GitHub's) and the edges that touch
// them (an edge or a parent naming a GitHub issue that was renamed follows it to its new key). A GitHub issue that is neither in the tree nor a blocker of an issue in it leaves the project.
//
// The stored graph stays acyclic: the edges the project already has and keeps go in first, then
// GitHub's new edges one by one in key order; one that would close a cycle is left out and reported
// with the cycle's path (the same Pearce-Kelly check as the store's, src/domain/graph/dependency-graph.ts).

import { truncate } from '../ci/truncate.js';
import { DependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyEdge, DocumentIssue, GithubLink, ProjectDocument } from '../model.js';
import { compareKeys } from '../plan/key-order.js';
import { type GithubState, treeIssues } from './github-state.js';
import { formatIssueRef } from './repository.js';

/** A GitHub edge that would close a cycle: not stored. `cycle` is the closed path in blocked-by order. */
export interface RefusedDependency {
  issue: string;
  blockedBy: string;
  cycle: string[];
}

export interface SyncedDocument {
  document: ProjectDocument;
  refused: RefusedDependency[];
}

const NAME_LIMIT = 200;

function edgeId(edge: DependencyEdge): string {
  return `${edge.issue}\u0000${edge.blockedBy}`;
}

export function syncedDocument(
  current: ProjectDocument | null,
  state: GithubState,
  link: GithubLink,
  slug: string,
): SyncedDocument {
  const tree = treeIssues(state);
  const members = new Set<number>(tree);
  for (const id of tree) for (const blocker of state.blockers.get(id) ?? []) members.add(blocker);

  const byGithubId = new Map<number, DocumentIssue>();
  const byKey = new Map<string, DocumentIssue>();
  for (const issue of current?.issues ?? []) {
    if (issue.githubId !== undefined) byGithubId.set(issue.githubId, issue);
    byKey.set(issue.key, issue);
  }

  // GitHub's issues, in tree order first so that a key two ids claim goes to the tree's.
  const issues = new Map<string, DocumentIssue>();
  const keyOfId = new Map<number, string>();
  /** Old key -> new key of the GitHub issues renamed (transferred, or the meta issue's home moved). */
  const renamedTo = new Map<string, string>();
  for (const id of [...tree, ...[...members].filter((m) => !tree.has(m))]) {
    const fields = state.issues.get(id);
    if (fields === undefined || issues.has(fields.key)) continue;
    const former = state.formerIds?.get(id);
    // By GitHub id; by key only an issue of no GitHub id (made by hand under GitHub's key): a key another
    // GitHub issue held (the meta issue moved home, freeing `gh-N`) brings none of that issue's claims.
    const atKey = byKey.get(fields.key);
    const before =
      byGithubId.get(id) ??
      (former === undefined ? undefined : byGithubId.get(former)) ??
      (atKey?.githubId === undefined ? atKey : undefined);
    keyOfId.set(id, fields.key);
    if (before !== undefined && before.githubId !== undefined && before.key !== fields.key)
      renamedTo.set(before.key, fields.key);
    issues.set(fields.key, {
      ...fields,
      parent: null,
      claims: before?.claims ?? [],
      checks: before?.checks ?? [],
      // The forecast's other fields are isoplan's too (the assignee is GitHub's).
      estimateLowDays: before?.estimateLowDays ?? null,
      estimateHighDays: before?.estimateHighDays ?? null,
      priority: before?.priority ?? null,
    });
  }
  for (const [id, key] of keyOfId) {
    const parent = tree.has(id) ? state.parent.get(id) : undefined;
    if (parent !== undefined) issues.get(key)!.parent = keyOfId.get(parent) ?? null;
  }

  // isoplan's own issues stay, and so do their parents when those stay (under their new key when renamed).
  const newKey = (key: string) => renamedTo.get(key) ?? key;
  const own = (current?.issues ?? []).filter((i) => i.githubId === undefined && !issues.has(i.key));
  for (const issue of own) issues.set(issue.key, { ...issue });
  for (const issue of own) {
    const parent = issue.parent === null ? null : newKey(issue.parent);
    issues.get(issue.key)!.parent = parent !== null && issues.has(parent) ? parent : null;
  }

  // Edges: what is stored and stays (acyclic, as every stored graph), then GitHub's new ones.
  const fromGithub: DependencyEdge[] = [];
  for (const id of tree) {
    const issue = keyOfId.get(id);
    if (issue === undefined) continue;
    for (const blocker of state.blockers.get(id) ?? []) {
      const blockedBy = keyOfId.get(blocker);
      if (blockedBy !== undefined && blockedBy !== issue) fromGithub.push({ issue, blockedBy });
    }
  }
  const githubEdges = new Set(fromGithub.map(edgeId));
  const isOwn = (key: string) => issues.get(key)?.githubId === undefined;
  const stored = new Set<string>();
  const kept: DependencyEdge[] = [];
  for (const was of current?.dependencies ?? []) {
    const edge = { issue: newKey(was.issue), blockedBy: newKey(was.blockedBy) };
    if (!issues.has(edge.issue) || !issues.has(edge.blockedBy)) continue;
    if (isOwn(edge.issue) || isOwn(edge.blockedBy) || githubEdges.has(edgeId(edge))) {
      kept.push(edge);
      stored.add(edgeId(edge));
    }
  }
  const graph = DependencyGraph.fromEdges(kept);
  const refused: RefusedDependency[] = [];
  const added = [
    ...new Map(fromGithub.filter((e) => !stored.has(edgeId(e))).map((e) => [edgeId(e), e])).values(),
  ];
  added.sort((a, b) => compareKeys(a.issue, b.issue) || compareKeys(a.blockedBy, b.blockedBy));
  const dependencies = [...kept];
  for (const edge of added) {
    const cycle = graph.cycleIfAdded(edge.issue, edge.blockedBy);
    if (cycle !== null) {
      refused.push({ ...edge, cycle });
      continue;
    }
    graph.add(edge.issue, edge.blockedBy);
    dependencies.push(edge);
  }
  dependencies.sort((a, b) => compareKeys(a.issue, b.issue) || compareKeys(a.blockedBy, b.blockedBy));

  const meta = state.issues.get(state.root);
  const project = current?.project ?? {
    slug,
    name: truncate(
      meta?.title ?? formatIssueRef({ repository: link.repository, number: link.issue }),
      NAME_LIMIT,
    ),
    description: `Kept in sync with the GitHub meta issue ${formatIssueRef({ repository: link.repository, number: link.issue })}${meta ? ` (${meta.url})` : ''}.`,
    goal: [],
    defaultEstimateDays: 1,
  };
  return {
    document: {
      version: 1,
      project: { ...project, github: link },
      issues: [...issues.values()].sort((a, b) => compareKeys(a.key, b.key)),
      dependencies,
    },
    refused,
  };
}
