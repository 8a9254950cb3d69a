import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { Issue, Project } from '../../src/domain/model.js';
import { createPlanService } from '../../src/services/plan-service.js';

// The service's narrow dependencies, as plain in-memory functions that count their calls.
function world() {
  const now = new Date(0);
  const projects = new Map<string, Project>();
  const issues = new Map<string, Issue[]>();
  const calls = { get: 0, listAll: 0, listPlanRows: 0 };
  const addProject = (slug: string) =>
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
      createdAt: now,
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
        };
      },
    },
  };
  return { deps, calls, addProject, setIssues };
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

  it('keeps at most maxProjects plans, dropping the least recently used', async () => {
    const w = world();
    for (const slug of ['p', 'q', 'r']) {
      w.addProject(slug);
      w.setIssues(slug, [{ key: 'a', status: 'open', blockedBy: [] }]);
    }
    const service = createPlanService(w.deps, { maxProjects: 2 });
    await service.plan('p');
    await service.plan('q');
    await service.plan('p'); // p is now the most recent
    await service.plan('r'); // drops q
    expect(service.computed).toBe(3);
    await service.plan('p');
    expect(service.computed).toBe(3);
    await service.plan('q');
    expect(service.computed).toBe(4);
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

  it('serializes the plan once per revision', async () => {
    const w = world();
    w.addProject('p');
    w.setIssues('p', [{ key: 'a', status: 'open', blockedBy: [] }]);
    const service = createPlanService(w.deps);
    const first = await service.planJson('p');
    expect(JSON.parse(first.json)).toEqual((await service.plan('p')).plan);
    expect((await service.planJson('p')).json).toBe(first.json);
  });

  it('reports an unknown project as NotFoundError', async () => {
    const service = createPlanService(world().deps);
    await expect(service.plan('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
