// CI check runs of a project (table CheckRun, 0002_validation): the verdict on a change as posted to CI,
// kept as JSON text; ids are the row ids as strings; the newest run of a sha answers its commit status.
// A sha finds the runs of every sha it names the same commit as (src/domain/ci/git-sha.ts): those it
// begins, and its own shorter abbreviations.
import { shorterAbbreviations } from '../domain/ci/git-sha.js';
import { NotFoundError } from '../domain/errors.js';
import type { Prisma } from './generated/client.js';
import { requesterColumns, requesterOf } from './requester-columns.js';
import { rowId } from './row-id.js';
import { findProject, read, type StoreContext, write } from './store-context.js';
import type { CiCheckRunStore, NewCiCheckRun, StoredCiCheckRun } from './types.js';

type CiCheckRunRow = Prisma.CheckRunGetPayload<object>;

function toCiCheckRun(row: CiCheckRunRow): StoredCiCheckRun {
  return {
    id: String(row.id),
    sha: row.sha,
    done: JSON.parse(row.done) as string[],
    conclusion: row.conclusion,
    result: JSON.parse(row.result) as unknown,
    createdAt: row.createdAt,
    requestedBy: requesterOf(row),
  };
}

/** The runs of the project whose sha names the same commit as `sha` (normalized). */
function sameCommitAs(projectId: number, sha: string): Prisma.CheckRunWhereInput {
  return { projectId, OR: [{ sha: { startsWith: sha } }, { sha: { in: shorterAbbreviations(sha) } }] };
}

export function createCiCheckRunStore(ctx: StoreContext): CiCheckRunStore {
  return {
    async create(project: string, run: NewCiCheckRun): Promise<StoredCiCheckRun> {
      const row = await write(ctx, project, async (tx) => {
        const { id } = await findProject(tx, project);
        return tx.checkRun.create({
          data: {
            projectId: id,
            sha: run.sha,
            done: JSON.stringify(run.done),
            conclusion: run.conclusion,
            result: JSON.stringify(run.result),
            ...requesterColumns(run.requestedBy ?? null),
          },
        });
      });
      return toCiCheckRun(row);
    },

    async get(project: string, id: string): Promise<StoredCiCheckRun> {
      const n = rowId(id);
      const row = await read(ctx, async (db) => {
        const p = await findProject(db, project);
        return n === null ? null : db.checkRun.findFirst({ where: { projectId: p.id, id: n } });
      });
      if (row === null) throw new NotFoundError('check run', id);
      return toCiCheckRun(row);
    },

    async latestForSha(project: string, sha: string): Promise<StoredCiCheckRun | null> {
      const row = await read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        return db.checkRun.findFirst({ where: sameCommitAs(id, sha), orderBy: { id: 'desc' } });
      });
      return row === null ? null : toCiCheckRun(row);
    },

    async shasNaming(project: string, sha: string): Promise<string[]> {
      const rows = await read(ctx, async (db) => {
        const { id } = await findProject(db, project);
        return db.checkRun.findMany({
          where: sameCommitAs(id, sha),
          distinct: ['sha'],
          select: { sha: true },
          orderBy: { sha: 'asc' },
        });
      });
      return rows.map((r) => r.sha);
    },
  };
}
