import { describe, expect, it } from 'vitest';
import { formatPlanText } from '../../src/cli/plan-text.js';
import { computePlan } from '../../src/domain/plan/compute-plan.js';
import type { IssueStatus, PlanInput } from '../../src/domain/plan/types.js';

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

describe('formatPlanText', () => {
  it('summarises waves, ready and blocked issues, the critical path with slack, progress and assumptions', () => {
    expect(formatPlanText(computePlan(input), { width: 60 })).toBe(
      [
        'Plan: 7 issues, 6 open (3 ready, 3 blocked), 3 waves,',
        '      critical path 9 d',
        '',
        'Progress',
        '  project [##...............]  14% of 7 issues,  25% of 16 d',
        '  epic    [######...........]  33% of 3 issues,  44% of 9 d',
        '',
        'Waves (3)',
        '  wave 0 (3): A, F, epic',
        '  wave 1 (2): C, D',
        '  wave 2 (1): E',
        '',
        'Ready (3)',
        '  A, F, epic',
        '',
        'Blocked (3)',
        '  C <- A; waits on A',
        '  D <- A; waits on A',
        '  E <- A, C, D; waits on A',
        '',
        'Critical path (3 issues, 9 d)',
        '  A  day 0 -> 3  slack 0',
        '  D  day 3 -> 8  slack 0',
        '  E  day 8 -> 9  slack 0',
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
    const text = formatPlanText(computePlan({ issues, edges: [] }), { width: 50, maxItems: 30 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
    expect(text).toContain('... and 270 more');
  });

  it('stretches the progress bar with the width', () => {
    const plan = computePlan(input);
    const bar = (text: string) => text.match(/ {2}project +\[([#.]+)\]/)![1]!.length;
    expect(bar(formatPlanText(plan, { width: 100 }))).toBe(bar(formatPlanText(plan, { width: 60 })) + 40);
  });

  it('says plainly that an empty project has nothing to do', () => {
    const text = formatPlanText(computePlan({ issues: [], edges: [] }));
    expect(text).toContain('Plan: 0 issues, 0 open (0 ready, 0 blocked), 0 waves, critical path 0 d');
    expect(text).toContain('  project [');
    expect(text).toContain('   - of 0 issues,    - of 0 d');
  });
});
