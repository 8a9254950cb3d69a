import { describe, expect, it } from 'vitest';
import type { IssueStatus } from '../../../src/domain/model.js';
import {
  newlyUnblocked,
  type StatusSnapshot,
  unblockedByFinishing,
} from '../../../src/domain/plan/newly-unblocked.js';

function snapshot(statuses: Record<string, IssueStatus>, edges: Array<[string, string]>): StatusSnapshot {
  return {
    issues: Object.entries(statuses).map(([key, status]) => ({ key, status })),
    dependencies: edges.map(([issue, blockedBy]) => ({ issue, blockedBy })),
  };
}

describe('newlyUnblocked', () => {
  const edges: Array<[string, string]> = [
    ['c', 'a'],
    ['c', 'b'],
  ];

  it('names an issue whose last open blocker was finished, with the blockers that finished', () => {
    const before = snapshot({ a: 'done', b: 'in_progress', c: 'open' }, edges);
    const after = snapshot({ a: 'done', b: 'done', c: 'open' }, edges);
    expect(newlyUnblocked(before, after)).toEqual([{ key: 'c', finishedBlockers: ['b'] }]);
  });

  it('counts wont_do as finished', () => {
    const before = snapshot({ a: 'open', b: 'done', c: 'open' }, edges);
    const after = snapshot({ a: 'wont_do', b: 'done', c: 'open' }, edges);
    expect(newlyUnblocked(before, after)).toEqual([{ key: 'c', finishedBlockers: ['a'] }]);
  });

  it('names nothing while another blocker is open, or when only an edge was removed', () => {
    expect(
      newlyUnblocked(
        snapshot({ a: 'open', b: 'open', c: 'open' }, edges),
        snapshot({ a: 'done', b: 'open', c: 'open' }, edges),
      ),
    ).toEqual([]);
    expect(
      newlyUnblocked(
        snapshot({ a: 'open', b: 'done', c: 'open' }, edges),
        snapshot({ a: 'open', b: 'done', c: 'open' }, [['c', 'b']]),
      ),
    ).toEqual([]);
  });

  it('names nothing for an issue that is itself finished', () => {
    expect(
      newlyUnblocked(
        snapshot({ a: 'open', b: 'done', c: 'open' }, edges),
        snapshot({ a: 'done', b: 'done', c: 'done' }, edges),
      ),
    ).toEqual([]);
  });
});

describe('unblockedByFinishing', () => {
  const edges: Array<[string, string]> = [
    ['c', 'a'],
    ['c', 'b'],
    ['d', 'a'],
    ['e', 'a'],
  ];

  it('names the unfinished issues whose only unfinished blocker is the issue, whatever its own status', () => {
    const state = snapshot({ a: 'open', b: 'done', c: 'open', d: 'in_progress', e: 'done' }, edges);
    expect(unblockedByFinishing(state, 'a')).toEqual(['c', 'd']);
    expect(unblockedByFinishing(snapshot({ ...statusesOf(state), a: 'done' }, edges), 'a')).toEqual([
      'c',
      'd',
    ]);
  });

  it('leaves out an issue that another open blocker still holds, counting wont_do as finished', () => {
    const state = snapshot({ a: 'open', b: 'wont_do', c: 'open', d: 'open', e: 'open' }, [
      ...edges,
      ['d', 'b'],
      ['e', 'c'],
    ]);
    expect(unblockedByFinishing(state, 'a')).toEqual(['c', 'd']);
    expect(unblockedByFinishing(state, 'c')).toEqual([]);
  });
});

function statusesOf(state: StatusSnapshot): Record<string, IssueStatus> {
  return Object.fromEntries(state.issues.map((i) => [i.key, i.status]));
}
