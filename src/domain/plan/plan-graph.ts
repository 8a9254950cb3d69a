/**
 * Plan graph
 * ==========
 *
 * The planner's internal form of a PlanInput: keys mapped to integer ids in key
 * order (so that "smaller id" means "smaller key" and every tie-break is an
 * integer comparison), per-issue columns in typed arrays, and the blocked-by
 * edges in compressed sparse rows, both directions, each row sorted by id and
 * free of duplicates. Every algorithm of the plan works on this form only:
 * no per-node objects, no string keys in hot loops.
 *
 * Edges are bucketed by issue (a counting sort), each issue's row of blockers
 * is sorted in place (rows are short: insertion sort, a typed-array sort for
 * long ones) and duplicates, now adjacent, are dropped; walking the issues in
 * id order then fills the rows by blocker already sorted. Input in the store's
 * order (issues by key, edges by issue then blocker) skips the work it makes
 * needless: the key order's walk (numbered-keys.ts) and the bucketing (the
 * blocker column is the rows by issue already, only checked to be sorted).
 *
 * Complexity: O(V) for the key order in the usual case (numbered-keys.ts, else
 * key-order.ts), O(V + E) for the rest plus the row sorts (O(d log d) for a
 * row of d). Memory kept: about 30 bytes per issue (columns and both rows'
 * starts) and 8 per distinct edge (one Int32 each way), plus the keys; a
 * repeated input edge leaves 4 bytes unused at the end of the rows by issue
 * (compacted in place). Transient: the key map and 8 bytes per input edge.
 *
 * Every problem of the input is collected and thrown at once as an
 * InvalidInputError: duplicate keys, unknown keys, self edges, bad estimates,
 * unknown priorities, parents that are unknown or form a cycle
 * (graph/parent-cycle.ts). Dependency cycles are detected later
 * by the topological order (see compute-plan.ts).
 */

import { InvalidInputError, type InvalidItem } from '../errors.js';
import { ownParentMessage, parentCycleMessage, parentCycles } from '../graph/parent-cycle.js';
import { ISSUE_PRIORITIES } from '../model.js';
import { keyIndex, positionOf } from './key-index.js';
import { keyOrder } from './key-order.js';
import { numberedId, numberedKeys } from './numbered-keys.js';
import { DEFAULT_ESTIMATE_DAYS, type PlanInput } from './types.js';

/** Status codes; OPEN and IN_PROGRESS are below FIRST_FINISHED. */
export const OPEN = 0;
export const IN_PROGRESS = 1;
export const DONE = 2;
export const WONT_DO = 3;
export const FIRST_FINISHED = DONE;
/** Priority code of an issue without one: after p3 (p0 is 0). */
export const NO_PRIORITY = ISSUE_PRIORITIES.length;

export interface PlanGraph {
  n: number;
  /** Keys in id order (sorted). */
  keys: string[];
  /** The id of each input issue, by its position in PlanInput.issues. */
  idOfInput: Int32Array;
  /** Status code per id. */
  status: Uint8Array;
  /** Estimate in days per id, the default applied. */
  duration: Float64Array;
  /** 1 where the estimate was missing and the default was used. */
  defaulted: Uint8Array;
  /** Parent id per id, -1 for none. */
  parent: Int32Array;
  /** Priority code per id: the index in ISSUE_PRIORITIES, NO_PRIORITY for none. */
  priority: Uint8Array;
  /** blockersAdj[blockersStart[v] .. blockersStart[v+1]) are the blockers of v, ascending. */
  blockersStart: Int32Array;
  blockersAdj: Int32Array;
  /** blocksAdj[blocksStart[u] .. blocksStart[u+1]) are the issues u blocks, ascending. */
  blocksStart: Int32Array;
  blocksAdj: Int32Array;
  defaultEstimateDays: number;
}

function statusCode(status: string): number {
  if (status === 'open') return OPEN;
  if (status === 'done') return DONE;
  if (status === 'in_progress') return IN_PROGRESS;
  if (status === 'wont_do') return WONT_DO;
  return -1;
}

