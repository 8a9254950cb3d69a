// Plans of projects, computed by src/domain/plan and cached by (project slug, creation time, revision): every
// change to a project bumps its revision, so an unchanged project's plan is computed once and served from
// memory after that.
//
// Reads: the project's revision and creation time (the cache check: one statement prepared once, without
// Prisma, store/engine.ts projectRevision); on a miss, the plan's input in two lean queries (listPlanRows).
// The full project is read only for the forecast (rows), once per revision; the full issues (listAll,
// three times the cost) only when a route needs them.
//
// Writes: the stores announce what each commit did to a project's plan input (store/commit-feed.ts); a
// cached input at the revision before is brought to the new revision by applying it
// (domain/plan/input-changes.ts), so a write's new plan is computed without reading the project again,
// and a write that changes nothing the planner reads (a title, a label) keeps the plan it had. A commit
// that does not follow the cached revision (another process wrote in between), an import or a delete
// drops the entry: the next request reads the project. The plan from applied changes is the plan of
// the project as read (a property test writes at random and compares them).
//
// Forms: the analysis (typed arrays) once per revision; the document (objects) only when asked; the JSON
// text written from the analysis, kept whole when it is small (most projects: then every request sends
// the same bytes) and otherwise written again for each request as a stream of chunks, so that a huge
// plan (1M issues: ~200 MB of JSON) is never held as a second copy of itself.

import type { Issue, Project } from '../domain/model.js';
import {
  analyzePlan,
  analyzeWhatIf,
  type PlanAnalysis,
  type PlanOptions,
  withRedundantEdges,
} from '../domain/plan/compute-plan.js';
import { applyInputChanges, type InputOf } from '../domain/plan/input-changes.js';
import { planDocument } from '../domain/plan/plan-document.js';
import { type PlanJsonText, planJsonChunks, planJsonText } from '../domain/plan/plan-json.js';
import { transitiveBlockers } from '../domain/plan/transitive-blockers.js';
import type { Plan, PlanInput, TransitiveBlockers } from '../domain/plan/types.js';
import type { CommitFeed, ProjectCommit } from '../store/commit-feed.js';
import type { IssueStore, PlanRow, PlanRows, ProjectStore } from '../store/types.js';
import { inSpan } from './spans.js';

export interface PlanServiceDeps {
  projects: Pick<ProjectStore, 'get' | 'revisionOf'>;
  issues: Pick<IssueStore, 'listPlanRows' | 'listAll'>;
  /** This process's commits: without them, every write's plan reads the project again. */
  commits?: CommitFeed;
}

export interface PlanServiceOptions {
  /** Projects whose plans are kept (least recently used ones are dropped first). */
  maxProjects?: number;
  /** A plan's JSON text is kept whole up to this size (default 4 MiB, a ~20k-issue plan); larger ones stream. */
  maxKeptJsonBytes?: number;
}

/** A plan's JSON text: the bytes kept for its revision, or chunks written for this one request. */
export type PlanJson = PlanJsonText;

/** A plan's JSON text is kept whole up to this size by default (a ~20k-issue plan); larger ones stream. */
export const MAX_KEPT_JSON_BYTES = 4 * 2 ** 20;

