import { describe, expect, it } from 'vitest';
import { stateFromTree } from '../../../src/domain/github/github-state.js';
import { transferLookup } from '../../../src/domain/github/transfer-lookup.js';
import { documentIssue, projectDocument } from '../project-document-builders.js';
import { githubIssue, HOME } from './github-issues.js';

const meta = githubIssue(1);
const a = githubIssue(2);
const b = githubIssue(3);
const held = projectDocument(
  'p',
  [
    documentIssue('gh-1', { githubId: meta.id }),
    documentIssue('gh-2', { githubId: a.id }),
    documentIssue('gh-3', { githubId: b.id }),
    documentIssue('own'),
  ],
  [],
  { github: { repository: HOME, issue: 1, document: null } },
);
const tree = (...issues: ReturnType<typeof githubIssue>[]) =>
  stateFromTree(HOME, {
    nodes: [meta, ...issues].map((issue, i) => ({ issue, parent: i === 0 ? null : meta.id, blockers: [] })),
  });

describe('transferLookup', () => {
  it('is nothing when the tree has no issue the project does not hold, whatever it lacks', () => {
    expect(transferLookup(held, tree(a))).toBeNull();
  });

  it('is nothing when the tree has a newcomer but lacks no GitHub issue the project holds', () => {
    expect(transferLookup(held, tree(a, b, githubIssue(4)))).toBeNull();
  });

  it('names the newcomers and, at the address its key gives, each GitHub issue the project holds that the tree lacks', () => {
    const moved = githubIssue(1, { id: 9001, repository: 'octo/arenas' });
    expect(transferLookup(held, tree(a, moved))).toEqual({
      newcomers: new Set([9001]),
      missing: [{ id: b.id, ref: { repository: HOME, number: 3 } }],
    });
  });
});
