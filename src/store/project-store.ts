// Projects, addressed by slug; listed in slug order.
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { settingsProblems } from '../domain/forecast/settings.js';
import type { Project } from '../domain/model.js';
import { assertNoProblems, runtimeFieldProblems } from '../domain/validation/catalog-checks.js';
import { decodeStringCursor, toPage } from './cursor.js';
import type { ProjectRevision } from './engine.js';
import { checkIfMatch } from './etag.js';
import { joinedLookups } from './joined-lookups.js';
import { assertProjectSlug } from './project-slug.js';
import {
  findProject,
  firstRevision,
  read,
  readOne,
  recordAudit,
  type StoreContext,
  settingsColumns,
  toProject,
  write,
} from './store-context.js';
import type {
  Actor,
  Page,
  PageRequest,
  ProjectCreate,
  ProjectPatch,
  ProjectStore,
  ProjectVersion,
  WriteOptions,
} from './types.js';

/** InvalidInputError listing every problem of the forecast settings given (domain/forecast/settings.ts). */
function assertSettings(settings: ProjectPatch): void {
  const problems = settingsProblems(settings);
  if (problems.length > 0) throw new InvalidInputError('invalid forecast settings', problems);
}

/** What the audit trail keeps of a project (no timestamps: the event has its own). */
function auditView(project: Project) {
  const { createdAt: _c, updatedAt: _u, ...rest } = project;
  return rest;
}

