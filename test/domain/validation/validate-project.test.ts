import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import type { Check, Claim, IssueStatus } from '../../../src/domain/model.js';
import {
  type CheckJob,
  type CheckRunner,
  runJobs,
  type ValidationInput,
  validateProject,
} from '../../../src/domain/validation/index.js';

function issue(key: string, status: IssueStatus, claims: Claim[] = [], checks: Check[] = []) {
  return { key, status, claims, checks };
}
const claim = (component: string, placement: string): Claim => ({ component, placement });
const work = (workload: string): Check => ({ name: workload, workload });

/** The real simulator, in this thread, counting what it is asked to run. */
function countingRunner(): CheckRunner & { jobs: CheckJob[] } {
  const jobs: CheckJob[] = [];
  return {
    jobs,
    async run(batch) {
      jobs.push(...batch);
      return runJobs(batch);
    },
  };
}

const project = (
  issues: ReturnType<typeof issue>[],
  edges: [string, string][] = [],
  goal: Check[] = [],
): ValidationInput => ({
  issues,
  edges: edges.map(([i, b]) => ({ issue: i, blockedBy: b })),
  goal,
});

describe('validateProject', () => {
  it('verifies a finished issue whose claim makes its check clean', async () => {
    const run = await validateProject(
      project([issue('gc', 'done', [claim('gc', 'per-interpreter')], [work('gc')])]),
      countingRunner(),
    );
    expect(run.issues[0]).toMatchObject({
      key: 'gc',
      verdict: 'verified',
      regression: false,
      checks: ['gc'],
    });
    expect(run.regressions).toEqual([]);
  });

  it('marks an issue without checks untested', async () => {
    const run = await validateProject(project([issue('parser', 'done')]), countingRunner());
    expect(run.issues[0]).toMatchObject({ verdict: 'untested', checks: [], violations: [] });
  });

  it('runs an open issue with the claims of its transitive blockers', async () => {
    const input = project(
      [
        issue('churn', 'open', [], [work('tuple-churn')]),
        issue('tuple', 'open', [claim('freelist.tuple', 'per-interpreter')]),
        issue('alloc', 'open', [claim('obmalloc', 'per-interpreter')]),
      ],
      [
        ['churn', 'tuple'],
        ['tuple', 'alloc'],
      ],
    );
    const run = await validateProject(input, countingRunner());
    expect(run.issues.find((i) => i.key === 'churn')).toMatchObject({ verdict: 'verified', fixedBy: [] });
    expect(run.missingDependencies).toEqual([]);
  });

  it('reports the issue whose claims remove a violation as a missing dependency when no edge holds it', async () => {
    const input = project(
      [
        issue('churn', 'open', [claim('freelist.tuple', 'per-interpreter')], [work('tuple-churn')]),
        issue('alloc', 'open', [claim('obmalloc', 'per-interpreter')]),
        issue('unrelated', 'open', [claim('gc', 'per-interpreter')]),
      ],
      [],
    );
    const run = await validateProject(input, countingRunner());
    const churn = run.issues.find((i) => i.key === 'churn')!;
    expect(churn.verdict).toBe('failing');
    expect(new Set(churn.violations.map((v) => v.component))).toEqual(new Set(['obmalloc']));
    expect(churn.fixedBy).toEqual(['alloc']);
    expect(run.missingDependencies).toHaveLength(1);
    expect(run.missingDependencies[0]).toMatchObject({ issue: 'churn', shouldBeBlockedBy: 'alloc' });
    expect(run.missingDependencies[0]!.because.every((v) => v.component === 'obmalloc')).toBe(true);
    expect(run.missingDependencies[0]!.closesCycle).toBeUndefined();
  });

  it('does not count an issue whose claim names the component but removes nothing', async () => {
    const input = project([
      issue('churn', 'open', [claim('freelist.tuple', 'per-interpreter')], [work('tuple-churn')]),
      issue('still-shared', 'open', [claim('obmalloc', 'shared')]),
    ]);
    const run = await validateProject(input, countingRunner());
    expect(run.issues.find((i) => i.key === 'churn')!.fixedBy).toEqual([]);
    expect(run.missingDependencies).toEqual([]);
  });

  it('flags a missing dependency that would close a cycle', async () => {
    const input = project(
      [
        issue('churn', 'open', [claim('freelist.tuple', 'per-interpreter')], [work('tuple-churn')]),
        issue('alloc', 'open', [claim('obmalloc', 'per-interpreter')]),
      ],
      [['alloc', 'churn']],
    );
    const run = await validateProject(input, countingRunner());
    expect(run.missingDependencies).toEqual([
      expect.objectContaining({ issue: 'churn', shouldBeBlockedBy: 'alloc', closesCycle: true }),
    ]);
  });

  it('reports a finished issue whose claim is not enough as a regression', async () => {
    const input = project([
      issue('tuple', 'done', [claim('freelist.tuple', 'per-interpreter')], [work('tuple-churn')]),
      issue('alloc', 'open', [claim('obmalloc', 'per-interpreter')]),
    ]);
    const run = await validateProject(input, countingRunner());
    expect(run.regressions).toEqual(['tuple']);
    expect(run.issues.find((i) => i.key === 'tuple')).toMatchObject({
      verdict: 'failing',
      regression: true,
      fixedBy: ['alloc'],
    });
  });

  it('never applies the claims of a wont_do issue, nor runs its checks', async () => {
    const input = project(
      [
        issue('lock', 'wont_do', [claim('obmalloc', 'locked')], [work('allocator')]),
        issue('user', 'open', [], [work('allocator')]),
      ],
      [['user', 'lock']],
    );
    const runner = countingRunner();
    const run = await validateProject(input, runner);
    expect(run.issues.find((i) => i.key === 'lock')).toMatchObject({
      verdict: 'untested',
      status: 'wont_do',
    });
    expect(run.issues.find((i) => i.key === 'user')).toMatchObject({ verdict: 'failing', fixedBy: [] });
    expect(runner.jobs.every((j) => j.layout.obmalloc === undefined)).toBe(true);
  });

  it('applies a later change over an earlier one (small ints: per-interpreter, then immortal)', async () => {
    const input = project([
      issue('a-per-interp', 'done', [claim('small_ints', 'per-interpreter')], [work('small-ints')]),
      issue('b-immortal', 'open', [claim('small_ints', 'immortal')], [work('small-ints')]),
    ]);
    const runner = countingRunner();
    const run = await validateProject(input, runner);
    expect(run.components.find((c) => c.component === 'small_ints')).toEqual({
      component: 'small_ints',
      initial: 'shared',
      claimed: 'per-interpreter',
      claimedBy: 'a-per-interp',
      verified: true,
    });
    expect(runner.jobs.some((j) => j.layout.small_ints === 'immortal')).toBe(true);
    expect(run.issues.every((i) => i.verdict === 'verified')).toBe(true);
  });

  it('says whether the goal holds now, what is left, who fixes it and whether the plan reaches it', async () => {
    const input = project(
      [
        issue('gc', 'done', [claim('gc', 'per-interpreter')]),
        issue('warn', 'open', [claim('warnings', 'per-interpreter')]),
      ],
      [],
      [work('gc'), work('warnings')],
    );
    const run = await validateProject(input, countingRunner());
    expect(run.goal.holds).toBe(false);
    expect(new Set(run.goal.violations.map((v) => `${v.check}:${v.component}`))).toEqual(
      new Set(['warnings:warnings']),
    );
    expect(run.goal.openIssuesThatFix).toEqual(['warn']);
    expect(run.goal.holdsWhenAllDone).toBe(true);
  });

  it('runs each distinct layout and program once per validation', async () => {
    const input = project(
      [
        issue('a', 'done', [claim('gc', 'per-interpreter')], [work('gc')]),
        issue('b', 'done', [], [{ name: 'gc again', workload: 'gc' }]),
      ],
      [],
      [work('gc')],
    );
    const runner = countingRunner();
    const run = await validateProject(input, runner);
    expect(runner.jobs.flatMap((j) => j.checks)).toHaveLength(1);
    expect(run.issues.map((i) => i.checks)).toEqual([['gc'], ['gc again']]);
  });

  it('lists every unknown component, placement, workload and invalid program with its path', async () => {
    const input = project(
      [
        issue(
          'bad',
          'open',
          [claim('freelist.nope', 'per-interpreter'), claim('gc', 'sideways'), claim('gc', 'multi-phase')],
          [work('no-such-workload'), { name: 'prog', program: [{ op: 'free', ref: 'x' }, { op: 'fly' }] }],
        ),
      ],
      [],
      [work('also-missing')],
    );
    const error = await validateProject(input, countingRunner()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const paths = (error as InvalidInputError).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'issues.bad.claims[0].component',
        'issues.bad.claims[1].placement',
        'issues.bad.claims[2].placement',
        'issues.bad.checks[0].workload',
        'issues.bad.checks[1].program[0].ref',
        'issues.bad.checks[1].program[1].op',
        'goal[0].workload',
      ]),
    );
  });
});
