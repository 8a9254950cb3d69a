import { describe, expect, it } from 'vitest';
import { newlyUnblocked } from '../../src/web/feed-view.js';
import { verdictWord } from '../../src/web/format.js';
import { changedFields, parseEstimate, parseLabels } from '../../src/web/issue-editor.js';
import { changesSince } from '../../src/web/write-errors.js';

const issue = {
  key: 'a',
  title: 'Title',
  body: '',
  status: 'open',
  estimateDays: 2,
  labels: ['x'],
  parent: null,
};

describe('the issue editor', () => {
  it('reads labels as comma-separated, trimmed, each once', () => {
    expect(parseLabels(' a, b ,,a, c d ')).toEqual(['a', 'b', 'c d']);
  });
  it('reads a blank estimate as none and refuses what is not a number of days', () => {
    expect(parseEstimate(' ')).toEqual({ value: null });
    expect(parseEstimate('1.5')).toEqual({ value: 1.5 });
    expect(parseEstimate('soon')).toHaveProperty('problem');
    expect(parseEstimate('-1')).toHaveProperty('problem');
  });
  it('sends only the fields that changed', () => {
    const same = { title: 'Title', body: '', status: 'open', estimateDays: 2, labels: ['x'], parent: null };
    expect(changedFields(issue, same)).toEqual({});
    expect(changedFields(issue, { ...same, status: 'in_progress', labels: [], parent: 'p' })).toEqual({
      status: 'in_progress',
      labels: [],
      parent: 'p',
    });
  });
});

describe('signals', () => {
  it('says "checks pass" for an open issue whose checks run clean, "verified" only once done', () => {
    expect(verdictWord({ verdict: 'verified', status: 'open' })).toBe('checks pass');
    expect(verdictWord({ verdict: 'verified', status: 'in_progress' })).toBe('checks pass');
    expect(verdictWord({ verdict: 'verified', status: 'done' })).toBe('verified');
    expect(verdictWord({ verdict: 'failing', status: 'open' })).toBe('failing');
  });
  it('announces as unblocked only issues that were blocked and are ready now', () => {
    expect(newlyUnblocked(['a'], ['a', 'b', 'n'], new Set(['b', 'c']))).toEqual(['b']);
  });
  it('tells who changed an issue since the revision the page showed, and what', () => {
    const events = [
      { actor: 'carol', action: 'issue.update', target: 'b', before: {}, after: {} },
      {
        actor: 'alice',
        action: 'issue.update',
        target: 'a',
        before: { status: 'open', revision: 3 },
        after: { status: 'wont_do', revision: 4 },
      },
      {
        actor: 'bob',
        action: 'issue.update',
        target: 'a',
        before: { title: 'x', revision: 2 },
        after: { title: 'y', revision: 3 },
      },
    ];
    expect(changesSince(events, 'a', 3)).toEqual(['alice: status: open → wont_do']);
  });
});
