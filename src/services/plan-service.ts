// Plans of projects, computed by src/domain/plan and cached by (project slug,
// project revision): every change to a project bumps its revision, so an
// unchanged project's plan is computed once and served from memory after that.
// Reads: one query for the project (the cache check), plus one for its issues on a miss.

import type { Issue, Project } from '../domain/model.js';
import { computePlan, computeWhatIf } from '../domain/plan/compute-plan.js';
import { transitiveBlockers } from '../domain/plan/transitive-blockers.js';
import type { Plan, PlanInput, TransitiveBlockers } from '../domain/plan/types.js';
import type { IssueStore, ProjectStore } from '../store/types.js';

export interface PlanServiceDeps {
  projects: Pick<ProjectStore, 'get'>;
  /** listAll already carries each issue's blockedBy: no separate dependency query is needed. */
  issues: Pick<IssueStore, 'listAll'>;
}

export interface PlanServiceOptions {
  /** Projects whose plans are kept (least recently used ones are dropped first). */
  maxProjects?: number;
}

/** A project at one revision, with everything planning needs. */
export interface PlanSnapshot {
  project: Project;
  issues: Issue[];
  input: PlanInput;
}

export interface PlanService {
  /** The project and its issues at the current revision (cached). */
  snapshot(project: string): Promise<PlanSnapshot>;
  plan(project: string): Promise<{ revision: number; plan: Plan }>;
  /** The plan as if the `done` issues were done; InvalidInputError naming unknown keys. */
  whatIf(project: string, done: string[]): Promise<Plan>;
  /** Every open issue that transitively blocks `key`; NotFoundError for an unknown key. */
  blockers(project: string, key: string): Promise<TransitiveBlockers>;
  /** How many plans were computed (not served from the cache): for tests and diagnostics. */
  readonly computed: number;
}

interface Entry {
  revision: number;
  snapshot: Promise<PlanSnapshot>;
  plan?: Promise<Plan>;
}

export function toPlanInput(project: Project, issues: Issue[]): PlanInput {
  return {
    issues: issues.map(({ key, status, estimateDays, parent }) => ({ key, status, estimateDays, parent })),
    edges: issues.flatMap((issue) => issue.blockedBy.map((blockedBy) => ({ issue: issue.key, blockedBy }))),
    defaultEstimateDays: project.defaultEstimateDays,
  };
}

export function createPlanService(deps: PlanServiceDeps, options: PlanServiceOptions = {}): PlanService {
  const maxProjects = options.maxProjects ?? 64;
  const cache = new Map<string, Entry>();
  let computed = 0;

  async function entryFor(slug: string): Promise<Entry> {
    const project = await deps.projects.get(slug);
    const cached = cache.get(slug);
    if (cached !== undefined && cached.revision === project.revision) {
      // Most recently used last.
      cache.delete(slug);
      cache.set(slug, cached);
      return cached;
    }
    // Concurrent misses share one read; a failed read is not kept.
    const snapshot = deps.issues.listAll(slug).then((issues) => ({
      project,
      issues,
      input: toPlanInput(project, issues),
    }));
    const entry: Entry = { revision: project.revision, snapshot };
    cache.delete(slug);
    cache.set(slug, entry);
    while (cache.size > maxProjects) cache.delete(cache.keys().next().value as string);
    snapshot.catch(() => {
      if (cache.get(slug) === entry) cache.delete(slug);
    });
    return entry;
  }

  return {
    async snapshot(slug) {
      return (await entryFor(slug)).snapshot;
    },
    async plan(slug) {
      const entry = await entryFor(slug);
      let plan = entry.plan;
      if (plan === undefined) {
        const computing = entry.snapshot.then((snapshot) => {
          computed++;
          return computePlan(snapshot.input);
        });
        // A plan that failed (a cyclic graph) is not kept: the next call reports it afresh.
        computing.catch(() => {
          if (entry.plan === computing) entry.plan = undefined;
        });
        entry.plan = plan = computing;
      }
      return { revision: entry.revision, plan: await plan };
    },
    async whatIf(slug, done) {
      const { input } = await (await entryFor(slug)).snapshot;
      computed++;
      return computeWhatIf(input, done);
    },
    async blockers(slug, key) {
      const { input } = await (await entryFor(slug)).snapshot;
      return transitiveBlockers(input, key);
    },
    get computed() {
      return computed;
    },
  };
}
