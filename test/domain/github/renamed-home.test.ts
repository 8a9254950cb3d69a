import { describe, expect, it } from 'vitest';
import { stateFromDocument, updateIssue } from '../../../src/domain/github/github-state.js';
import { renamedHome } from '../../../src/domain/github/renamed-home.js';
import { documentIssue, projectDocument } from '../project-document-builders.js';
import { githubIssue, HOME } from './github-issues.js';

const held = projectDocument(
  'p',
  [
    documentIssue('gh-1', { githubId: 1001 }),
    documentIssue('gh-2', { githubId: 1002, parent: 'gh-1' }),
    documentIssue('octo:lib:gh-9', { githubId: 9009 }),
  ],
  [{ issue: 'gh-2', blockedBy: 'octo:lib:gh-9' }],
  { github: { repository: HOME, issue: 1, document: null } },
);
const stateAfter = (issue: ReturnType<typeof githubIssue>) => {
  const state = stateFromDocument(held, held.project.github!)!;
  updateIssue(state, issue);
  return state;
};

describe('renamedHome', () => {
  it('is the new name when GitHub names an issue of the home, under the same id, in another repository', () => {
    expect(renamedHome(held, stateAfter(githubIssue(2, { repository: 'python/cpython-renamed' })))).toBe(
      'python/cpython-renamed',
    );
  });

  it('is null for an edit in the home, and for an issue of another repository renamed', () => {
    expect(renamedHome(held, stateAfter(githubIssue(2, { title: 'Edited' })))).toBeNull();
    expect(
      renamedHome(held, stateAfter(githubIssue(9, { id: 9009, repository: 'octo/helpers' }))),
    ).toBeNull();
  });
});
