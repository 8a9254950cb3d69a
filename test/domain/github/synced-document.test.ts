import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GithubIssue } from '../../../src/domain/github/github-issue.js';
import {
  attachSubtree,
  detachIssue,
  type GithubTree,
  type GithubTreeNode,
  removeIssue,
  replaceIssue,
  setBlockers,
  stateFromDocument,
  stateFromTree,
  updateIssue,
} from '../../../src/domain/github/github-state.js';
import { syncedDocument } from '../../../src/domain/github/synced-document.js';
import type { GithubLink, ProjectDocument } from '../../../src/domain/model.js';
import { parseProjectDocument } from '../../../src/domain/project-document.js';
import { documentIssue } from '../project-document-builders.js';
import { githubIssue, HOME } from './github-issues.js';

const LINK: GithubLink = { repository: HOME, issue: 1, document: null };

function node(issue: GithubIssue, parent: GithubIssue | null, blockers: GithubIssue[] = []): GithubTreeNode {
  return { issue, parent: parent?.id ?? null, blockers };
}

// The meta issue #1 with sub-issues #2 and #3; #4 under #3; #3 blocked by #2 and by octo/lib#9.
const meta = githubIssue(1, { title: 'One GIL per interpreter' });
const a = githubIssue(2, { state: 'closed', stateReason: 'completed' });
const b = githubIssue(3, { labels: ['estimate: 3d'] });
const c = githubIssue(4);
const external = githubIssue(9, { id: 9009, repository: 'octo/lib' });
const tree: GithubTree = {
  nodes: [node(meta, null), node(a, meta), node(b, meta, [a, external]), node(c, b)],
};

function sync(current: ProjectDocument | null, t: GithubTree = tree) {
  return syncedDocument(current, stateFromTree(HOME, t), LINK, 'gil');
}

describe('the document of a first sync', () => {
  it('holds the meta issue as the root, its sub-issues with their parents, and the blockers from elsewhere', () => {
    const { document, refused } = sync(null);
    expect(refused).toEqual([]);
    expect(document.issues.map((i) => [i.key, i.parent, i.status, i.estimateDays])).toEqual([
      ['gh-1', null, 'open', null],
      ['gh-2', 'gh-1', 'done', null],
      ['gh-3', 'gh-1', 'open', 3],
      ['gh-4', 'gh-3', 'open', null],
      ['octo:lib:gh-9', null, 'open', null],
    ]);
    expect(document.dependencies).toEqual([
      { issue: 'gh-3', blockedBy: 'gh-2' },
      { issue: 'gh-3', blockedBy: 'octo:lib:gh-9' },
    ]);
  });

  it('creates the project named after the meta issue, linked to it, and is a valid document', () => {
    const { document } = sync(null);
    expect(document.project).toMatchObject({ slug: 'gil', name: 'One GIL per interpreter', github: LINK });
    expect(() => parseProjectDocument(document)).not.toThrow();
  });
});

