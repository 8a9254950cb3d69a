import { describe, expect, it } from 'vitest';
import { forecastTrailEvent } from '../../../src/domain/forecast/forecast-trail.js';
import type { AuditEvent } from '../../../src/domain/model.js';

const at = new Date('2026-11-02T10:00:00Z');

function event(action: string, before: unknown, after: unknown): AuditEvent {
  return { id: 7, actor: 'ada', onBehalfOf: null, tokenId: 't1', action, target: 'a', before, after, at };
}

const issueView = {
  key: 'a',
  title: 'Move the GIL',
  body: 'x'.repeat(65_536),
  status: 'open',
  estimateDays: 2,
  estimateLowDays: 1,
  estimateHighDays: 5,
  assignee: 'eric',
  priority: 'p1',
  parent: 'epic',
  url: 'https://github.com/python/cpython/issues/1',
  labels: ['gil'],
  claims: [{ kind: 'module-state' }],
  checks: [{ op: 'import' }],
  blockedBy: ['b'],
  blocks: ['c'],
  revision: 3,
};

describe('the trail as the forecast keeps it', () => {
  it('keeps every planning field of an issue view and drops its prose, link, labels, claims, checks and edges', () => {
    const kept = forecastTrailEvent(event('issue.update', issueView, { ...issueView, status: 'done' }));
    const planning = {
      key: 'a',
      status: 'open',
      estimateDays: 2,
      estimateLowDays: 1,
      estimateHighDays: 5,
      assignee: 'eric',
      priority: 'p1',
      parent: 'epic',
      revision: 3,
    };
    expect(kept.before).toEqual(planning);
    expect(kept.after).toEqual({ ...planning, status: 'done' });
  });

  it("keeps a project view's forecast settings and drops its description and goal", () => {
    const project = {
      name: 'One GIL per interpreter',
      description: 'bpo-40512',
      goal: [{ op: 'import' }],
      defaultEstimateDays: 2,
      team: { size: 3 },
      start: '2026-11-02',
      workdays: [1, 2, 3, 4, 5],
      holidays: ['2026-12-25'],
    };
    const kept = forecastTrailEvent(event('project.update', project, null));
    expect(kept.before).toEqual({
      name: 'One GIL per interpreter',
      defaultEstimateDays: 2,
      team: { size: 3 },
      start: '2026-11-02',
      workdays: [1, 2, 3, 4, 5],
      holidays: ['2026-12-25'],
    });
    expect(kept.after).toBeNull();
  });

  it("keeps an edge's events, and views that are not objects, as they are", () => {
    const edge = forecastTrailEvent(event('dependency.add', null, { issue: 'a', blockedBy: 'b' }));
    expect(edge).toEqual(event('dependency.add', null, { issue: 'a', blockedBy: 'b' }));
    const counts = forecastTrailEvent(event('project.import', 'text', [1, 2]));
    expect(counts).toEqual(event('project.import', 'text', [1, 2]));
  });

  it('leaves the event it was given unchanged', () => {
    const original = event('issue.create', null, issueView);
    forecastTrailEvent(original);
    expect(original.after).toBe(issueView);
    expect(issueView.title).toBe('Move the GIL');
  });
});
