import { describe, expect, it } from 'vitest';
import { formatPlanText, type IssueTitles } from '../../../src/cli/output/plan-text.js';
import { createStyle, visible } from '../../../src/cli/output/style.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import type { IssueStatus, PlanInput } from '../../../src/domain/plan/types.js';

const issue = (
  key: string,
  status: IssueStatus,
  estimateDays: number | null,
  parent: string | null = null,
) => ({
  key,
  status,
  estimateDays,
  parent,
});

const input: PlanInput = {
  issues: [
    issue('epic', 'open', 0),
    issue('A', 'open', 3, 'epic'),
    issue('B', 'done', 4, 'epic'),
    issue('C', 'open', 2, 'epic'),
    issue('D', 'open', 5),
    issue('E', 'in_progress', null),
    issue('F', 'open', 1),
  ],
  edges: [
    { issue: 'C', blockedBy: 'A' },
    { issue: 'D', blockedBy: 'A' },
    { issue: 'D', blockedBy: 'B' },
    { issue: 'E', blockedBy: 'C' },
    { issue: 'E', blockedBy: 'D' },
    { issue: 'E', blockedBy: 'A' },
  ],
};

const titles: IssueTitles = new Map(
  input.issues.map((i) => [i.key, { title: `Title of ${i.key}`, status: i.status }] as const),
);

describe('formatPlanText', () => {
  it('summarises progress, ready issues ranked, blocked issues, the critical path, waves, slack and assumptions, with titles', () => {
    expect(formatPlanText(computePlan(input, { redundantEdges: true }), titles, { width: 60 })).toBe(
      [
        'Plan: 7 issues, 6 open (3 ready, 3 blocked), 3 waves,',
        '      critical path 9 d',
        '',
        'Progress',
        '  project [##...............]  14% of 7 issues,  25% of 16 d',
        '  epic    [######...........]  33% of 3 issues,  44% of 9 d',
        '',
        'Ready (3), in the order to start them',
        '  open  A     Title of A     3 d  critical path (no slack)…',
        '  open  F     Title of F     1 d  slack 8 days · nothing wa…',
        '  open  epic  Title of epic  0 d  slack 9 days · nothing wa…',
        '',
        'Blocked (3), with the ready issues each waits on',
        '  open         C  Title of C  <- A',
        '  open         D  Title of D  <- A',
        '  in_progress  E  Title of E  <- A',
        '',
        'Critical path (3 issues, 9 d)',
        '  open         A  Title of A  day 0 -> 3',
        '  open         D  Title of D  day 3 -> 8',
        '  in_progress  E  Title of E  day 8 -> 9',
        '',
        'Waves (3)',
        '  wave 0 (3): A, F, epic',
        '  wave 1 (2): C, D',
        '  wave 2 (1): E',
        '',
        'Slack of the other open issues (least first)',
        '  C 3 d, F 8 d, epic 9 d',
        '',
        'Redundant edges (1, implied by others)',
        '  E <- A',
        '',
        'Assumptions (1)',
        '  E: no estimate, assumed 1 d',
        '',
      ].join('\n'),
    );
  });

  it('keeps every line within the width and shortens long lists', () => {
    const issues = Array.from({ length: 300 }, (_, i) => issue(`issue-${i}`, 'open', 1));
    const text = formatPlanText(computePlan({ issues, edges: [] }), new Map(), { width: 50, maxItems: 30 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
    expect(text).toContain('... and 270 more');
  });

  it('stretches the progress bar with the width', () => {
    const plan = computePlan(input);
    const bar = (text: string) => text.match(/ {2}project +\[([#.]+)\]/)![1]!.length;
    expect(bar(formatPlanText(plan, titles, { width: 100 }))).toBe(
      bar(formatPlanText(plan, titles, { width: 60 })) + 40,
    );
  });

  it('says plainly that an empty project has nothing to do', () => {
    const text = formatPlanText(computePlan({ issues: [], edges: [] }), new Map());
    expect(text).toContain('Plan: 0 issues, 0 open (0 ready, 0 blocked), 0 waves, critical path 0 d');
    expect(text).toContain('  project [');
    expect(text).toContain('   - of 0 issues,    - of 0 d');
  });

  it('never cuts a title when the output is not a terminal (width Infinity), yet wraps the key lists', () => {
    const long =
      'A title long enough to be cut on any terminal narrower than about a hundred and twenty columns';
    const plan = computePlan(input);
    const text = formatPlanText(plan, new Map([['A', { title: long, status: 'open' }]]), {
      width: Number.POSITIVE_INFINITY,
    });
    expect(text).toContain(long);
    expect(text).not.toContain('…');
  });

  it('styles headings and bars on a terminal without changing the text', () => {
    const plan = computePlan(input);
    const styled = formatPlanText(plan, titles, {
      width: 60,
      style: createStyle({ colour: true, symbols: false }),
    });
    expect(styled).toContain('\x1b[1mProgress\x1b[22m');
    expect(visible(styled)).toBe(formatPlanText(plan, titles, { width: 60 }));
  });
});
