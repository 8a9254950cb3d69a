import { describe, expect, it } from 'vitest';
import { filterRows, sortRows, toRows } from '../../src/web/table-view.js';

const issues = [
  {
    key: 'bpo-10',
    title: 'Per-interpreter free lists',
    status: 'open',
    estimateDays: 3,
    parent: null,
    labels: ['gc'],
    blockedBy: [],
  },
  {
    key: 'bpo-9',
    title: 'Immortal singletons',
    status: 'done',
    estimateDays: null,
    parent: null,
    labels: ['pep-683'],
    blockedBy: [],
  },
  {
    key: 'bpo-11',
    title: 'Own GIL',
    status: 'in_progress',
    estimateDays: 5,
    parent: 'bpo-10',
    labels: [],
    blockedBy: ['bpo-10'],
  },
];
const plan = {
  ready: ['bpo-10'],
  blocked: [{ key: 'bpo-11', blockedBy: ['bpo-10'], rootBlockers: ['bpo-10'] }],
  criticalPath: { keys: ['bpo-10', 'bpo-11'], lengthDays: 8 },
  schedule: { 'bpo-10': { slack: 0 }, 'bpo-11': { slack: 0 } },
};
const rows = toRows(issues, plan, {
  issues: [{ key: 'bpo-9', verdict: 'verified' }],
});
const keys = (list: { key: string }[]) => list.map((r) => r.key);

describe('toRows', () => {
  it('joins each issue with its plan state, slack and verdict', () => {
    expect(rows.map((r) => [r.key, r.state, r.slack, r.critical, r.verdict])).toEqual([
      ['bpo-10', 'ready', 0, true, null],
      ['bpo-9', 'finished', null, false, 'verified'],
      ['bpo-11', 'blocked', 0, true, null],
    ]);
  });
});

describe('filterRows', () => {
  const none = { status: '', label: '', text: '' };
  it('keeps everything with an empty filter', () => {
    expect(filterRows(rows, none)).toHaveLength(3);
  });
  it('filters by status, by the plan sets, by label and by text in key, title or label', () => {
    expect(keys(filterRows(rows, { ...none, status: 'done' }))).toEqual(['bpo-9']);
    expect(keys(filterRows(rows, { ...none, status: 'ready' }))).toEqual(['bpo-10']);
    expect(keys(filterRows(rows, { ...none, status: 'blocked' }))).toEqual(['bpo-11']);
    expect(keys(filterRows(rows, { ...none, label: 'gc' }))).toEqual(['bpo-10']);
    expect(keys(filterRows(rows, { ...none, text: 'IMMORTAL' }))).toEqual(['bpo-9']);
    expect(keys(filterRows(rows, { ...none, text: 'pep-683' }))).toEqual(['bpo-9']);
    expect(keys(filterRows(rows, { ...none, text: 'bpo-1' }))).toEqual(['bpo-10', 'bpo-11']);
  });
  it('combines the parts with and', () => {
    expect(filterRows(rows, { status: 'done', label: 'gc', text: '' })).toEqual([]);
  });
});

describe('sortRows', () => {
  it('sorts keys in natural order, both ways', () => {
    expect(keys(sortRows(rows, { column: 'key', descending: false }))).toEqual(['bpo-9', 'bpo-10', 'bpo-11']);
    expect(keys(sortRows(rows, { column: 'key', descending: true }))).toEqual(['bpo-11', 'bpo-10', 'bpo-9']);
  });
  it('sorts numbers numerically and puts missing values last whatever the direction', () => {
    expect(keys(sortRows(rows, { column: 'estimateDays', descending: false }))).toEqual([
      'bpo-10',
      'bpo-11',
      'bpo-9',
    ]);
    expect(keys(sortRows(rows, { column: 'estimateDays', descending: true }))).toEqual([
      'bpo-11',
      'bpo-10',
      'bpo-9',
    ]);
  });
  it('does not change its input', () => {
    const before = keys(rows);
    sortRows(rows, { column: 'title', descending: true });
    expect(keys(rows)).toEqual(before);
  });
});