describe('a later sync', () => {
  const first = sync(null).document;
  const owned: ProjectDocument = {
    ...first,
    project: { ...first.project, name: 'Renamed here', goal: [{ name: 'goal', workload: 'tuple-churn' }] },
    issues: [
      ...first.issues.map((i) =>
        i.key === 'gh-3'
          ? { ...i, claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }] }
          : i,
      ),
      documentIssue('local', { title: 'Added by hand', parent: 'gh-4' }),
    ].sort((x, y) => (x.key < y.key ? -1 : 1)),
    dependencies: [...first.dependencies, { issue: 'local', blockedBy: 'gh-2' }],
  };

  it('changes nothing when nothing changed on GitHub', () => {
    expect(sync(owned).document).toEqual(owned);
  });

  it("keeps what isoplan owns: the project's fields, claims, issues added by hand and their edges", () => {
    const { document } = sync(owned, {
      nodes: tree.nodes.map((n) => (n.issue === b ? { ...n, issue: { ...b, title: 'New' } } : n)),
    });
    expect(document.project.name).toBe('Renamed here');
    expect(document.project.goal).toHaveLength(1);
    expect(document.issues.find((i) => i.key === 'gh-3')).toMatchObject({
      title: 'New',
      claims: [{ component: 'freelist.tuple' }],
    });
    expect(document.issues.find((i) => i.key === 'local')).toMatchObject({ parent: 'gh-4' });
    expect(document.dependencies).toContainEqual({ issue: 'local', blockedBy: 'gh-2' });
  });

  it('removes an issue GitHub no longer has under the meta issue, clearing the parent of what hung under it', () => {
    const { document } = sync(owned, { nodes: tree.nodes.filter((n) => n.issue !== c) });
    expect(document.issues.map((i) => i.key)).not.toContain('gh-4');
    expect(document.issues.find((i) => i.key === 'local')?.parent).toBeNull();
  });

  it('drops a blocker from elsewhere once it blocks nothing of the tree, and the edges GitHub removed', () => {
    const { document } = sync(owned, {
      nodes: tree.nodes.map((n) => (n.issue === b ? { ...n, blockers: [] } : n)),
    });
    expect(document.issues.map((i) => i.key)).not.toContain('octo:lib:gh-9');
    expect(document.dependencies).toEqual([{ issue: 'local', blockedBy: 'gh-2' }]);
  });

  it('keeps the claims of an issue transferred to another repository, under its new key', () => {
    const moved = {
      ...b,
      repository: 'octo/other',
      number: 30,
      url: 'https://github.com/octo/other/issues/30',
    };
    const { document } = sync(owned, {
      nodes: tree.nodes.map((n) =>
        n.issue === b ? { ...n, issue: moved } : n.issue === c ? node(c, moved) : n,
      ),
    });
    expect(document.issues.map((i) => i.key)).not.toContain('gh-3');
    expect(document.issues.find((i) => i.key === 'octo:other:gh-30')).toMatchObject({
      githubId: b.id,
      parent: 'gh-1',
      claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }],
    });
    expect(document.issues.find((i) => i.key === 'gh-4')?.parent).toBe('octo:other:gh-30');
  });

  it("gives none of an issue's claims to another issue that takes its key when the meta issue moves home", () => {
    // The meta issue moved to octo/meta, whose own #3 is now a sub-issue; python/cpython#3 stayed behind.
    const home = 'octo/meta';
    const movedMeta = { ...meta, id: 7001, repository: home, url: 'https://github.com/octo/meta/issues/1' };
    const other = githubIssue(3, {
      id: 7003,
      repository: home,
      url: 'https://github.com/octo/meta/issues/3',
    });
    const state = stateFromTree(home, {
      nodes: [
        ...tree.nodes.map((n) => (n.issue === meta ? node(movedMeta, null) : n)),
        node(other, movedMeta),
      ].map((n) => (n.parent === meta.id ? { ...n, parent: movedMeta.id } : n)),
    });
    state.formerIds = new Map([[movedMeta.id, meta.id]]);
    const { document } = syncedDocument(owned, state, { ...LINK, repository: home }, 'gil');
    expect(document.issues.find((i) => i.key === 'python:cpython:gh-3')).toMatchObject({
      githubId: b.id,
      claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }],
    });
    expect(document.issues.find((i) => i.key === 'gh-3')).toMatchObject({ githubId: other.id, claims: [] });
  });

  it("moves the edges and parents of isoplan's own issues with the GitHub issues they name, when those are transferred", () => {
    const elsewhere = (issue: GithubIssue, number: number) => ({
      ...issue,
      repository: 'octo/other',
      number,
      url: `https://github.com/octo/other/issues/${number}`,
    });
    const [movedA, movedC] = [elsewhere(a, 20), elsewhere(c, 40)];
    const { document } = sync(owned, {
      nodes: tree.nodes.map((n) =>
        n.issue === a ? { ...n, issue: movedA } : n.issue === c ? { ...n, issue: movedC } : n,
      ),
    });
    expect(document.issues.find((i) => i.key === 'local')?.parent).toBe('octo:other:gh-40');
    expect(document.dependencies).toContainEqual({ issue: 'local', blockedBy: 'octo:other:gh-20' });
    expect(() => parseProjectDocument(document)).not.toThrow();
  });

  it('leaves out an edge that would close a cycle, reports its path, and keeps the rest', () => {
    // GitHub now also says #2 is blocked by #4, and #4 by #3: #3 <- #2 <- #4 <- #3.
    const { document, refused } = sync(owned, {
      nodes: tree.nodes.map((n) =>
        n.issue === a ? { ...n, blockers: [c] } : n.issue === c ? { ...n, blockers: [b] } : n,
      ),
    });
    expect(refused).toEqual([{ issue: 'gh-4', blockedBy: 'gh-3', cycle: ['gh-4', 'gh-3', 'gh-2', 'gh-4'] }]);
    expect(document.dependencies).toContainEqual({ issue: 'gh-2', blockedBy: 'gh-4' });
    expect(() => parseProjectDocument(document)).not.toThrow();
  });
});

