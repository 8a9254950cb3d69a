// The part of a linked project that GitHub owns, keyed by GitHub's issue ids: each GitHub issue's
// fields, the sub-issue tree under the meta issue, and the blockers of each issue of the tree.
//
// A sync builds it from what it read (stateFromTree); a webhook takes it from the stored project
// (stateFromDocument), changes what the event says changed, with what it fetched fresh from GitHub
// (updateIssue, removeIssue, attachSubtree, detachIssue, setBlockers); syncedDocument then turns it into
// the project document. Issues that are neither in the tree nor blockers of an issue in it drop out there,
// so the functions below never need to chase what an event leaves behind.
//
// The functions that change a state change the one they are given (a state is always a fresh local).
import type { GithubLink, ProjectDocument } from '../model.js';
import { type GithubIssue, type GithubIssueFields, githubIssueFields } from './github-issue.js';
import { githubIssueKey } from './issue-key.js';

/** An issue read from GitHub with its place in the tree and its blockers. */
export interface GithubTreeNode {
  issue: GithubIssue;
  /** GitHub id of its parent; null for the root of what was read. */
  parent: number | null;
  /** Every issue GitHub lists as blocking it, open and closed (isoplan computes readiness itself). */
  blockers: GithubIssue[];
}

/** An issue and its sub-issues, recursively, as read from GitHub: the root first. */
export interface GithubTree {
  nodes: GithubTreeNode[];
}

export interface GithubState {
  /** The meta issue's repository: its issues are `gh-N`. */
  home: string;
  /** GitHub id of the meta issue, the root of the tree. */
  root: number;
  /** Every GitHub issue of the project by GitHub id: those of the tree and their blockers. */
  issues: Map<number, GithubIssueFields>;
  /** Parent of each issue of the tree but the root. */
  parent: Map<number, number>;
  /** Blockers of each issue of the tree (the root included). */
  blockers: Map<number, number[]>;
  /** Issues transferred under a new GitHub id: new id -> the id the project knew (its claims and checks). */
  formerIds?: Map<number, number>;
}

function addNodes(state: GithubState, tree: GithubTree): void {
  // Blockers first, then the tree's own issues: a tree issue is never described by a blocker list's copy.
  for (const node of tree.nodes) {
    for (const blocker of node.blockers) {
      if (!state.issues.has(blocker.id)) state.issues.set(blocker.id, githubIssueFields(state.home, blocker));
    }
  }
  for (const node of tree.nodes) {
    const { id } = node.issue;
    state.issues.set(id, githubIssueFields(state.home, node.issue));
    if (node.parent !== null) state.parent.set(id, node.parent);
    state.blockers.set(
      id,
      node.blockers.map((b) => b.id),
    );
  }
}

/** What a sync read: the meta issue's whole tree (its root is the meta issue). */
export function stateFromTree(home: string, tree: GithubTree): GithubState {
  const root = tree.nodes[0];
  if (root === undefined) throw new Error('a GitHub tree has at least its root');
  const state: GithubState = {
    home,
    root: root.issue.id,
    issues: new Map(),
    parent: new Map(),
    blockers: new Map(),
  };
  addNodes(state, tree);
  return state;
}

/**
 * What a linked project holds of GitHub: its issues with a GitHub id; the tree from their parents; the
 * blockers from the edges between two GitHub issues into an issue of the tree. Null when the meta issue
 * is not in the project (it was never synced).
 */
export function stateFromDocument(doc: ProjectDocument, link: GithubLink): GithubState | null {
  const home = link.repository;
  const rootKey = githubIssueKey(home, { repository: home, number: link.issue });
  const idOfKey = new Map<string, number>();
  const issues = new Map<number, GithubIssueFields>();
  for (const issue of doc.issues) {
    if (issue.githubId === undefined) continue;
    const { claims: _claims, checks: _checks, parent: _parent, ...fields } = issue;
    issues.set(issue.githubId, { ...fields, githubId: issue.githubId });
    idOfKey.set(issue.key, issue.githubId);
  }
  const root = idOfKey.get(rootKey);
  if (root === undefined) return null;
  const state: GithubState = { home, root, issues, parent: new Map(), blockers: new Map() };
  for (const issue of doc.issues) {
    const id = issue.githubId;
    const parent = issue.parent === null ? undefined : idOfKey.get(issue.parent);
    if (id !== undefined && parent !== undefined && id !== root) state.parent.set(id, parent);
  }
  const tree = treeIssues(state);
  for (const id of tree) state.blockers.set(id, []);
  for (const edge of doc.dependencies) {
    const issue = idOfKey.get(edge.issue);
    const blocker = idOfKey.get(edge.blockedBy);
    if (issue !== undefined && blocker !== undefined && tree.has(issue))
      state.blockers.get(issue)!.push(blocker);
  }
  return state;
}