export function buildPlanGraph(input: PlanInput): PlanGraph {
  const errors: InvalidItem[] = [];
  const defaultEstimateDays = input.defaultEstimateDays ?? DEFAULT_ESTIMATE_DAYS;
  if (!(Number.isFinite(defaultEstimateDays) && defaultEstimateDays >= 0)) {
    errors.push({ path: 'defaultEstimateDays', message: 'must be a finite number >= 0' });
  }

  const issues = input.issues;
  const inputKeys = new Array<string>(issues.length);
  for (let i = 0; i < issues.length; i++) inputKeys[i] = issues[i]!.key;
  const numbered = numberedKeys(inputKeys);
  const sorted = numbered !== null ? numbered.order : keyOrder(inputKeys);
  // idOf[i]: the id of issues[i]; ids follow key order. Keys given in that order are their own order
  // and ids (100k keys: 0.7-1.2 ms for the copy of the keys, 0.2 for the ids, not spent).
  let idOf: Int32Array;
  let keys: string[];
  if (numbered?.inOrder) {
    idOf = sorted;
    keys = inputKeys;
  } else {
    idOf = new Int32Array(issues.length);
    for (let r = 0; r < sorted.length; r++) idOf[sorted[r]!] = r;
    keys = new Array<string>(issues.length);
    for (let r = 0; r < sorted.length; r++) keys[r] = inputKeys[sorted[r]!]!;
  }
  // Numbered keys are looked up straight to ids (numbered-keys.ts); others by input position in a hash
  // table (key-index.ts), then idOf.
  const index = numbered !== null ? null : keyIndex(inputKeys);
  if (index !== null && index.repeated > 0) ({ idOf, keys } = withoutDuplicates(inputKeys, sorted, errors));
  const idOfKey = (key: string): number => {
    if (index === null) return numberedId(numbered!, key);
    const at = positionOf(index, key);
    return at < 0 ? -1 : idOf[at]!;
  };
  const n = keys.length;

  const status = new Uint8Array(n);
  const duration = new Float64Array(n);
  const defaulted = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const priority = new Uint8Array(n).fill(NO_PRIORITY);
  let lastParentKey: string | undefined;
  let lastParent = -1;
  let linked = 0;
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i]!;
    const v = idOf[i]!;
    const code = statusCode(issue.status);
    if (code < 0) errors.push({ path: `issues[${i}].status`, message: `unknown status '${issue.status}'` });
    else status[v] = code;
    if (issue.priority !== null && issue.priority !== undefined) {
      const rank = ISSUE_PRIORITIES.indexOf(issue.priority);
      if (rank < 0)
        errors.push({ path: `issues[${i}].priority`, message: `unknown priority '${issue.priority}'` });
      else priority[v] = rank;
    }
    const estimate = issue.estimateDays;
    if (estimate === null || estimate === undefined) {
      duration[v] = defaultEstimateDays;
      defaulted[v] = 1;
    } else if (Number.isFinite(estimate) && estimate >= 0) {
      duration[v] = estimate;
    } else {
      errors.push({ path: `issues[${i}].estimateDays`, message: 'must be a finite number >= 0 or null' });
    }
    if (issue.parent !== null && issue.parent !== undefined) {
      // Sub-issues of one parent usually come together: look each run's parent up once.
      if (issue.parent !== lastParentKey) {
        lastParentKey = issue.parent;
        lastParent = idOfKey(issue.parent);
      }
      const p = lastParent;
      if (p < 0) errors.push({ path: `issues[${i}].parent`, message: `unknown issue '${issue.parent}'` });
      else if (p === v) errors.push({ path: `issues[${i}].parent`, message: ownParentMessage(issue.key) });
      else {
        parent[v] = p;
        linked++;
      }
    }
  }
  // No links, no cycle: projects without sub-issues skip the walk over every issue.
  const loops = linked > 0 ? parentCycles(parent) : [];
  if (loops.length > 0) reportParentCycles(loops, keys, idOf, errors);

  // Edges as two id columns (blocker -> issue); bad edges are reported and skipped. Each issue's
  // blockers and each blocker's issues are counted on the way, for the rows both ways (a duplicate,
  // found later, is taken off its blocker's count).
  const edges = input.edges;
  let m = 0;
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  const blockersStart = new Int32Array(n + 1);
  const blocksStart = new Int32Array(n + 1);
  let lastIssueKey: string | undefined;
  let lastIssue = -1;
  // Whether each issue's edges come in one run, the runs in id order (as the store reads them: ORDER BY
  // issue): then `from` holds the rows by issue already (see rowsByIssue). Checked once a run.
  let inIssueOrder = true;
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e]!;
    // The edges of one issue usually come together: look each run's issue up once.
    if (edge.issue !== lastIssueKey) {
      const previous = lastIssue;
      lastIssueKey = edge.issue;
      lastIssue = idOfKey(edge.issue);
      if (lastIssue <= previous) inIssueOrder = false;
    }
    const v = lastIssue;
    const u = idOfKey(edge.blockedBy);
    if (v < 0) errors.push({ path: `edges[${e}].issue`, message: `unknown issue '${edge.issue}'` });
    if (u < 0) errors.push({ path: `edges[${e}].blockedBy`, message: `unknown issue '${edge.blockedBy}'` });
    if (u < 0 || v < 0) continue;
    if (u === v) {
      errors.push({ path: `edges[${e}]`, message: `'${edge.issue}' cannot be blocked by itself` });
      continue;
    }
    from[m] = u;
    to[m] = v;
    blockersStart[v + 1]!++;
    blocksStart[u + 1]!++;
    m++;
  }
  if (errors.length > 0)
    throw new InvalidInputError(`the plan input has ${errors.length} problem(s)`, errors);

  // Rows by issue, each sorted in place (rows are short) and rid of duplicates; then the rows by
  // blocker come out sorted by walking the issues in id order.
  const blockersAdj = rowsByIssue(n, m, from, inIssueOrder ? null : to, blockersStart, blocksStart);
  const blocksAdj = rowsByBlocker(n, blockersStart, blockersAdj, blocksStart);
  return {
    n,
    keys,
    idOfInput: idOf,
    status,
    duration,
    defaulted,
    parent,
    priority,
    blockersStart,
    blockersAdj,
    blocksStart,
    blocksAdj,
    defaultEstimateDays,
  };
}

