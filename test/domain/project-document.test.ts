import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.js';
import { documentProblems, jsonPath, parseProjectDocument } from '../../src/domain/project-document.js';
import { NUL_IN_TEXT } from '../../src/domain/storable-text.js';
import { invalidInputFrom } from './invalid-input.js';
import { documentIssue } from './project-document-builders.js';

const minimal = { version: 1, project: { slug: 'p', name: 'P' }, issues: [{ key: 'a', title: 'A' }] };

describe('parseProjectDocument', () => {
  it('fills the defaults of a minimal document', () => {
    expect(parseProjectDocument(minimal)).toEqual({
      version: 1,
      project: {
        slug: 'p',
        name: 'P',
        description: '',
        goal: [],
        defaultEstimateDays: 1,
        team: null,
        start: null,
        workdays: [1, 2, 3, 4, 5],
        holidays: [],
      },
      issues: [
        {
          key: 'a',
          title: 'A',
          body: '',
          status: 'open',
          estimateDays: null,
          estimateLowDays: null,
          estimateHighDays: null,
          assignee: null,
          priority: null,
          parent: null,
          url: null,
          labels: [],
          claims: [],
          checks: [],
        },
      ],
      dependencies: [],
    });
  });

  it('carries claims and both kinds of checks as they are', () => {
    const claims = [{ component: 'ext:_decimal', placement: 'multi-phase' }];
    const checks = [
      { name: 'w', workload: 'tuple-churn' },
      { name: 'p', program: [{ op: 'import', module: '_decimal' }] },
    ];
    const doc = parseProjectDocument({ ...minimal, issues: [{ key: 'a', title: 'A', claims, checks }] });
    expect(doc.issues[0]).toMatchObject({ claims, checks });
  });

  it('lists every claim, check and goal check the simulator does not know', () => {
    const error = invalidInputFrom(() =>
      parseProjectDocument({
        ...minimal,
        project: { ...minimal.project, goal: [{ name: 'g', workload: 'nope' }] },
        issues: [
          {
            key: 'a',
            title: 'A',
            claims: [{ component: 'freelist.nope', placement: 'per-interpreter' }],
            checks: [{ name: 'p', program: [{ op: 'fly' }] }],
          },
        ],
      }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const paths = error.errors.map((e) => e.path);
    expect(paths).toContain('issues[0].claims[0].component');
    expect(paths.some((p) => p.startsWith('issues[0].checks[0]'))).toBe(true);
    expect(paths).toContain('project.goal[0].workload');
  });

  it('refuses fields the format does not have, such as an issue blockedBy, by name', () => {
    expect(() =>
      parseProjectDocument({ ...minimal, issues: [{ key: 'a', title: 'A', blockedBy: ['b'] }] }),
    ).toThrow(InvalidInputError);
    const error = invalidInputFrom(() =>
      parseProjectDocument({ ...minimal, issues: [{ key: 'a', title: 'A', blockedBy: ['b'] }] }),
    );
    expect(error.errors).toEqual([{ path: 'issues[0]', message: expect.stringContaining('blockedBy') }]);
  });

  it('accepts only http and https issue URLs', () => {
    const withUrl = (url: string) => ({ ...minimal, issues: [{ key: 'a', title: 'A', url }] });
    expect(parseProjectDocument(withUrl('https://bugs.python.org/issue40512')).issues[0]?.url).toBe(
      'https://bugs.python.org/issue40512',
    );
    expect(() => parseProjectDocument(withUrl('javascript:alert(1)'))).toThrow(InvalidInputError);
  });

  it('lists every malformed field with its JSON path', () => {
    const error = invalidInputFrom(() =>
      parseProjectDocument({
        version: 1,
        project: { slug: 'Bad Slug', name: 'P' },
        issues: [{ key: 'a', title: 'A', status: 'closed' }],
      }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.errors.map((e) => e.path)).toEqual(['project.slug', 'issues[0].status']);
  });

  it('refuses a key or slug with a letter outside ASCII, saying that they are ASCII', () => {
    const error = invalidInputFrom(() =>
      parseProjectDocument({
        ...minimal,
        project: { slug: 'münchen', name: 'P' },
        issues: [{ key: 'über', title: 'A' }],
      }),
    );
    expect(error.errors.map((e) => e.path)).toEqual(['project.slug', 'issues[0].key']);
    for (const e of error.errors) expect(e.message).toContain('ASCII');
  });

  it('refuses text holding NUL (U+0000), naming each field: a file or a GitHub sync, not only the API', () => {
    const error = invalidInputFrom(() =>
      parseProjectDocument({ ...minimal, issues: [{ key: 'a', title: 'A', labels: ['x', 'y\u0000'] }] }),
    );
    expect(error.errors).toEqual([{ path: 'issues[0].labels[1]', message: NUL_IN_TEXT }]);
  });
});

describe('documentProblems', () => {
  const base = parseProjectDocument(minimal);

  it('finds nothing wrong in a consistent document', () => {
    const doc = {
      ...base,
      issues: [base.issues[0]!, documentIssue('b', { parent: 'a' })],
      dependencies: [{ issue: 'b', blockedBy: 'a' }],
    };
    expect(documentProblems(doc)).toEqual({ errors: [], cycles: [] });
  });

  it('reports a parent cycle once, however long', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const doc = {
      ...base,
      issues: keys.map((key, i) => documentIssue(key, { parent: keys[(i + 1) % keys.length]! })),
    };
    expect(documentProblems(doc).errors).toEqual([
      { path: 'issues[0].parent', message: 'parent cycle a -> b -> c -> d -> a' },
    ]);
  });

  it('reports each dependency cycle separately', () => {
    const doc = {
      ...base,
      issues: ['a', 'b', 'c', 'd', 'e'].map((key) => documentIssue(key)),
      dependencies: [
        { issue: 'a', blockedBy: 'b' },
        { issue: 'b', blockedBy: 'a' },
        { issue: 'c', blockedBy: 'd' },
        { issue: 'd', blockedBy: 'e' },
        { issue: 'e', blockedBy: 'c' },
      ],
    };
    expect(documentProblems(doc).cycles).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
    ]);
  });
});

describe('jsonPath', () => {
  it('writes array indexes in brackets and names with dots', () => {
    expect(jsonPath(['issues', 3, 'labels', 0])).toBe('issues[3].labels[0]');
    expect(jsonPath([])).toBe('(document)');
  });
});