/** Which project and revision a plan is of: the project's creation time tells a recreated one apart. */
export interface PlanVersion {
  revision: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface PlanService {
  /** The plan and the input it was computed from (the same cached objects: read-only). */
  plan(project: string, options?: PlanOptions): Promise<PlanVersion & { plan: Plan; input: PlanInput }>;
  /** The project and the plan's input rows (the forecast's fields included) at the cached revision. */
  rows(project: string): Promise<{ project: Project; rows: PlanRows }>;
  /** The plan as JSON text (exactly JSON.stringify of `plan`), written from the analysis without the document. */
  planJson(project: string, options?: PlanOptions): Promise<PlanVersion & { json: PlanJson }>;
  /** Every issue of the project at the revision of its cached plan. */
  issues(project: string): Promise<Issue[]>;
  /**
   * The plan as if the `done` issues were done, as JSON text (as planJson's) in chunks written as they are
   * pulled: a what-if is computed per request, so a client that reads slowly holds a chunk, not the whole
   * text. InvalidInputError naming unknown keys, before any chunk.
   */
  whatIfJson(project: string, done: string[], options?: PlanOptions): Promise<Iterable<Uint8Array>>;
  /** Every open issue that transitively blocks `key`; NotFoundError for an unknown key. */
  blockers(project: string, key: string): Promise<TransitiveBlockers>;
  /** How many plans were analysed (not served from the cache): for tests and diagnostics. */
  readonly computed: number;
  /** Stops listening to the commits. */
  close(): void;
}

/** One form of the plan: without (0) or with (1) its redundant edges. */
interface View {
  analysis?: Promise<PlanAnalysis>;
  plan?: Plan;
  json?: Uint8Array;
  /** Its JSON text is larger than what is kept: written again for each request. */
  streamed?: boolean;
}

interface Entry {
  revision: number;
  /**
   * The project's creation time: a project deleted and created again under the same slug starts again at
   * revision 1, so the revision alone would serve the deleted project's plan to the new one.
   */
  createdAt: number;
  /** The project as read at `revision` (for the forecast), once asked for; undefined until then. */
  project?: Project;
  input: Promise<InputOf<PlanRow>>;
  /** The input once read: what commits apply to. */
  known?: InputOf<PlanRow>;
  issues?: Promise<Issue[]>;
  views: [View, View];
}

export function toPlanInput(rows: PlanRows): InputOf<PlanRow> {
  return { issues: rows.issues, edges: rows.edges, defaultEstimateDays: rows.project.defaultEstimateDays };
}

/** A promise kept in `entry` only while it has not failed: the next call reads or computes afresh. */
function keepUnlessFailed<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

export function createPlanService(deps: PlanServiceDeps, options: PlanServiceOptions = {}): PlanService {
  const maxProjects = options.maxProjects ?? 64;
  const maxKeptJsonBytes = options.maxKeptJsonBytes ?? MAX_KEPT_JSON_BYTES;
  const cache = new Map<string, Entry>();
  /** The key set last by remember(): the most recently used one while it is in the cache. */
  let newest: string | undefined;
  let computed = 0;

  function remember(slug: string, entry: Entry): void {
    // Already the most recently used (one project's requests in a row): nothing to move. Moving it (a
    // delete and a set) was 0.9% of the cached plan route's Node CPU in a profile under load, and costs
    // 55-130 ns against 25-30 ns for this check in isolation.
    if (newest === slug && cache.get(slug) === entry) return;
    // Most recently used last.
    cache.delete(slug);
    cache.set(slug, entry);
    newest = slug;
    while (cache.size > maxProjects) cache.delete(cache.keys().next().value as string);
  }

  async function entryFor(slug: string): Promise<Entry> {
    const { revision, createdAt } = await deps.projects.revisionOf(slug);
    const cached = cache.get(slug);
    if (cached !== undefined && cached.revision === revision && cached.createdAt === createdAt) {
      remember(slug, cached);
      return cached;
    }
    // Concurrent misses share one read; a failed read is not kept. The entry takes the revision the rows
    // were read at (a write may have committed since the revision was read).
    const entry: Entry = { revision, createdAt, input: undefined as never, views: [{}, {}] };
    entry.input = keepUnlessFailed(
      deps.issues.listPlanRows(slug).then((rows) => {
        entry.revision = rows.project.revision;
        entry.createdAt = rows.project.createdAt.getTime();
        entry.known = toPlanInput(rows);
        return entry.known;
      }),
      () => {
        if (cache.get(slug) === entry) cache.delete(slug);
      },
    );
    remember(slug, entry);
    await entry.input;
    return entry;
  }

  /** A commit of this process: the cached input brought to the new revision, or the entry dropped. */
  function onCommit(commit: ProjectCommit): void {
    const entry = cache.get(commit.project);
    if (entry === undefined) return;
    if (commit.changes === null || entry.known === undefined || entry.revision !== commit.revision - 1) {
      cache.delete(commit.project);
      return;
    }
    const input = applyInputChanges(entry.known, commit.changes);
    cache.set(commit.project, {
      revision: commit.revision,
      createdAt: entry.createdAt,
      input: Promise.resolve(input),
      known: input,
      // Nothing the planner reads changed: the same plan, in every form, at the new revision.
      views: input === entry.known ? entry.views : [{}, {}],
    });
  }
  const unsubscribe = deps.commits?.subscribe(onCommit);

  function analysisOf(slug: string, entry: Entry, options: PlanOptions): Promise<PlanAnalysis> {
    const redundant = options.redundantEdges === true;
    const view = entry.views[redundant ? 1 : 0];
    // A plan that failed (a cyclic graph) is not kept: the next call reports it afresh.
    view.analysis ??= keepUnlessFailed(
      redundant
        ? analysisOf(slug, entry, {}).then(withRedundantEdges)
        : entry.input.then((input) =>
            inSpan('isoplan.plan', { 'isoplan.project': slug, 'isoplan.issues': input.issues.length }, () => {
              computed++;
              return analyzePlan(input);
            }),
          ),
      () => {
        view.analysis = undefined;
      },
    );
    return view.analysis;
  }

  /** The text kept whole when it fits; else streamed as it is written, for this request and each later one. */
  function jsonOf(view: View, analysis: PlanAnalysis): PlanJson {
    if (view.json !== undefined) return { bytes: view.json };
    if (view.streamed === true) return { chunks: planJsonChunks(analysis) };
    const text = planJsonText(analysis, maxKeptJsonBytes);
    if ('bytes' in text) view.json = text.bytes;
    else view.streamed = true;
    return text;
  }

  return {
    async plan(slug, options = {}) {
      const entry = await entryFor(slug);
      const analysis = await analysisOf(slug, entry, options);
      const view = entry.views[options.redundantEdges === true ? 1 : 0];
      view.plan ??= planDocument(analysis);
      return {
        revision: entry.revision,
        createdAt: entry.createdAt,
        plan: view.plan,
        input: await entry.input,
      };
    },
    async rows(slug) {
      // The project as read at the entry's revision: a write between the two reads means reading again.
      for (;;) {
        const entry = await entryFor(slug);
        const { issues, edges } = await entry.input;
        if (entry.project === undefined) {
          const read = await deps.projects.get(slug);
          if (read.revision === entry.revision && read.createdAt.getTime() === entry.createdAt)
            entry.project = read;
        }
        const project = entry.project;
        if (project !== undefined)
          return {
            project,
            rows: {
              issues,
              edges,
              project: {
                revision: project.revision,
                createdAt: project.createdAt,
                defaultEstimateDays: project.defaultEstimateDays,
              },
            },
          };
      }
    },
    async planJson(slug, options = {}) {
      const entry = await entryFor(slug);
      const analysis = await analysisOf(slug, entry, options);
      const view = entry.views[options.redundantEdges === true ? 1 : 0];
      return { revision: entry.revision, createdAt: entry.createdAt, json: jsonOf(view, analysis) };
    },
    async issues(slug) {
      const entry = await entryFor(slug);
      entry.issues ??= keepUnlessFailed(deps.issues.listAll(slug), () => {
        entry.issues = undefined;
      });
      return entry.issues;
    },
    async whatIfJson(slug, done, options = {}) {
      const input = await (await entryFor(slug)).input;
      return inSpan(
        'isoplan.plan.what-if',
        { 'isoplan.project': slug, 'isoplan.issues': input.issues.length },
        () => {
          computed++;
          // Computed now (unknown keys are refused before an answer starts), written as it is read.
          return planJsonChunks(analyzeWhatIf(input, done, options));
        },
      );
    },
    async blockers(slug, key) {
      return transitiveBlockers(await (await entryFor(slug)).input, key);
    },
    get computed() {
      return computed;
    },
    close() {
      unsubscribe?.();
    },
  };
}