/** Each parent cycle at the parent field of the issue it starts from (its first input position). */
function reportParentCycles(
  loops: number[][],
  keys: string[],
  idOf: Int32Array,
  errors: InvalidItem[],
): void {
  const inputAt = new Int32Array(keys.length).fill(-1);
  for (let i = idOf.length - 1; i >= 0; i--) inputAt[idOf[i]!] = i;
  for (const loop of loops) {
    errors.push({
      path: `issues[${inputAt[loop[0]!]}].parent`,
      message: parentCycleMessage(loop.map((v) => keys[v]!)),
    });
  }
}

/** Slow path for repeated keys: each is reported, and later occurrences share the first one's id. */
function withoutDuplicates(
  inputKeys: string[],
  sorted: Int32Array,
  errors: InvalidItem[],
): { idOf: Int32Array; keys: string[] } {
  const idOf = new Int32Array(inputKeys.length);
  const keys: string[] = [];
  const duplicates: number[] = [];
  let previous: string | undefined;
  for (let r = 0; r < sorted.length; r++) {
    const i = sorted[r]!;
    const key = inputKeys[i]!;
    if (key === previous) duplicates.push(i);
    else {
      keys.push(key);
      previous = key;
    }
    idOf[i] = keys.length - 1;
  }
  duplicates.sort((a, b) => a - b);
  for (const i of duplicates)
    errors.push({ path: `issues[${i}].key`, message: `duplicate key '${inputKeys[i]}'` });
  return { idOf, keys };
}

/**
 * The blockers of each issue, ascending and without duplicates. `start[v + 1]` holds v's edge count and
 * becomes the rows' starts; a dropped duplicate u is taken off `blocksCount[u + 1]`. Rows are sorted and
 * compacted in place, each moved down by the duplicates before it: no second array, no copy pass, and
 * the rows by blocker counted in the edge pass rather than in a pass of their own (10k graph build,
 * new/old 0.91-0.93 on the epics and uniform shapes, 0.96-1.04 on chains and fan; best of 12
 * interleaved, shared machine).
 *
 * Without `to`, the edges came in runs by issue in id order (the store's order): `from` is the rows
 * already, and they are only checked (sorted, duplicates dropped), not bucketed. This phase in the store's
 * order, 10k / 100k issues, old -> new ms: epics 0.36 -> 0.23 / 3.6 -> 2.4, uniform 0.34 -> 0.21 / 3.3 ->
 * 2.1, chains 0.30 -> 0.18 / 2.9 -> 1.7, fan 0.27 -> 0.17 / 2.9 -> 1.6 (best of 60 / 20, interleaved,
 * shared machine); in any other order unchanged.
 */
function rowsByIssue(
  n: number,
  m: number,
  from: Int32Array,
  to: Int32Array | null,
  start: Int32Array,
  blocksCount: Int32Array,
): Int32Array {
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  let adj = from;
  if (to !== null) {
    const fill = start.slice(0, n);
    adj = new Int32Array(m);
    for (let e = 0; e < m; e++) adj[fill[to[e]!]!++] = from[e]!;
  }
  let w = 0;
  for (let v = 0; v < n; v++) {
    const first = start[v]!; // not yet moved: rows before v only moved start[.. v]
    const end = start[v + 1]!;
    if (end - first > 32) adj.subarray(first, end).sort();
    else {
      for (let k = first + 1; k < end; k++) {
        const x = adj[k]!;
        let j = k;
        while (j > first && adj[j - 1]! > x) {
          adj[j] = adj[j - 1]!;
          j--;
        }
        adj[j] = x;
      }
    }
    start[v] = w;
    let previous = -1;
    for (let k = first; k < end; k++) {
      const u = adj[k]!;
      if (u === previous) blocksCount[u + 1]!--;
      else adj[w++] = previous = u;
    }
  }
  start[n] = w;
  return w === m ? adj : adj.subarray(0, w);
}

/** The issues each blocker blocks, ascending: walking the issues in id order fills them sorted. `start[u + 1]` holds u's count. */
function rowsByBlocker(
  n: number,
  blockersStart: Int32Array,
  blockersAdj: Int32Array,
  start: Int32Array,
): Int32Array {
  for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(start[n]!);
  for (let v = 0; v < n; v++)
    for (let k = blockersStart[v]!; k < blockersStart[v + 1]!; k++) adj[fill[blockersAdj[k]!]!++] = v;
  return adj;
}
