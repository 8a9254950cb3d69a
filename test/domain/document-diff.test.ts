import { describe, expect, it } from 'vitest';
import { diffDocuments, isEmptyDiff } from '../../src/domain/document-diff.js';
import { documentIssue, projectDocument } from './project-document-builders.js';

const base = projectDocument(
  'p',
  [documentIssue('a', { githubId: 1 }), documentIssue('b', { labels: ['x', 'y'] }), documentIssue('c')],
  [{ issue: 'b', blockedBy: 'a' }],
);

describe('diffDocuments', () => {
  it('finds nothing between a document and itself, labels in another order included', () => {
    const same = {
      ...base,
      issues: base.issues.map((i) => (i.key === 'b' ? { ...i, labels: ['y', 'x'] } : i)),
    };
    expect(isEmptyDiff(diffDocuments(base, same))).toBe(true);
  });

  it('lists issues added, changed and removed, and edges added and removed', () => {
    const next = projectDocument(
      'p',
      [
        documentIssue('a', { githubId: 1, title: 'New title' }),
        documentIssue('b', { labels: ['x', 'y'] }),
        documentIssue('d'),
      ],
      [{ issue: 'd', blockedBy: 'a' }],
    );
    const diff = diffDocuments(base, next);
    expect(diff.added.map((i) => i.key)).toEqual(['d']);
    expect(diff.changed.map((c) => [c.before.title, c.after.title])).toEqual([['Issue a', 'New title']]);
    expect(diff.removed.map((i) => i.key)).toEqual(['c']);
    expect(diff.dependenciesAdded).toEqual([{ issue: 'd', blockedBy: 'a' }]);
    expect(diff.dependenciesRemoved).toEqual([{ issue: 'b', blockedBy: 'a' }]);
    expect(diff.projectChanged).toBe(false);
  });

  it('sees an issue whose GitHub id moved to a new key as renamed, not as removed and added', () => {
    const next = {
      ...base,
      issues: [documentIssue('octo:x:gh-1', { githubId: 1 }), ...base.issues.slice(1)],
    };
    const diff = diffDocuments(base, next);
    expect(diff.renamed.map((r) => [r.before.key, r.after.key])).toEqual([['a', 'octo:x:gh-1']]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('sees an issue GitHub gave a new id with its new key (a transfer) as renamed, when told its former id', () => {
    const next = {
      ...base,
      issues: [documentIssue('octo:x:gh-1', { githubId: 77 }), ...base.issues.slice(1)],
    };
    expect(diffDocuments(base, next).removed.map((i) => i.key)).toEqual(['a']);
    const diff = diffDocuments(base, next, new Map([[77, 1]]));
    expect(diff.renamed.map((r) => [r.before.key, r.after.key])).toEqual([['a', 'octo:x:gh-1']]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('sees a key another GitHub issue took (the meta issue moved home) as that issue added, the one it held renamed', () => {
    // `a` (GitHub id 1) left for `octo:x:a`; GitHub issue 2, new here, took the key `a` it freed.
    const next = projectDocument(
      'p',
      [
        documentIssue('a', { githubId: 2, title: 'Another issue' }),
        documentIssue('octo:x:a', { githubId: 1 }),
        documentIssue('b', { labels: ['x', 'y'] }),
        documentIssue('c', { parent: 'a' }),
      ],
      [{ issue: 'b', blockedBy: 'a' }],
    );
    const before = { ...base, issues: base.issues.map((i) => (i.key === 'c' ? { ...i, parent: 'a' } : i)) };
    const diff = diffDocuments(before, next);
    expect(diff.renamed.map((r) => [r.before.key, r.after.key])).toEqual([['a', 'octo:x:a']]);
    expect(diff.added.map((i) => [i.key, i.githubId])).toEqual([['a', 2]]);
    expect(diff.removed).toEqual([]);
    // `c` stays, under another issue than before; the edge into `a` is a new edge to another issue.
    expect(diff.changed.map((c) => c.after.key)).toEqual(['c']);
    expect(diff.dependenciesRemoved).toEqual([{ issue: 'b', blockedBy: 'a' }]);
    expect(diff.dependenciesAdded).toEqual([{ issue: 'b', blockedBy: 'a' }]);
  });

  it('changes the link only when the document names one that differs', () => {
    const link = { repository: 'python/cpython', issue: 1, document: null };
    expect(diffDocuments(base, base).link).toBeUndefined();
    expect(diffDocuments(base, { ...base, project: { ...base.project, github: link } }).link).toEqual(link);
    const linked = { ...base, project: { ...base.project, github: link } };
    expect(diffDocuments(linked, { ...base, project: { ...base.project, github: null } }).link).toBeNull();
    expect(diffDocuments(linked, base).link).toBeUndefined();
  });
});
