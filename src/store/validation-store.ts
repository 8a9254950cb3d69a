// Validation runs of a project (table ValidationRun, 0002_validation): the document as JSON text; ids are
// the row ids as strings; lists are newest first.
import { NotFoundError } from '../domain/errors.js';
import { countVerdicts } from '../domain/figures/project-figures.js';
import type { ValidationRun, ValidationRunSummary } from '../domain/validation/types.js';
import { decodeIdCursor, toPage } from './cursor.js';
import type { Prisma } from './generated/client.js';
import { requesterColumns, requesterOf } from './requester-columns.js';
import { rowId } from './row-id.js';
import { findProject, read, type StoreContext, write } from './store-context.js';
import type { NewValidationRun, Page, PageRequest, ValidationStore } from './types.js';

type ValidationRow = Prisma.ValidationRunGetPayload<object>;

/** The stored document holds the per-run fields too; the row's columns are authoritative for them. */
function toRun(row: ValidationRow): ValidationRun {
  const result = JSON.parse(row.result) as Omit<ValidationRun, 'id' | 'createdAt' | 'requestedBy'>;
  return {
    ...result,
    id: String(row.id),
    projectRevision: row.projectRevision,
    fingerprint: row.fingerprint,
    createdAt: row.createdAt.toISOString(),
    durationMs: row.durationMs,
    requestedBy: requesterOf(row),
  };
}

function toSummary(run: ValidationRun): ValidationRunSummary {
  const verdicts = countVerdicts(run.issues);
  return {
    id: run.id,
    projectRevision: run.projectRevision,
    fingerprint: run.fingerprint,
    createdAt: run.createdAt,
    durationMs: run.durationMs,
    verdicts,
    missingDependencies: run.missingDependencies.length,
    regressions: run.regressions.length,
    goalHolds: run.goal.holds,
    requestedBy: run.requestedBy,
  };
}

export function createValidationStore(ctx: StoreContext): ValidationStore {
  return {
    async create(project: string, run: NewValidationRun): Promise<ValidationRun> {
      const { reused: _reused, requestedBy, ...document } = run as NewValidationRun & { reused?: boolean };
      const row = await write(ctx, project, async (tx) => {
        const { id } = await findProject(tx, project);
        return tx.validationRun.create({
          data: {
            projectId: id,
            projectRevision: run.projectRevision,
            fingerprint: run.fingerprint,
            durationMs: run.durationMs,
            result: JSON.stringify(document),
            ...requesterColumns(requestedBy),
          },
        });
      });
      return toRun(row);
    },

    async findByFingerprint(project: string, fingerprint: string): Promise<ValidationRun | null> {
      const row = await read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        return db.validationRun.findFirst({ where: { projectId: id, fingerprint }, orderBy: { id: 'desc' } });
      });
      return row === null ? null : toRun(row);
    },

    async latest(project: string): Promise<ValidationRun | null> {
      const row = await read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        return db.validationRun.findFirst({ where: { projectId: id }, orderBy: { id: 'desc' } });
      });
      return row === null ? null : toRun(row);
    },

    async get(project: string, id: string): Promise<ValidationRun> {
      const n = rowId(id);
      const row = await read(ctx, async (db) => {
        const p = await findProject(db, project);
        return n === null ? null : db.validationRun.findFirst({ where: { projectId: p.id, id: n } });
      });
      if (row === null) throw new NotFoundError('validation run', id);
      return toRun(row);
    },

    async list(project: string, page: PageRequest): Promise<Page<ValidationRunSummary>> {
      const rows = await read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        const before =
          page.cursor === undefined
            ? undefined
            : await decodeIdCursor(
                'validations',
                page.cursor,
                { project },
                async (run) => (await db.validationRun.count({ where: { id: run, projectId: id } })) > 0,
              );
        return db.validationRun.findMany({
          where: before === undefined ? { projectId: id } : { projectId: id, id: { lt: before } },
          orderBy: { id: 'desc' },
          take: page.limit + 1,
        });
      });
      return toPage(rows.map(toRun).map(toSummary), page.limit, 'validations', (s) => Number(s.id), {
        project,
      });
    },
  };
}
