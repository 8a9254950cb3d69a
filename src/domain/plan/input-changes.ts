/**
 * Plan input changes
 * ==================
 *
 * What a committed write did to a project's plan input, in primitive steps:
 * an issue's plan fields set (created or updated), an issue removed, an edge
 * added or removed, the default estimate set. The store says what it wrote
 * (a removed issue's edges and its children's parent links come as steps of
 * their own), so that applying the steps to the input read at the revision
 * before gives the input at the write's revision without reading the project
 * again: the plan service's path from a write to its new plan.
 *
 * `applyInputChanges` returns a new input (the one given is left as it is:
 * a plan may still be computing from it), or the very same one when no step
 * changes anything the planner reads (a title, a label, a claim).
 *
 * Issues may carry more fields than the planner reads (the forecast's: estimate
 * range, assignee): an issue step carries all of them, and an issue whose
 * fields are all unchanged is no change.
 *
 * Complexity: O(V + E) per write (arrays copied once, not per step); the
 * planner's answer does not depend on the order of issues and edges.
 */

import { assertNever } from '../../runtime-sim/assert-never.js';
import type { DependencyEdge, PlanInput, PlanIssue } from './types.js';

export type InputChange<I extends PlanIssue = PlanIssue> =
  /** An issue created, or its fields after an update (all of them). */
  | { kind: 'issue'; issue: I }
  /** An issue deleted (its edges and its children's links come as steps before this one). */
  | { kind: 'issue-removed'; key: string }
  | { kind: 'edge-added'; edge: DependencyEdge }
  | { kind: 'edge-removed'; edge: DependencyEdge }
  | { kind: 'default-estimate'; estimateDays: number };

/** A plan input whose issues are of type I. */
export type InputOf<I extends PlanIssue> = PlanInput & { issues: I[] };

export function applyInputChanges<I extends PlanIssue>(
  input: InputOf<I>,
  changes: readonly InputChange<I>[],
): InputOf<I> {
  let issues: I[] | null = null;
  const added: DependencyEdge[] = [];
  const removed = new Set<string>();
  let defaultEstimateDays = input.defaultEstimateDays;
  for (const change of changes) {
    switch (change.kind) {
      case 'issue': {
        const list = issues ?? input.issues;
        const at = list.findIndex((issue) => issue.key === change.issue.key);
        if (at >= 0 && sameFields(list[at]!, change.issue)) break;
        issues ??= [...input.issues];
        if (at >= 0) issues[at] = change.issue;
        else issues.push(change.issue);
        break;
      }
      case 'issue-removed': {
        const list = issues ?? input.issues;
        const at = list.findIndex((issue) => issue.key === change.key);
        if (at < 0) break;
        issues ??= [...input.issues];
        issues.splice(at, 1);
        break;
      }
      // The store announces an edge only when it created or deleted it: no duplicate to look for.
      case 'edge-added':
        removed.delete(edgeId(change.edge));
        added.push(change.edge);
        break;
      case 'edge-removed':
        removed.add(edgeId(change.edge));
        break;
      case 'default-estimate':
        defaultEstimateDays = change.estimateDays;
        break;
      default:
        assertNever(change, 'input change');
    }
  }
  if (
    issues === null &&
    added.length === 0 &&
    removed.size === 0 &&
    defaultEstimateDays === input.defaultEstimateDays
  )
    return input;
  const edges = removed.size === 0 ? input.edges : input.edges.filter((e) => !removed.has(edgeId(e)));
  return {
    ...input,
    issues: issues ?? input.issues,
    edges: added.length === 0 ? edges : [...edges, ...added],
    defaultEstimateDays,
  };
}

/** Every field equal (fields are plain values); an absent field equals null. */
function sameFields(a: PlanIssue, b: PlanIssue): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const field of new Set([...Object.keys(x), ...Object.keys(y)]))
    if ((x[field] ?? null) !== (y[field] ?? null)) return false;
  return true;
}

/** Keys hold no NUL character (letters, digits and `._:-`: project-document.ts), so this names one edge. */
function edgeId(edge: DependencyEdge): string {
  return `${edge.issue}\u0000${edge.blockedBy}`;
}
