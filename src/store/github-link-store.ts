// Projects' links to meta issues on GitHub: one row per linked project (GithubLink). A link is part of
// the project (its export carries it), so changing it bumps the project's revision, and it is audited.
import type { GithubLink } from '../domain/model.js';
import { checkIfMatch } from './etag.js';
import type { Prisma } from './generated/client.js';
import {
  bumpProject,
  findProject,
  read,
  recordAudit,
  type StoreContext,
  type Tx,
  write,
} from './store-context.js';
import type { GithubLinkStore, LinkedProject } from './types.js';

type LinkRow = Prisma.GithubLinkGetPayload<object>;

export function toGithubLink(row: LinkRow): GithubLink {
  return { repository: row.repository, issue: row.issueNumber, document: row.document };
}

/** Sets (or with null, removes) a project's link inside a write; no audit, no revision bump. */
export async function saveGithubLink(tx: Tx, projectId: number, link: GithubLink | null): Promise<void> {
  if (link === null) {
    await tx.githubLink.deleteMany({ where: { projectId } });
    return;
  }
  const data = { repository: link.repository, issueNumber: link.issue, document: link.document };
  await tx.githubLink.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
}

function linkedProjects(rows: Array<LinkRow & { project: { slug: string } }>): LinkedProject[] {
  return rows
    .map((row) => ({ project: row.project.slug, link: toGithubLink(row) }))
    .sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : 0));
}

export function createGithubLinkStore(ctx: StoreContext): GithubLinkStore {
  return {
    async get(project) {
      return read(ctx, async (db) => {
        const proj = await findProject(db, project);
        const row = await db.githubLink.findUnique({ where: { projectId: proj.id } });
        return row === null ? null : toGithubLink(row);
      });
    },

    async set(project, link, opts) {
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        checkIfMatch(opts.ifMatch, proj);
        const row = await tx.githubLink.findUnique({ where: { projectId: proj.id } });
        const before = row === null ? null : toGithubLink(row);
        if (JSON.stringify(before) === JSON.stringify(link)) return { link, created: false };
        await saveGithubLink(tx, proj.id, link);
        // The link is no part of the plan's input: the new revision changes nothing in it.
        announce({ project, revision: await bumpProject(tx, proj.id), changes: [] });
        await recordAudit(tx, proj, opts, [{ action: 'github.link', target: null, before, after: link }]);
        return { link, created: before === null };
      });
    },

    async remove(project, opts) {
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        checkIfMatch(opts.ifMatch, proj);
        const row = await tx.githubLink.findUnique({ where: { projectId: proj.id } });
        if (row === null) return false;
        await saveGithubLink(tx, proj.id, null);
        announce({ project, revision: await bumpProject(tx, proj.id), changes: [] });
        await recordAudit(tx, proj, opts, [
          { action: 'github.unlink', target: null, before: toGithubLink(row), after: null },
        ]);
        return true;
      });
    },

    async list() {
      return read(ctx, async (db) =>
        linkedProjects(await db.githubLink.findMany({ include: { project: { select: { slug: true } } } })),
      );
    },

    async withIssues(githubIds) {
      if (githubIds.length === 0) return [];
      return read(ctx, async (db) =>
        linkedProjects(
          await db.githubLink.findMany({
            where: { project: { issues: { some: { githubId: { in: githubIds.map((id) => BigInt(id)) } } } } },
            include: { project: { select: { slug: true } } },
          }),
        ),
      );
    },
  };
}
