// Plans of projects, computed by src/domain/plan and cached by (project slug, creation time, revision): every
// change to a project bumps its revision, so an unchanged project's plan is computed once, and
// serialized once, and served from memory after that.
// Reads: one query for the project (the cache check); on a miss, the plan's input in two lean queries
// (listPlanRows). The full issues (listAll, three times the cost) are read only when a route needs them.

import type { Issue, Project } from '../domain/model.js';
import { computePlan, computeWhatIf } from '../domain/plan/compute-plan.js';
import { transitiveBlockers } from '../domain/plan/transitive-blockers.js';
import type { Plan, PlanInput, TransitiveBlockers } from '../domain/plan/types.js';
import type { IssueStore, PlanRows, ProjectStore } from '../store/types.js';
import { inSpan } from './spans.js';

export interface PlanServiceDeps {
  projects: Pick<ProjectStore, 'get'>;
  issues: Pick<IssueStore, 'listPlanRows' | 'listAll'>;
}

export interface PlanServiceOptions {
  /** Projects whose plans are kept (least recently used ones are dropped first). */
  maxProjects?: number;
}

export interface PlanService {
  /** The plan and the input it was computed from (the same cached objects: read-only). */
  plan(project: string): Promise<{ revision: number; plan: Plan; input: PlanInput }>;
  /** The project and the plan's input rows (the forecast's fields included) at the cached revision. */
  rows(project: string): Promise<{ project: Project; rows: PlanRows }>;
  /** The plan as JSON text, serialized once per revision: a 1k-issue plan is ~270 kB. */
  planJson(project: string): Promise<{ revision: number; json: string }>;
  /** Every issue of the project at the revision of its cached plan. */
  issues(project: string): Promise<Issue[]>;
  /** The plan as if the `done` issues were done; InvalidInputError naming unknown keys. */
  whatIf(project: string, done: string[]): Promise<Plan>;
  /** Every open issue that transitively blocks `key`; NotFoundError for an unknown key. */
  blockers(project: string, key: string): Promise<TransitiveBlockers>;
  /** How many plans were computed (not served from the cache): for tests and diagnostics. */
  readonly computed: number;
}

interface Entry {
  project: Project;
  revision: number;
  /**
   * The project's creation time: a project deleted and created again under the same slug starts again at
   * revision 1, so the revision alone would serve the deleted project's plan to the new one.
   */
  createdAt: number;
  rows: Promise<PlanRows>;
  input: Promise<PlanInput>;
  issues?: Promise<Issue[]>;
  plan?: Promise<Plan>;
  json?: string;
}

export function toPlanInput(rows: PlanRows, defaultEstimateDays: number): PlanInput {
  return { issues: rows.issues, edges: rows.edges, defaultEstimateDays };
}

/** A promise kept in `entry` only while it has not failed: the next call reads or computes afresh. */
function keepUnlessFailed<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

export function createPlanService(deps: PlanServiceDeps, options: PlanServiceOptions = {}): PlanService {
  const maxProjects = options.maxProjects ?? 64;
  const cache = new Map<string, Entry>();
  let computed = 0;

  async function entryFor(slug: string): Promise<Entry> {
    const project = await deps.projects.get(slug);
    const cached = cache.get(slug);
    const createdAt = project.createdAt.getTime();
    if (cached !== undefined && cached.revision === project.revision && cached.createdAt === createdAt) {
      // Most recently used last.
      cache.delete(slug);
      cache.set(slug, cached);
      return cached;
    }
    // Concurrent misses share one read; a failed read is not kept.
    const rows = deps.issues.listPlanRows(slug);
    const entry: Entry = {
      project,
      revision: project.revision,
      createdAt,
      rows,
      input: rows.then((r) => toPlanInput(r, project.defaultEstimateDays)),
    };
    keepUnlessFailed(entry.input, () => {
      if (cache.get(slug) === entry) cache.delete(slug);
    });
    cache.delete(slug);
    cache.set(slug, entry);
    while (cache.size > maxProjects) cache.delete(cache.keys().next().value as string);
    return entry;
  }

  function planOf(slug: string, entry: Entry): Promise<Plan> {
    // A plan that failed (a cyclic graph) is not kept: the next call reports it afresh.
    entry.plan ??= keepUnlessFailed(
      entry.input.then((input) =>
        inSpan('isoplan.plan', { 'isoplan.project': slug, 'isoplan.issues': input.issues.length }, () => {
          computed++;
          return computePlan(input);
        }),
      ),
      () => {
        entry.plan = undefined;
      },
    );
    return entry.plan;
  }

  return {
    async plan(slug) {
      const entry = await entryFor(slug);
      return { revision: entry.revision, plan: await planOf(slug, entry), input: await entry.input };
    },
    async rows(slug) {
      const entry = await entryFor(slug);
      return { project: entry.project, rows: await entry.rows };
    },
    async planJson(slug) {
      const entry = await entryFor(slug);
      const plan = await planOf(slug, entry);
      entry.json ??= JSON.stringify(plan);
      return { revision: entry.revision, json: entry.json };
    },
    async issues(slug) {
      const entry = await entryFor(slug);
      entry.issues ??= keepUnlessFailed(deps.issues.listAll(slug), () => {
        entry.issues = undefined;
      });
      return entry.issues;
    },
    async whatIf(slug, done) {
      const input = await (await entryFor(slug)).input;
      return inSpan(
        'isoplan.plan.what-if',
        { 'isoplan.project': slug, 'isoplan.issues': input.issues.length },
        () => {
          computed++;
          return computeWhatIf(input, done);
        },
      );
    },
    async blockers(slug, key) {
      return transitiveBlockers(await (await entryFor(slug)).input, key);
    },
    get computed() {
      return computed;
    },
  };
}
