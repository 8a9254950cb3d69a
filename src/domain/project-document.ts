// The whole project as one document (version 1): what export returns and import takes. The API, the CLI
// and the demo loader all parse with ProjectDocumentSchema; `documentProblems` then finds every problem
// the shape cannot express (duplicates, unknown keys, parent cycles, dependency cycles, estimate ranges,
// the team and the calendar), all at once.
import { z } from 'zod';
import { InvalidInputError, type InvalidItem } from './errors.js';
import { EstimateDaysSchema, estimateRangeProblems } from './estimate-range.js';
import { DEFAULT_WORKDAYS } from './forecast/calendar.js';
import { settingsProblems } from './forecast/settings.js';
import { MAX_CAPACITY, MIN_CAPACITY } from './forecast/team.js';
import { GithubIssueNumberSchema, GithubRepositorySchema } from './github/repository.js';
import { dependencyCycleMessage, findCycles } from './graph/find-cycles.js';
import { ownParentMessage, parentCycleMessage, parentCycles } from './graph/parent-cycle.js';
import { jsonPathOf } from './json-path.js';
import { type FullProjectDocument, ISSUE_PRIORITIES, ISSUE_STATUSES, type ProjectDocument } from './model.js';
import { textProblems, textRefusal } from './storable-text.js';
import { projectCatalogProblems } from './validation/project-catalog-problems.js';

/** A project's slug: also the API's path parameter (src/api/schemas/common.ts). */
export const ProjectSlugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be lower-case ASCII letters (a-z), digits and dashes, starting with a letter or digit',
  );

/** An issue's key: also the API's path parameter (src/api/schemas/common.ts). */
export const DocumentIssueKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
    'must be ASCII letters (A-Z, a-z), digits, `.`, `_`, `:` or `-`, starting with a letter or digit',
  );

const ClaimSchema = z.strictObject({ component: z.string().min(1), placement: z.string().min(1) });

/** Carried as-is; validated against the simulator's catalog elsewhere. */
const CheckSchema = z.union([
  z.strictObject({ name: z.string().min(1), workload: z.string().min(1) }),
  z.strictObject({ name: z.string().min(1), program: z.array(z.unknown()) }),
]);

/** An issue's link: http(s) only, so that no `javascript:` URL reaches a page that shows it. */
export const IssueUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000);

/** A team member; the shape only (each named once: teamProblems, forecast/team.ts). */
export const PersonSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    capacity: z
      .number()
      .min(MIN_CAPACITY)
      .max(MAX_CAPACITY)
      .default(1)
      .describe('Share of a full-time person: 1 does a day of estimate per working day, 0.5 half of it'),
  })
  .meta({ id: 'Person' });

/** A number of interchangeable people, or named people; the shape only (see PersonSchema). */
export const TeamSchema = z
  .union([z.number().int().min(1).max(10_000), z.array(PersonSchema).min(1).max(500)])
  .describe('`3` people who work in parallel, or named people: `[{ "name": "eric", "capacity": 1 }]`')
  .meta({ id: 'Team' });

/** The shape of an ISO calendar date; that the date exists is the calendar's rule (forecast/calendar.ts). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, YYYY-MM-DD')
  .describe('An ISO calendar date, YYYY-MM-DD');

export const WorkdaysSchema = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .describe('ISO weekday numbers people work on, Monday = 1');

export const HolidaysSchema = z.array(IsoDateSchema).max(2000).describe('ISO dates nobody works on');

export const AssigneeSchema = z.string().trim().min(1).max(100).describe("A team member's name");

// Strict objects: a field the document format does not have (e.g. an issue's `blockedBy`, which belongs
// in `dependencies`) is refused by name rather than silently dropped.
const DocumentIssueSchema = z.strictObject({
  key: DocumentIssueKeySchema,
  title: z.string().trim().min(1).max(500),
  body: z.string().max(100_000).default(''),
  status: z.enum(ISSUE_STATUSES).default('open'),
  estimateDays: EstimateDaysSchema.nullable().default(null),
  estimateLowDays: EstimateDaysSchema.nullable().default(null),
  estimateHighDays: EstimateDaysSchema.nullable().default(null),
  assignee: AssigneeSchema.nullable().default(null),
  priority: z.enum(ISSUE_PRIORITIES).nullable().default(null),
  parent: DocumentIssueKeySchema.nullable().default(null),
  url: IssueUrlSchema.nullable().default(null),
  labels: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  claims: z.array(ClaimSchema).default([]),
  checks: z.array(CheckSchema).default([]),
  /** GitHub's numeric id of the issue, in a project linked to a meta issue (written by the sync). */
  githubId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** The project's link to its meta issue on GitHub (also the body of `PUT …/github`). */
