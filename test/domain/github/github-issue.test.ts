import { describe, expect, it } from 'vitest';
import {
  estimateFromLabels,
  githubIssueFields,
  githubIssueStatus,
} from '../../../src/domain/github/github-issue.js';
import { githubIssue, HOME } from './github-issues.js';

describe('the status of a GitHub issue', () => {
  it('is open for an open issue nobody works on', () => {
    expect(githubIssueStatus(githubIssue(1))).toBe('open');
  });

  it('is in_progress for an open issue with an assignee or an "in progress" label in any spelling', () => {
    expect(githubIssueStatus(githubIssue(1, { assignees: ['ericsnowcurrently'] }))).toBe('in_progress');
    for (const label of ['in progress', 'In Progress', 'in-progress', 'in_progress']) {
      expect(githubIssueStatus(githubIssue(1, { labels: [label] })), label).toBe('in_progress');
    }
  });

  it('is done when closed as completed or without a reason, whoever is assigned', () => {
    expect(
      githubIssueStatus(githubIssue(1, { state: 'closed', stateReason: 'completed', assignees: ['x'] })),
    ).toBe('done');
    expect(githubIssueStatus(githubIssue(1, { state: 'closed', stateReason: null }))).toBe('done');
  });

  it('is wont_do when closed as not planned or as a duplicate', () => {
    expect(githubIssueStatus(githubIssue(1, { state: 'closed', stateReason: 'not_planned' }))).toBe(
      'wont_do',
    );
    expect(githubIssueStatus(githubIssue(1, { state: 'closed', stateReason: 'duplicate' }))).toBe('wont_do');
  });
});

describe('the estimate of a GitHub issue', () => {
  it('comes from a label "estimate: Nd" or "estimate:N", in days', () => {
    expect(estimateFromLabels(['bug', 'estimate: 3d'])).toBe(3);
    expect(estimateFromLabels(['estimate:5'])).toBe(5);
    expect(estimateFromLabels(['Estimate: 2.5d'])).toBe(2.5);
  });

  it('is the first such label when there are several, and null when there is none or it is not a number', () => {
    expect(estimateFromLabels(['estimate: 2d', 'estimate: 8d'])).toBe(2);
    expect(estimateFromLabels(['bug', 'estimate: soon', 'estimated'])).toBeNull();
  });
});

describe('the fields a project takes from a GitHub issue', () => {
  it('maps key, title, body, html_url, labels, status, estimate, assignee and the GitHub id', () => {
    const issue = githubIssue(7, {
      id: 4242,
      title: '  Move the tuple free list  ',
      body: 'See bpo-40512.',
      labels: ['estimate: 2d', 'estimate: 2d', 'area'],
      state: 'closed',
      stateReason: 'completed',
    });
    expect(githubIssueFields(HOME, issue)).toEqual({
      key: 'gh-7',
      githubId: 4242,
      title: 'Move the tuple free list',
      body: 'See bpo-40512.',
      status: 'done',
      estimateDays: 2,
      assignee: null,
      url: 'https://github.com/python/cpython/issues/7',
      labels: ['estimate: 2d', 'area'],
    });
  });

  it("takes the first assignee's login as the issue's assignee", () => {
    const issue = githubIssue(7, { assignees: ['colesbury', 'ericsnowcurrently'] });
    expect(githubIssueFields(HOME, issue).assignee).toBe('colesbury');
    expect(githubIssueFields(HOME, githubIssue(8, { assignees: [] })).assignee).toBeNull();
  });

  it('clips what a project document cannot hold instead of refusing the issue', () => {
    const fields = githubIssueFields(
      HOME,
      githubIssue(1, { title: 'x'.repeat(600), body: 'y'.repeat(100_001) }),
    );
    expect(fields.title).toHaveLength(500);
    expect(fields.body).toHaveLength(100_000);
  });
});
