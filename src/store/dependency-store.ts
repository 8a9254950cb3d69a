// Dependencies: "issue is blocked by blockedBy", both issues of the same project (a composite foreign key
// guarantees it). The stored graph is always acyclic: the cycle check and the insert run in ONE write
// transaction, and writers to a project take turns (the engine's lock: SQLite's write lock, PostgreSQL's
// advisory lock on the project), so two concurrent requests, from any processes, cannot close a cycle
// together.

import { DependencyCycleError, InvalidInputError, type InvalidItem } from '../domain/errors.js';
import { DependencyGraph } from '../domain/graph/dependency-graph.js';
import type { DependencyEdge } from '../domain/model.js';
import {
  bumpProject,
  edgeTarget,
  findProject,
  type ProjectRow,
  read,
  recordAudit,
  type StoreContext,
  type Tx,
  write,
} from './store-context.js';
import type { Actor, DependencyStore } from './types.js';

export function createDependencyStore(ctx: StoreContext): DependencyStore {
  return {
    async list(project: string): Promise<DependencyEdge[]> {
      return read(ctx, async (db) => {
        const rows = await db.dependency.findMany({
          where: { project: { slug: project } },
          select: { issueKey: true, blockerKey: true },
          orderBy: [{ issueKey: 'asc' }, { blockerKey: 'asc' }],
        });
        if (rows.length === 0) await findProject(db, project);
        return rows.map((r) => ({ issue: r.issueKey, blockedBy: r.blockerKey }));
      });
    },

    async add(project: string, edge: DependencyEdge, by: Actor): Promise<{ created: boolean }> {
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        await checkEnds(tx, proj, edge);
        const where = { projectId: proj.id, issueKey: edge.issue, blockerKey: edge.blockedBy };
        if ((await tx.dependency.findUnique({ where: { projectId_issueKey_blockerKey: where } })) !== null) {
          return { created: false };
        }
        const graph = DependencyGraph.fromEdges(await ctx.engine.upstreamEdges(tx, proj.id, edge.blockedBy));
        const cycle = graph.cycleIfAdded(edge.issue, edge.blockedBy);
        if (cycle !== null) throw new DependencyCycleError(cycle);
        await tx.dependency.create({ data: where });
        const revision = await recordEdgeChange(tx, proj, by, edge, 'added');
        announce({ project, revision, changes: [{ kind: 'edge-added', edge }] });
        return { created: true };
      });
    },

    async remove(project: string, edge: DependencyEdge, by: Actor): Promise<{ removed: boolean }> {
      return write(ctx, project, async (tx, announce) => {
        const proj = await findProject(tx, project);
        await checkEnds(tx, proj, edge);
        const { count } = await tx.dependency.deleteMany({
          where: { projectId: proj.id, issueKey: edge.issue, blockerKey: edge.blockedBy },
        });
        if (count === 0) return { removed: false };
        const revision = await recordEdgeChange(tx, proj, by, edge, 'removed');
        announce({ project, revision, changes: [{ kind: 'edge-removed', edge }] });
        return { removed: true };
      });
    },
  };
}

/** InvalidInputError for a self edge or an unknown key, naming which end is wrong. */
async function checkEnds(tx: Tx, project: ProjectRow, edge: DependencyEdge): Promise<void> {
  if (edge.issue === edge.blockedBy) {
    throw new InvalidInputError(`issue '${edge.issue}' cannot be blocked by itself`, [
      { path: 'blockedBy', message: `issue '${edge.issue}' cannot be blocked by itself` },
    ]);
  }
  const found = await tx.issue.findMany({
    where: { projectId: project.id, key: { in: [edge.issue, edge.blockedBy] } },
    select: { key: true },
  });
  const known = new Set(found.map((r) => r.key));
  const errors: InvalidItem[] = [];
  for (const path of ['issue', 'blockedBy'] as const) {
    if (!known.has(edge[path])) {
      errors.push({ path, message: `issue '${edge[path]}' does not exist in project '${project.slug}'` });
    }
  }
  if (errors.length > 0) throw new InvalidInputError(errors.map((e) => e.message).join('; '), errors);
}

/**
 * An edge added or removed: the project and both issues are bumped (blockedBy and blocks are part of
 * their responses), and the change is audited. Returns the project's new revision.
 */
async function recordEdgeChange(
  tx: Tx,
  project: ProjectRow,
  by: Actor,
  edge: DependencyEdge,
  change: 'added' | 'removed',
): Promise<number> {
  const revision = await bumpProject(tx, project.id);
  await tx.issue.updateMany({
    where: { projectId: project.id, key: { in: [edge.issue, edge.blockedBy] } },
    data: { revision: { increment: 1 } },
  });
  const added = change === 'added';
  await recordAudit(tx, project, by, [
    {
      action: added ? 'dependency.add' : 'dependency.remove',
      target: edgeTarget(edge.issue, edge.blockedBy),
      before: added ? null : edge,
      after: added ? edge : null,
    },
  ]);
  return revision;
}