export const GithubLinkSchema = z.strictObject({
  repository: GithubRepositorySchema,
  issue: GithubIssueNumberSchema,
  document: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .regex(/^[^/]/, 'must be a path in the repository, without a leading slash')
    .nullable()
    .default(null)
    .describe('Path of the project document in the repository: check-run annotations point at it'),
});

export const ProjectDocumentSchema = z.strictObject({
  version: z.literal(1),
  project: z.strictObject({
    slug: ProjectSlugSchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(100_000).default(''),
    goal: z.array(CheckSchema).default([]),
    defaultEstimateDays: z.number().positive().max(3650).default(1),
    team: TeamSchema.nullable().default(null),
    start: IsoDateSchema.nullable().default(null),
    workdays: WorkdaysSchema.default([...DEFAULT_WORKDAYS]),
    holidays: HolidaysSchema.default([]),
    github: GithubLinkSchema.nullable().optional(),
  }),
  issues: z.array(DocumentIssueSchema),
  dependencies: z
    .array(z.strictObject({ issue: DocumentIssueKeySchema, blockedBy: DocumentIssueKeySchema }))
    .default([]),
});

// The parsed document is exactly the domain type.
type Parsed = z.output<typeof ProjectDocumentSchema>;
const _parsedIsDocument: (d: Parsed) => FullProjectDocument = (d) => d;
void _parsedIsDocument;

/** The path of a problem with the document as a whole (it is missing, not an object, not JSON). */
export const WHOLE_DOCUMENT = '(document)';

/** `['issues', 3, 'key']` -> `issues[3].key`; WHOLE_DOCUMENT for the document itself. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return jsonPathOf(path) || WHOLE_DOCUMENT;
}

/** Parses and checks a document: InvalidInputError listing every problem, shape and content alike. */
export function parseProjectDocument(input: unknown): ProjectDocument {
  // Text first: text that cannot be stored as sent is refused whatever else the document holds
  // (domain/storable-text.ts).
  const text = textProblems(input);
  if (text.length > 0) {
    const problems = text.map(({ path, message }) => ({
      path: path === '' ? WHOLE_DOCUMENT : path,
      message,
    }));
    throw textRefusal("the project document's text", problems);
  }
  const parsed = ProjectDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: jsonPath(issue.path),
      message: issue.message,
    }));
    throw new InvalidInputError(`the project document is malformed (${errors.length} problem(s))`, errors);
  }
  const problems = documentProblems(parsed.data);
  if (problems.errors.length > 0) {
    throw new InvalidInputError(
      `the project document has ${problems.errors.length} problem(s)`,
      problems.errors,
      problems.cycles.length > 0 ? { cycles: problems.cycles } : undefined,
    );
  }
  return parsed.data;
}

export interface DocumentProblems {
  errors: InvalidItem[];
  /** Each dependency cycle, as findCycles returns it (closed path in blocked-by order). */
  cycles: string[][];
}

/**
 * Every problem of a well-shaped document: duplicate keys; unknown, self and cyclic parents; unknown,
 * self and duplicate dependencies; and one entry per dependency cycle (over the edges that are otherwise
 * valid). O(n + e) plus the cycle search.
 */
