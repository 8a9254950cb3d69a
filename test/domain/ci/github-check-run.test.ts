import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { buildCheckRun } from '../../../src/domain/ci/check-run.js';
import {
  ANNOTATIONS_PER_REQUEST,
  documentLines,
  githubCheckRunRequests,
  githubCommitStatus,
  SUMMARY_BYTES,
} from '../../../src/domain/ci/github-check-run.js';
import { truncateBytes } from '../../../src/domain/ci/truncate.js';
import type { CheckRunDocument } from '../../../src/domain/ci/types.js';
import { run, untested, verified } from './fixtures.js';

/** A check run with `n` marked issues k0..k(n-1), each verified (one notice annotation each). */
function checkRun(n: number, detailsUrl: string | null = null): CheckRunDocument {
  const keys = Array.from({ length: n }, (_, i) => `k${i}`);
  const before = run(keys.map((k) => untested(k)));
  const after = run(keys.map((k) => verified(k)));
  const assessment = assessChange({ project: 'gil', done: keys, before, after });
  return buildCheckRun(assessment, {
    id: '7',
    sha: 'a'.repeat(40),
    startedAt: '2026-01-01T00:00:00.000Z',
    completedAt: '2026-01-01T00:00:01.000Z',
    detailsUrl,
  });
}

const DOCUMENT = {
  path: 'tracker/project.json',
  text: [
    '{',
    '  "version": 1,',
    '  "project": { "slug": "gil", "goal": [] },',
    '  "issues": [',
    '    { "key": "k0" },',
    '    { "key": "k1" }',
    '  ]',
    '}',
  ].join('\n'),
};

describe('githubCheckRunRequests', () => {
  it("creates a completed run named as asked, with GitHub's fields only", () => {
    const { create, updates } = githubCheckRunRequests(
      checkRun(2, 'https://isoplan.example/v1/projects/gil/checks/7'),
      'isoplan',
      DOCUMENT,
    );
    expect(create).toMatchObject({
      name: 'isoplan',
      head_sha: 'a'.repeat(40),
      status: 'completed',
      conclusion: 'success',
      details_url: 'https://isoplan.example/v1/projects/gil/checks/7',
    });
    expect(Object.keys(create)).not.toContain('report');
    expect(updates).toEqual([]);
  });

  it('points each annotation at the project document, on the line of its issue key', () => {
    const { create } = githubCheckRunRequests(checkRun(3), 'isoplan', DOCUMENT);
    expect(create.output.annotations.map((a) => [a.path, a.start_line, a.end_line])).toEqual([
      ['tracker/project.json', 5, 5],
      ['tracker/project.json', 6, 6],
      ['tracker/project.json', 1, 1],
    ]);
  });

  it('sends at most 50 annotations per request and the rest in updates, none lost', () => {
    const { create, updates } = githubCheckRunRequests(checkRun(120), 'isoplan', DOCUMENT);
    const sizes = [create.output.annotations.length, ...updates.map((u) => u.output.annotations.length)];
    expect(sizes).toEqual([ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_REQUEST, 20]);
    for (const u of updates) expect(u.output.title).toBe(create.output.title);
  });

  it('leaves annotations out without a tracked document and says so in the summary', () => {
    const { create, updates } = githubCheckRunRequests(checkRun(60), 'isoplan', null);
    expect(create.output.annotations).toEqual([]);
    expect(updates).toEqual([]);
    expect(create.output.summary).toContain('60 annotation(s) left out');
  });

  it("keeps the summary within GitHub's 65,535 bytes, multi-byte characters included", () => {
    const big = checkRun(1);
    big.output.summary = '✅'.repeat(40_000);
    const { summary } = githubCheckRunRequests(big, 'isoplan', DOCUMENT).create.output;
    expect(new TextEncoder().encode(summary).length).toBeLessThanOrEqual(SUMMARY_BYTES);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('documentLines', () => {
  it('finds the line of each key and of the goal', () => {
    expect(documentLines(DOCUMENT.text)).toEqual(
      new Map([
        ['(goal)', 3],
        ['k0', 5],
        ['k1', 6],
      ]),
    );
  });
});

describe('truncateBytes', () => {
  it('returns text that fits unchanged and never splits a character', () => {
    expect(truncateBytes('héllo', 6)).toBe('héllo');
    expect(truncateBytes('ééé', 5)).toBe('é…');
  });
});

describe('githubCommitStatus', () => {
  it('takes the given context and target, within 140 characters', () => {
    const status = githubCommitStatus(checkRun(1), 'isoplan', 'https://ci.example/run/1');
    expect(status).toMatchObject({
      state: 'success',
      context: 'isoplan',
      target_url: 'https://ci.example/run/1',
    });
    expect(status.description.length).toBeLessThanOrEqual(140);
  });
});
