// The layouts validation runs checks under: what holds now, what holds once everything is done, and
// per issue what holds once it and what it waits for land (see validate-project.ts's banner).
import type { Claim } from '../model.js';
import type { Layout } from './input.js';
import { isDone, isOpen, isWontDo, type ValidationGraph, waitsFor } from './validation-graph.js';

export interface ProjectLayouts {
  /** The catalog's starting placements plus the claims of done issues, applied in topological order. */
  current: Layout;
  /** Who set each component of `current`: the last done issue to claim it. */
  claimedBy: Map<string, string>;
  /** `current` plus the claims of every open issue, in topological order. */
  allDone: Layout;
  /** By id, the layout the issue's checks run under; null when they do not run (wont_do, or no checks). */
  byIssue: (Layout | null)[];
}

/** A later claim of the same component overrides an earlier one. */
export function applyClaims(layout: Layout, claims: readonly Claim[]): void {
  for (const claim of claims) layout[claim.component] = claim.placement;
}

export function projectLayouts(graph: ValidationGraph): ProjectLayouts {
  const { keys, issues, order } = graph;
  const current: Layout = {};
  const claimedBy = new Map<string, string>();
  for (const v of order) {
    if (!isDone(graph, v)) continue;
    applyClaims(current, issues[v]!.claims);
    for (const c of issues[v]!.claims) claimedBy.set(c.component, keys[v]!);
  }
  const allDone: Layout = { ...current };
  for (const v of order) if (isOpen(graph, v)) applyClaims(allDone, issues[v]!.claims);
  const byIssue = issues.map((_, v) => issueLayout(graph, current, v));
  return { current, claimedBy, allDone, byIssue };
}

/**
 * A finished issue's checks run under the current layout (what holds now); an open issue's under the
 * current layout plus the claims of its open transitive blockers plus its own.
 */
function issueLayout(graph: ValidationGraph, current: Layout, v: number): Layout | null {
  if (isWontDo(graph, v) || graph.checks[v]!.length === 0) return null;
  if (isDone(graph, v)) return current;
  const layout: Layout = { ...current };
  for (const u of graph.order)
    if (u !== v && isOpen(graph, u) && waitsFor(graph, v, u)) applyClaims(layout, graph.issues[u]!.claims);
  applyClaims(layout, graph.issues[v]!.claims);
  return layout;
}