/** The ids of the tree: the root and every issue whose parents lead to it. O(V). */
export function treeIssues(state: GithubState): Set<number> {
  const children = new Map<number, number[]>();
  for (const [child, parent] of state.parent) {
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [child]);
    else list.push(child);
  }
  const tree = new Set<number>([state.root]);
  const queue = [state.root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!) ?? []) {
      if (tree.has(child)) continue; // a parent cycle (GitHub forbids them) is cut, not followed
      tree.add(child);
      queue.push(child);
    }
  }
  return tree;
}

/** Is the issue (by GitHub id) in the tree? */
export function inTree(state: GithubState, id: number): boolean {
  return treeIssues(state).has(id);
}

/** New fields for an issue the project has (its key changes when it moved to another repository). */
export function updateIssue(state: GithubState, issue: GithubIssue): boolean {
  if (!state.issues.has(issue.id)) return false;
  state.issues.set(issue.id, githubIssueFields(state.home, issue));
  return true;
}

/**
 * The issue is gone from GitHub (deleted): its sub-issues leave the tree with it. Not the meta issue (the
 * root, by id, whatever repository a delivery names it in): the whole project would leave with it, claims
 * and checks included; false then, and the state is unchanged (the caller says what to do).
 */
export function removeIssue(state: GithubState, id: number): boolean {
  if (id === state.root) return false;
  state.issues.delete(id);
  state.parent.delete(id);
  state.blockers.delete(id);
  for (const [child, parent] of [...state.parent]) if (parent === id) state.parent.delete(child);
  for (const [issue, blockers] of state.blockers) {
    if (blockers.includes(id))
      state.blockers.set(
        issue,
        blockers.filter((b) => b !== id),
      );
  }
  return true;
}

/** The issue is no longer a sub-issue of an issue of the tree: it leaves with its own sub-issues. */
export function detachIssue(state: GithubState, id: number): void {
  if (id !== state.root) state.parent.delete(id);
}

/**
 * The issue `tree` starts with is now a sub-issue of `parent` (an issue of the tree), with the sub-issues
 * and blockers just read: what was under it before is replaced.
 */
export function attachSubtree(state: GithubState, tree: GithubTree, parent: number): void {
  const top = tree.nodes[0];
  if (top === undefined) return;
  const below = new Set<number>([top.issue.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, p] of state.parent) {
      if (below.has(p) && !below.has(child)) {
        below.add(child);
        grew = true;
      }
    }
  }
  for (const id of below) {
    state.parent.delete(id);
    state.blockers.delete(id);
  }
  addNodes(state, { nodes: tree.nodes.map((n, i) => (i === 0 ? { ...n, parent } : n)) });
}

/** The issues GitHub now lists as blocking `id` (an issue of the tree), with their current fields. */
export function setBlockers(state: GithubState, id: number, blockers: GithubIssue[]): void {
  for (const blocker of blockers) state.issues.set(blocker.id, githubIssueFields(state.home, blocker));
  state.blockers.set(
    id,
    blockers.map((b) => b.id),
  );
}

/**
 * The issue `id` became `issue` (a transfer to another repository: GitHub may give it a new id): its
 * place in the tree, its blockers and what it blocks carry over.
 */
export function replaceIssue(state: GithubState, id: number, issue: GithubIssue): boolean {
  if (!state.issues.has(id)) return false;
  if (id === issue.id) return updateIssue(state, issue);
  state.issues.delete(id);
  state.issues.set(issue.id, githubIssueFields(state.home, issue));
  state.formerIds ??= new Map();
  state.formerIds.set(issue.id, state.formerIds.get(id) ?? id);
  if (state.root === id) state.root = issue.id;
  const parent = state.parent.get(id);
  state.parent.delete(id);
  if (parent !== undefined) state.parent.set(issue.id, parent);
  for (const [child, p] of state.parent) if (p === id) state.parent.set(child, issue.id);
  const blockers = state.blockers.get(id);
  state.blockers.delete(id);
  if (blockers !== undefined) state.blockers.set(issue.id, blockers);
  for (const [blocked, list] of state.blockers) {
    if (list.includes(id))
      state.blockers.set(
        blocked,
        list.map((b) => (b === id ? issue.id : b)),
      );
  }
  return true;
}