export function documentProblems(doc: ProjectDocument): DocumentProblems {
  const errors: InvalidItem[] = [];
  const firstIndex = new Map<string, number>();
  doc.issues.forEach((issue, i) => {
    const first = firstIndex.get(issue.key);
    if (first === undefined) firstIndex.set(issue.key, i);
    else
      errors.push({
        path: `issues[${i}].key`,
        message: `duplicate key '${issue.key}' (first at issues[${first}])`,
      });
  });

  // Parents: unknown or self first; cycles among the remaining parent links (ids: document positions).
  const parentOf = new Int32Array(doc.issues.length).fill(-1);
  doc.issues.forEach((issue, i) => {
    if (issue.parent === null || firstIndex.get(issue.key) !== i) return;
    const parent = firstIndex.get(issue.parent);
    if (issue.parent === issue.key) {
      errors.push({ path: `issues[${i}].parent`, message: ownParentMessage(issue.key) });
    } else if (parent === undefined) {
      errors.push({
        path: `issues[${i}].parent`,
        message: `parent '${issue.parent}' is not an issue of this document`,
      });
    } else {
      parentOf[i] = parent;
    }
  });
  for (const cycle of parentCycles(parentOf)) {
    const keys = cycle.map((i) => doc.issues[i]!.key);
    errors.push({ path: `issues[${cycle[0]}].parent`, message: parentCycleMessage(keys) });
  }

  // GitHub ids: one issue each.
  const githubIdAt = new Map<number, number>();
  doc.issues.forEach((issue, i) => {
    if (issue.githubId === undefined) return;
    const first = githubIdAt.get(issue.githubId);
    if (first === undefined) githubIdAt.set(issue.githubId, i);
    else
      errors.push({
        path: `issues[${i}].githubId`,
        message: `duplicate githubId ${issue.githubId} (first at issues[${first}])`,
      });
  });

  // Dependencies: unknown ends, self edges, duplicates; the rest go to the cycle search.
  const seen = new Map<string, number>();
  const valid: Array<{ issue: string; blockedBy: string }> = [];
  doc.dependencies.forEach((edge, i) => {
    let ok = true;
    for (const end of ['issue', 'blockedBy'] as const) {
      if (!firstIndex.has(edge[end])) {
        errors.push({
          path: `dependencies[${i}].${end}`,
          message: `'${edge[end]}' is not an issue of this document`,
        });
        ok = false;
      }
    }
    if (edge.issue === edge.blockedBy) {
      errors.push({
        path: `dependencies[${i}]`,
        message: `issue '${edge.issue}' cannot be blocked by itself`,
      });
      ok = false;
    }
    const id = `${edge.issue}\u0000${edge.blockedBy}`;
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({
        path: `dependencies[${i}]`,
        message: `duplicate dependency ${edge.issue} <- ${edge.blockedBy} (first at dependencies[${first}])`,
      });
      ok = false;
    } else {
      seen.set(id, i);
    }
    if (ok) valid.push(edge);
  });
  // The forecast's settings: each issue's estimate range, the team, the start and the working week.
  doc.issues.forEach((issue, i) => {
    const range = {
      estimateDays: issue.estimateDays,
      estimateLowDays: issue.estimateLowDays ?? null,
      estimateHighDays: issue.estimateHighDays ?? null,
    };
    errors.push(...estimateRangeProblems(range, `issues[${i}].`));
  });
  const { team, start, workdays, holidays } = doc.project;
  errors.push(...settingsProblems({ team, start, workdays, holidays }, 'project.'));
  // What the simulator is told: every claim, check and goal check must exist in its catalog.
  errors.push(
    ...projectCatalogProblems(doc.issues, doc.project.goal, {
      issue: (i) => `issues[${i}]`,
      goal: 'project.goal',
    }),
  );

  const cycles = valid.length === 0 ? [] : findCycles(firstIndex.keys(), valid);
  for (const cycle of cycles) {
    errors.push({ path: 'dependencies', message: dependencyCycleMessage(cycle) });
  }
  return { errors, cycles };
}