describe('changing the GitHub part of a stored project (webhooks)', () => {
  const stored = sync(null).document;
  const state = () => stateFromDocument(stored, LINK)!;

  it('reads back the tree and the blockers that a sync stored', () => {
    expect(syncedDocument(stored, state(), LINK, 'gil').document).toEqual(stored);
  });

  it('is null for a project the meta issue was never synced into', () => {
    expect(stateFromDocument({ ...stored, issues: [] }, LINK)).toBeNull();
  });

  it('updates the fields of an issue it has and ignores one it has not', () => {
    const s = state();
    expect(updateIssue(s, { ...c, state: 'closed', stateReason: 'not_planned' })).toBe(true);
    expect(updateIssue(s, githubIssue(99))).toBe(false);
    const { document } = syncedDocument(stored, s, LINK, 'gil');
    expect(document.issues.find((i) => i.key === 'gh-4')?.status).toBe('wont_do');
    expect(document.issues.map((i) => i.key)).not.toContain('gh-99');
  });

  it('drops a deleted issue with its sub-issues and its edges', () => {
    const s = state();
    removeIssue(s, b.id);
    const { document } = syncedDocument(stored, s, LINK, 'gil');
    expect(document.issues.map((i) => i.key)).toEqual(['gh-1', 'gh-2']);
    expect(document.dependencies).toEqual([]);
  });

  it('never removes the meta issue, and with it the whole project: it says so instead', () => {
    const s = state();
    expect(removeIssue(s, meta.id)).toBe(false);
    expect(syncedDocument(stored, s, LINK, 'gil').document).toEqual(stored);
  });

  it('moves a sub-issue with what is under it to another parent, and detaches one from the tree', () => {
    const s = state();
    const d = githubIssue(5);
    attachSubtree(s, { nodes: [node(c, null), node(d, c)] }, a.id);
    let { document } = syncedDocument(stored, s, LINK, 'gil');
    expect(document.issues.filter((i) => ['gh-4', 'gh-5'].includes(i.key)).map((i) => i.parent)).toEqual([
      'gh-2',
      'gh-4',
    ]);
    detachIssue(s, c.id);
    ({ document } = syncedDocument(stored, s, LINK, 'gil'));
    expect(document.issues.map((i) => i.key)).not.toContain('gh-5');
  });

  it('replaces the blockers of an issue of the tree, fetching in those it did not know', () => {
    const s = state();
    const other = githubIssue(12, { id: 7012, repository: 'octo/lib' });
    setBlockers(s, b.id, [other]);
    const { document } = syncedDocument(stored, s, LINK, 'gil');
    expect(document.dependencies).toEqual([{ issue: 'gh-3', blockedBy: 'octo:lib:gh-12' }]);
    expect(document.issues.map((i) => i.key)).not.toContain('octo:lib:gh-9');
  });
});

describe('syncedDocument on any tree GitHub may hold', () => {
  // A random tree of up to 30 issues (each one's parent comes before it) with random blockers among them,
  // cycles included: GitHub does not promise an acyclic graph.
  const trees = fc
    .integer({ min: 1, max: 30 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.nat(), { minLength: n, maxLength: n }),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      ),
    )
    .map(([parents, edges]) => {
      const issues = parents.map((_, i) => githubIssue(i + 1));
      const nodes = issues.map((issue, i) => ({
        issue,
        parent: i === 0 ? null : issues[parents[i]! % i]!.id,
        blockers: edges.filter(([x]) => x === i).map(([, y]) => issues[y]!),
      }));
      return { nodes };
    });

  it('is a valid, acyclic document in which each edge from GitHub is either stored or refused', () => {
    fc.assert(
      fc.property(trees, (t) => {
        const { document, refused } = sync(null, t);
        expect(() => parseProjectDocument(document)).not.toThrow();
        const edges = new Set(
          t.nodes.flatMap((n) =>
            n.blockers.filter((b) => b.id !== n.issue.id).map((b) => `gh-${n.issue.number}<-gh-${b.number}`),
          ),
        );
        expect(document.dependencies.length + refused.length).toBe(edges.size);
        for (const r of refused) expect(r.cycle.at(0)).toBe(r.cycle.at(-1));
      }),
    );
  });
});

describe('replaceIssue', () => {
  it('carries the place in the tree, the blockers, what it blocks, claims and checks over to a new id', () => {
    const current = sync(null).document;
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    current.issues = current.issues.map((i) => (i.githubId === a.id ? { ...i, claims } : i));
    const state = stateFromDocument(current, LINK)!;
    const moved = githubIssue(40, { id: 777, repository: 'octo/other' });
    expect(replaceIssue(state, a.id, moved)).toBe(true);
    const { document } = syncedDocument(current, state, LINK, 'gil');
    expect(document.issues.find((i) => i.key === 'octo:other:gh-40')).toMatchObject({
      parent: 'gh-1',
      githubId: 777,
      claims,
    });
    expect(document.dependencies).toContainEqual({ issue: 'gh-3', blockedBy: 'octo:other:gh-40' });
  });
});
