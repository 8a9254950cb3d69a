import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { Issue, IssueStatus, Project } from '../../src/domain/model.js';
import { createPlanService, type PlanJson } from '../../src/services/plan-service.js';
import { createCommitFeed } from '../../src/store/commit-feed.js';
import type { PlanRow } from '../../src/store/types.js';

// The service's narrow dependencies, as plain in-memory functions that count their calls.
/** An issue's planning and forecasting fields, as a write announces them. */
function planRow(key: string, status: IssueStatus): PlanRow {
  return {
    key,
    status,
    estimateDays: 1,
    estimateLowDays: null,
    estimateHighDays: null,
    assignee: null,
    priority: null,
    parent: null,
  };
}

function world() {
  const now = new Date(0);
  const projects = new Map<string, Project>();
  const issues = new Map<string, Issue[]>();
  const calls = { get: 0, revisionOf: 0, listAll: 0, listPlanRows: 0 };
  const addProject = (slug: string, createdAt = now) =>
    projects.set(slug, {
      slug,
      name: slug,
      description: '',
      goal: [],
      defaultEstimateDays: 1,
      team: null,
      start: null,
      workdays: [1, 2, 3, 4, 5],
      holidays: [],
      revision: 1,
      createdAt,
      updatedAt: now,
    });
  const setIssues = (slug: string, list: Array<Pick<Issue, 'key' | 'status' | 'blockedBy'>>) => {
    issues.set(
      slug,
      list.map((i) => ({
        title: i.key,
        body: '',
        estimateDays: 1,
        estimateLowDays: null,
        estimateHighDays: null,
        assignee: null,
        priority: null,
        parent: null,
        url: null,
        labels: [],
        claims: [],
        checks: [],
        blocks: [],
        revision: 1,
        createdAt: now,
        updatedAt: now,
        ...i,
      })),
    );
    const project = projects.get(slug);
    if (project) project.revision++;
  };
  const deps = {
    projects: {
      async get(slug: string) {
        calls.get++;
        const project = projects.get(slug);
        if (!project) throw new NotFoundError('project', slug);
        return { ...project };
      },
      async revisionOf(slug: string) {
        calls.revisionOf++;
        const project = projects.get(slug);
        if (!project) throw new NotFoundError('project', slug);
        return { revision: project.revision, createdAt: project.createdAt.getTime() };
      },
    },
    issues: {
      async listAll(slug: string) {
        calls.listAll++;
        return issues.get(slug) ?? [];
      },
      async listPlanRows(slug: string) {
        calls.listPlanRows++;
        const list = issues.get(slug) ?? [];
        return {
          issues: list.map(
            ({
              key,
              status,
              estimateDays,
              estimateLowDays,
              estimateHighDays,
              assignee,
              priority,
              parent,
            }) => ({
              key,
              estimateLowDays,
              estimateHighDays,
              assignee,
              priority,
              status,
              estimateDays,
              parent,
            }),
          ),
          edges: list.flatMap((i) => i.blockedBy.map((blockedBy) => ({ issue: i.key, blockedBy }))),
          project: projects.get(slug)!,
        };
      },
    },
  };
  return { deps, calls, addProject, setIssues };
}

/** The plan of the world's project as read afresh. */
async function freshPlan(w: ReturnType<typeof world>, slug = 'p') {
  const reads = w.calls.listPlanRows;
  const { plan } = await createPlanService(w.deps).plan(slug);
  w.calls.listPlanRows = reads;
  return plan;
}

function textOf(json: PlanJson): string {
  const chunks = 'bytes' in json ? [json.bytes] : [...json.chunks];
  return chunks.map((chunk) => new TextDecoder().decode(chunk)).join('');
}

