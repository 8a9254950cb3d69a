import { describe, expect, it } from 'vitest';
import { closingReferences } from '../../../src/domain/github/closing-references.js';

const REPO = 'python/cpython';

describe('closingReferences', () => {
  it('finds every closing keyword form GitHub knows, in any case, with or without a colon', () => {
    const body = [
      'close #1',
      'Closes #2',
      'closed #3',
      'FIX #4',
      'fixes: #5',
      'Fixed #6',
      'resolve #7',
      'Resolves #8',
      'resolved #9',
    ].join('\n');
    expect(closingReferences(body, REPO).map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('takes #N in the pull request repository, OWNER/REPO#N and issue URLs elsewhere', () => {
    const body =
      'Fixes #10, resolves ericsnowcurrently/multi-core-python#3 and closes https://github.com/octo/repo/issues/77.';
    expect(closingReferences(body, REPO)).toEqual([
      { repository: REPO, number: 10 },
      { repository: 'ericsnowcurrently/multi-core-python', number: 3 },
      { repository: 'octo/repo', number: 77 },
    ]);
  });

  it('needs a keyword for each issue, as GitHub does', () => {
    expect(closingReferences('Fixes #1, #2 and #3', REPO).map((r) => r.number)).toEqual([1]);
  });

  it('ignores mentions without a keyword, keywords inside words and numbers running into letters', () => {
    expect(closingReferences('See #4. prefixes #5. Fixes #6abc. bugfix #7', REPO)).toEqual([]);
  });

  it('ignores keywords in HTML comments, fenced code blocks and inline code', () => {
    const body = [
      '<!-- Fixes #1 (template hint) -->',
      '```',
      'fixes #2',
      '```',
      'Run `git commit -m "fixes #3"` then',
      'fixes #4',
    ].join('\n');
    expect(closingReferences(body, REPO).map((r) => r.number)).toEqual([4]);
  });

  it('lists each issue once, and nothing for an empty or missing description', () => {
    expect(closingReferences('fixes #1 and fixes #1, closes python/CPython#1', REPO)).toHaveLength(1);
    expect(closingReferences(null, REPO)).toEqual([]);
    expect(closingReferences('', REPO)).toEqual([]);
  });
});