export function createProjectStore(ctx: StoreContext): ProjectStore {
  // Every cached plan asks: concurrent requests share one statement (joined-lookups.ts).
  const revisionOf = joinedLookups((slug: string) => ctx.engine.projectRevision(slug));
  return {
    async list(page: PageRequest): Promise<Page<Project>> {
      const after = page.cursor === undefined ? undefined : decodeStringCursor('projects', page.cursor);
      const rows = await read(ctx, (db) =>
        db.project.findMany({
          where: after === undefined ? {} : { slug: { gt: after } },
          orderBy: { slug: 'asc' },
          take: page.limit + 1,
        }),
      );
      return toPage(rows.map(toProject), page.limit, 'projects', (p) => p.slug);
    },

    async listVersions(): Promise<ProjectVersion[]> {
      // Two flat queries: a relation load of each project's newest run would bind one parameter per
      // project, past SQLite's limit with a thousand projects.
      const [rows, latest] = await read(ctx, (db) =>
        Promise.all([
          db.project.findMany({
            select: { id: true, slug: true, revision: true, createdAt: true },
            orderBy: { slug: 'asc' },
          }),
          db.validationRun.groupBy({ by: ['projectId'], _max: { id: true } }),
        ]),
      );
      const latestId = new Map(latest.map((g) => [g.projectId, g._max.id]));
      return rows.map((row) => {
        const id = latestId.get(row.id);
        return {
          slug: row.slug,
          revision: row.revision,
          createdAt: row.createdAt,
          latestValidationId: id === undefined || id === null ? null : String(id),
        };
      });
    },

    async get(slug: string): Promise<Project> {
      // One lookup by key: no transaction.
      return toProject(await readOne(ctx, (db) => findProject(db, slug)));
    },

    async revisionOf(slug: string): Promise<ProjectRevision> {
      const found = await revisionOf(slug);
      if (found === null) throw new NotFoundError('project', slug);
      return found;
    },

    async create(input: ProjectCreate, by: Actor): Promise<Project> {
      assertProjectSlug(input.slug, 'slug');
      assertNoProblems(runtimeFieldProblems(input), 'invalid goal');
      assertSettings(input);
      return write(ctx, input.slug, async (tx, announce) => {
        const existing = await tx.project.findUnique({ where: { slug: input.slug }, select: { id: true } });
        if (existing !== null)
          throw new ConflictError(`project '${input.slug}' already exists`, { slug: input.slug });
        const row = await tx.project.create({
          data: {
            slug: input.slug,
            name: input.name,
            description: input.description ?? '',
            goal: JSON.stringify(input.goal ?? []),
            defaultEstimateDays: input.defaultEstimateDays ?? 1,
            ...settingsColumns(input),
            revision: await firstRevision(tx, input.slug),
          },
        });
        const project = toProject(row);
        await recordAudit(tx, row, by, [
          { action: 'project.create', target: null, before: null, after: auditView(project) },
        ]);
        // Known to this process from its commit (sqlite-foreign-writes.ts): deleted by another one before
        // the next poll, it is told gone.
        announce({ project: input.slug, revision: row.revision, changes: null });
        return project;
      });
    },

    async update(slug: string, patch: ProjectPatch, opts: WriteOptions): Promise<Project> {
      // Found before the write lock is taken, refused after the precondition: a stale If-Match is a 412
      // whatever the content (RFC 9110 §13.2.1), as an unknown project is a 404.
      const problems = runtimeFieldProblems(patch);
      return write(ctx, slug, async (tx, announce) => {
        const current = await findProject(tx, slug);
        checkIfMatch(opts.ifMatch, current);
        assertNoProblems(problems, 'invalid goal');
        assertSettings(patch);
        // A patch that changes nothing writes nothing (as for issues): no new revision, so no other
        // client's If-Match goes stale, and no audit event.
        const before = toProject(current);
        const unchanged =
          (patch.name === undefined || patch.name === before.name) &&
          (patch.description === undefined || patch.description === before.description) &&
          (patch.goal === undefined || JSON.stringify(patch.goal) === JSON.stringify(before.goal)) &&
          (patch.defaultEstimateDays === undefined ||
            patch.defaultEstimateDays === before.defaultEstimateDays) &&
          (['team', 'start', 'workdays', 'holidays'] as const).every(
            (field) =>
              patch[field] === undefined || JSON.stringify(patch[field]) === JSON.stringify(before[field]),
          );
        if (unchanged) return before;
        const row = await tx.project.update({
          where: { id: current.id },
          data: {
            name: patch.name,
            description: patch.description,
            goal: patch.goal === undefined ? undefined : JSON.stringify(patch.goal),
            defaultEstimateDays: patch.defaultEstimateDays,
            ...settingsColumns(patch),
            revision: { increment: 1 },
          },
        });
        const project = toProject(row);
        await recordAudit(tx, row, opts, [
          {
            action: 'project.update',
            target: null,
            before: auditView(before),
            after: auditView(project),
          },
        ]);
        const estimateChanged = project.defaultEstimateDays !== before.defaultEstimateDays;
        announce({
          project: slug,
          revision: project.revision,
          changes: estimateChanged
            ? [{ kind: 'default-estimate', estimateDays: project.defaultEstimateDays }]
            : [],
        });
        return project;
      });
    },

    async remove(slug: string, opts: WriteOptions): Promise<void> {
      await write(ctx, slug, async (tx, announce) => {
        const current = await findProject(tx, slug);
        checkIfMatch(opts.ifMatch, current);
        const counts = await Promise.all([
          tx.issue.count({ where: { projectId: current.id } }),
          tx.dependency.count({ where: { projectId: current.id } }),
        ]);
        // The event outlives the project: its projectId becomes null, projectSlug stays.
        await recordAudit(tx, current, opts, [
          {
            action: 'project.delete',
            target: null,
            before: { ...auditView(toProject(current)), issues: counts[0], dependencies: counts[1] },
            after: null,
          },
        ]);
        await tx.project.delete({ where: { id: current.id } });
        // Tokens limited to the project name it by slug: revoked with it, so that they can never see a
        // project created later under the same slug.
        await tx.apiToken.updateMany({
          where: { projectSlug: slug, revokedAt: null },
          data: { revokedAt: new Date(), revokedBy: opts.actor },
        });
        announce({ project: slug, revision: current.revision, changes: null, deleted: true });
      });
    },
  };
}