describe('createPlanService', () => {
  it('computes the plan of an unchanged project once', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [
      { key: 'a', status: 'open', blockedBy: [] },
      { key: 'b', status: 'open', blockedBy: ['a'] },
    ]);
    const service = createPlanService(w.deps);
    const first = await service.plan('p');
    const second = await service.plan('p');
    expect(second.plan).toBe(first.plan);
    expect(first.plan.ready).toEqual(['a']);
    expect(service.computed).toBe(1);
    expect(w.calls.listPlanRows).toBe(1);
    expect(w.calls.listAll).toBe(0);
  });

  it('recomputes after the revision changes', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    await service.plan('p');
    w.setIssues('p', [{ key: 'a', status: 'done', blockedBy: [] }]);
    const { plan, revision } = await service.plan('p');
    expect(plan.ready).toEqual([]);
    expect(revision).toBe(3);
    expect(service.computed).toBe(2);
  });

  it('shares one read between concurrent requests', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    await Promise.all([service.plan('p'), service.plan('p'), service.blockers('p', 'a'), service.plan('p')]);
    expect(w.calls.listPlanRows).toBe(1);
    expect(service.computed).toBe(1);
  });

  it('does not keep a failed plan', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [
      { key: 'a', status: 'open', blockedBy: ['b'] },
      { key: 'b', status: 'open', blockedBy: ['a'] },
    ]);
    const service = createPlanService(w.deps);
    await expect(service.plan('p')).rejects.toThrow(/cycle/);
    await expect(service.plan('p')).rejects.toThrow(/cycle/);
    expect(service.computed).toBe(2);
  });

  /** Projects p, q and r, each of one open issue. */
  function threeProjects() {
    const w = world();
    for (const slug of ['p', 'q', 'r']) {
      w.addProject(slug);
      w.setIssues(slug, [{ key: 'a', status: 'open', blockedBy: [] }]);
    }
    return w;
  }

  /** After r came in: p still kept, q dropped (computed again). */
  async function expectOnlyQDropped(service: ReturnType<typeof createPlanService>, computed: number) {
    expect(service.computed).toBe(computed);
    await service.plan('p');
    expect(service.computed).toBe(computed);
    await service.plan('q');
    expect(service.computed).toBe(computed + 1);
  }

  it('keeps at most maxProjects plans, dropping the least recently used', async () => {
    const w = threeProjects();
    const service = createPlanService(w.deps, { maxProjects: 2 });
    await service.plan('p');
    await service.plan('q');
    await service.plan('p'); // p is now the most recent
    await service.plan('r'); // drops q
    await expectOnlyQDropped(service, 3);
  });

  it('counts a project dropped by a commit and read again as the most recently used', async () => {
    const w = threeProjects();
    const commits = createCommitFeed();
    const service = createPlanService({ ...w.deps, commits }, { maxProjects: 2 });
    await service.plan('q');
    await service.plan('p'); // p is the most recent
    commits.publish({ project: 'p', revision: 2, changes: null }); // drops p
    await service.plan('p'); // read again: the most recent once more
    await service.plan('r'); // drops q
    await expectOnlyQDropped(service, 4);
  });

  it('reads the full issues once per revision, only when asked', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    await service.plan('p');
    expect(w.calls.listAll).toBe(0);
    const [first, second] = await Promise.all([service.issues('p'), service.issues('p')]);
    expect(second).toBe(first);
    expect(first.map((i) => i.key)).toEqual(['a']);
    expect(w.calls.listAll).toBe(1);
  });

  it('writes the JSON text once per revision and keeps it', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    const first = await service.planJson('p');
    expect(JSON.parse(textOf(first.json))).toEqual((await service.plan('p')).plan);
    expect((await service.planJson('p')).json).toEqual(first.json);
    expect(((await service.planJson('p')).json as { bytes: Uint8Array }).bytes).toBe(
      (first.json as { bytes: Uint8Array }).bytes,
    );
    expect(service.computed).toBe(1);
  });

  it('streams a JSON text larger than what it keeps, writing it again for each request', async () => {
    const w = world();
    w.addProject('p');
    const keys = Array.from({ length: 300 }, (_, i) => `issue-${i}`);
    w.setIssues(
      'p',
      keys.map((key, i) => ({ key, status: 'open', blockedBy: i === 0 ? [] : [keys[i - 1]!] })),
    );
    const service = createPlanService(w.deps, { maxKeptJsonBytes: 1000 });
    const { plan } = await service.plan('p');
    for (let request = 0; request < 2; request++) {
      const { json } = await service.planJson('p');
      expect(json).toHaveProperty('chunks');
      expect(JSON.parse(textOf(json))).toEqual(plan);
    }
    expect(service.computed).toBe(1);
  });

  it('adds the redundant edges only when asked, from the same analysis', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [
      { key: 'a', status: 'open', blockedBy: [] },
      { key: 'b', status: 'open', blockedBy: ['a'] },
      { key: 'c', status: 'open', blockedBy: ['a', 'b'] },
    ]);
    const service = createPlanService(w.deps);
    expect((await service.plan('p')).plan).not.toHaveProperty('redundantEdges');
    const { plan } = await service.plan('p', { redundantEdges: true });
    expect(plan.redundantEdges).toEqual([{ issue: 'c', blockedBy: 'a' }]);
    expect(JSON.parse(textOf((await service.planJson('p', { redundantEdges: true })).json))).toEqual(plan);
    expect(service.computed).toBe(1);
  });

  it("applies this process's commit to the plan's input instead of reading the project again", async () => {
    const w = world();
    const commits = createCommitFeed();
    w.addProject('p');
    w.setIssues('p', [
      { key: 'a', status: 'open', blockedBy: [] },
      { key: 'b', status: 'open', blockedBy: [] },
    ]);
    const service = createPlanService({ ...w.deps, commits });
    expect((await service.plan('p')).plan.ready).toEqual(['a', 'b']);
    w.setIssues('p', [
      { key: 'a', status: 'done', blockedBy: [] },
      { key: 'b', status: 'open', blockedBy: ['a'] },
    ]);
    commits.publish({
      project: 'p',
      revision: 3,
      changes: [
        { kind: 'issue', issue: planRow('a', 'done') },
        { kind: 'edge-added', edge: { issue: 'b', blockedBy: 'a' } },
      ],
    });
    const { plan, revision } = await service.plan('p');
    expect(revision).toBe(3);
    expect(plan).toEqual(await freshPlan(w));
    expect(w.calls.listPlanRows).toBe(1);
    expect(service.computed).toBe(2);
  });

  it('keeps the plan it had when a commit changes nothing the planner reads', async () => {
    const w = world();
    const commits = createCommitFeed();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService({ ...w.deps, commits });
    const before = await service.planJson('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    commits.publish({
      project: 'p',
      revision: 3,
      changes: [{ kind: 'issue', issue: planRow('a', 'open') }],
    });
    const after = await service.planJson('p');
    expect(after.revision).toBe(3);
    expect((after.json as { bytes: Uint8Array }).bytes).toBe((before.json as { bytes: Uint8Array }).bytes);
    expect(service.computed).toBe(1);
    expect(w.calls.listPlanRows).toBe(1);
  });

  it('reads the project again after a commit that skips a revision, an import or a delete', async () => {
    const w = world();
    const commits = createCommitFeed();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService({ ...w.deps, commits });
    await service.plan('p');
    // Another process wrote revision 3; this one's commit is revision 4.
    w.setIssues('p', [{ key: 'a', status: 'done', blockedBy: [] }]);
    w.setIssues('p', [
      { key: 'a', status: 'done', blockedBy: [] },
      { key: 'b', status: 'open', blockedBy: [] },
    ]);
    commits.publish({
      project: 'p',
      revision: 4,
      changes: [{ kind: 'issue', issue: planRow('b', 'open') }],
    });
    expect((await service.plan('p')).plan).toEqual(await freshPlan(w));
    expect(w.calls.listPlanRows).toBe(2);

    w.setIssues('p', [{ key: 'c', status: 'open', blockedBy: [] }]);
    commits.publish({ project: 'p', revision: 5, changes: null });
    expect((await service.plan('p')).plan.order).toEqual(['c']);
    expect(w.calls.listPlanRows).toBe(3);
  });

  it('checks only the revision of a cached plan, never reading the project itself', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    for (let i = 0; i < 3; i++) await service.planJson('p');
    expect(w.calls.revisionOf).toBe(3);
    expect(w.calls.get).toBe(0);
    expect(w.calls.listPlanRows).toBe(1);
  });

  it("reads the project for the forecast's rows once per revision, and again after a change", async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    await service.rows('p');
    const { project } = await service.rows('p');
    expect(project.revision).toBe(2);
    expect(w.calls.get).toBe(1);
    w.setIssues('p', [{ key: 'b', status: 'open', blockedBy: [] }]);
    const after = await service.rows('p');
    expect(after.project.revision).toBe(3);
    expect(after.rows.issues.map((i) => i.key)).toEqual(['b']);
    expect(w.calls.get).toBe(2);
  });

  it('serves a project deleted and created again under the same slug and revision its own plan', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'old', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    expect((await service.plan('p')).plan.order).toEqual(['old']);
    w.addProject('p', new Date(1));
    w.setIssues('p', [{ key: 'new', status: 'open', blockedBy: [] }]);
    expect((await service.plan('p')).plan.order).toEqual(['new']);
    expect((await service.rows('p')).project.createdAt).toEqual(new Date(1));
  });

  it('reports an unknown project as NotFoundError', async () => {
    const service = createPlanService(world().deps);
    await expect(service.plan('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
