import { describe, expect, it } from 'vitest';
import { githubIssueKey, issueRefOfKey, keysOfIssues } from '../../../src/domain/github/issue-key.js';
import { parseIssueReference, sameIssue } from '../../../src/domain/github/repository.js';
import { DocumentIssueKeySchema } from '../../../src/domain/project-document.js';

describe('GitHub issue keys', () => {
  it('names an issue of the meta issue repository gh-NUMBER, whatever the case of the repository', () => {
    expect(githubIssueKey('python/cpython', { repository: 'python/cpython', number: 84692 })).toBe(
      'gh-84692',
    );
    expect(githubIssueKey('python/cpython', { repository: 'Python/CPython', number: 7 })).toBe('gh-7');
  });

  it('names an issue of another repository OWNER:REPO:gh-NUMBER, a valid issue key', () => {
    const key = githubIssueKey('python/cpython', {
      repository: 'ericsnowcurrently/multi-core.py',
      number: 12,
    });
    expect(key).toBe('ericsnowcurrently:multi-core.py:gh-12');
    expect(DocumentIssueKeySchema.safeParse(key).success).toBe(true);
  });

  it('reads a key back into the issue it names, and nothing from other keys', () => {
    expect(issueRefOfKey('python/cpython', 'gh-5')).toEqual({ repository: 'python/cpython', number: 5 });
    expect(issueRefOfKey('python/cpython', 'octo:repo:gh-9')).toEqual({ repository: 'octo/repo', number: 9 });
    expect(issueRefOfKey('python/cpython', 'bpo-40512')).toBeNull();
    expect(issueRefOfKey('python/cpython', 'gh-0')).toBeNull();
  });
});

describe('issue references', () => {
  it('parses OWNER/REPO#N and refuses anything else', () => {
    expect(parseIssueReference('python/cpython#84692')).toEqual({
      repository: 'python/cpython',
      number: 84692,
    });
    for (const bad of ['python/cpython', 'cpython#1', 'python/cpython#0', '-x/y#1', 'a/..#1', 'a/b#1x']) {
      expect(parseIssueReference(bad), bad).toBeNull();
    }
  });

  it('compares repositories without regard to case', () => {
    expect(
      sameIssue({ repository: 'Python/CPython', number: 1 }, { repository: 'python/cpython', number: 1 }),
    ).toBe(true);
  });
});

describe('keysOfIssues', () => {
  it("finds the project's keys of the referenced issues, whatever the case, and leaves out the rest", () => {
    const keys = ['gh-1', 'gh-2', 'Octo:Lib:gh-9', 'local'];
    const refs = [
      { repository: 'python/cpython', number: 2 },
      { repository: 'octo/lib', number: 9 },
      { repository: 'python/cpython', number: 404 },
      { repository: 'Python/CPython', number: 2 },
    ];
    expect(keysOfIssues('python/cpython', refs, keys)).toEqual(['gh-2', 'Octo:Lib:gh-9']);
  });
});
