import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import type { IssueValidation } from '../../../src/domain/validation/types.js';
import { invalidInputFrom } from '../invalid-input.js';
import { failing, run, untested, verified, violation, withVerdict } from './fixtures.js';

const assess = (done: string[], before: IssueValidation[], after: IssueValidation[]) =>
  assessChange({ project: 'p', done, before: run(before), after: run(after) });

describe('assessChange', () => {
  it('succeeds when every issue the change marks done runs its checks clean', () => {
    const a = assess(['a'], [failing('a'), verified('b')], [verified('a'), verified('b')]);
    expect(a.conclusion).toBe('success');
    expect(a.marked).toEqual([expect.objectContaining({ key: 'a', verdict: 'verified' })]);
  });

  it('fails when an issue the change marks done fails its checks with the change applied', () => {
    const a = assess(
      ['a', 'b'],
      [failing('a'), verified('b')],
      [failing('a', { regression: true }), verified('b')],
    );
    expect(a.conclusion).toBe('failure');
    expect(a.marked.map((m) => m.verdict)).toEqual(['failing', 'verified']);
    // The marked issue is reported as failing, not a second time as a regression.
    expect(a.regressions).toEqual([]);
  });

  it('fails when a finished issue that passed before fails after the change', () => {
    const a = assess(
      ['a'],
      [untested('a'), verified('old')],
      [untested('a'), failing('old', { regression: true })],
    );
    expect(a.conclusion).toBe('failure');
    expect(a.regressions.map((r) => r.key)).toEqual(['old']);
  });

  it('does not hold a regression already present before against the change', () => {
    const before = [verified('a'), failing('old', { regression: true })];
    const a = assess(['a'], before, [verified('a'), failing('old', { regression: true })]);
    expect(a.conclusion).toBe('success');
    expect(a.knownRegressions).toEqual(['old']);
  });

  it('is neutral when nothing the change marks done has checks', () => {
    expect(assess(['a'], [untested('a')], [untested('a')]).conclusion).toBe('neutral');
    expect(assess([], [untested('a')], [untested('a')]).conclusion).toBe('neutral');
  });

  it('warns, without failing, about an open issue the change breaks', () => {
    const a = assess(['a'], [verified('a'), verified('open')], [verified('a'), failing('open')]);
    expect(a.conclusion).toBe('success');
    expect(a.newlyFailing.map((r) => r.key)).toEqual(['open']);
  });

  it('keeps the missing dependencies that involve the change or are new', () => {
    const because = [violation('c')];
    const old = { issue: 'x', shouldBeBlockedBy: 'y', because };
    const involving = { issue: 'a', shouldBeBlockedBy: 'z', because };
    const fresh = { issue: 'q', shouldBeBlockedBy: 'r', because };
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')], { missing: [old, involving] }),
      after: run([verified('a')], { missing: [old, involving, fresh] }),
    });
    expect(a.missingDependencies).toEqual([involving, fresh]);
    expect(a.conclusion).toBe('success');
  });

  it('ignores duplicate keys and keeps the order given', () => {
    const a = assess(['b', 'a', 'b'], [verified('a'), verified('b')], [verified('a'), verified('b')]);
    expect(a.done).toEqual(['b', 'a']);
  });

  it('refuses unknown keys, naming each', () => {
    const error = invalidInputFrom(() => assess(['a', 'ghost', 'nope'], [verified('a')], [verified('a')]));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.detail).toContain('ghost, nope');
    expect(error.errors.map((e) => e.path)).toEqual(['done[1]', 'done[2]']);
  });

  it('reports the goal before and after', () => {
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')], { goalHolds: false }),
      after: run([verified('a')], { goalHolds: true }),
    });
    expect(a.goal).toEqual({
      heldBefore: false,
      holds: true,
      holdsWhenAllDone: true,
      violationsLeft: 0,
      openIssuesThatFix: [],
      violations: [],
    });
  });

  it('keeps the goal violations only when the change breaks a goal that held', () => {
    const broken = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')], { goalHolds: true }),
      after: run([verified('a')], { goalHolds: false }),
    });
    expect(broken.goal).toMatchObject({ heldBefore: true, holds: false, violationsLeft: 1 });
    expect(broken.goal.violations).toHaveLength(1);
    const stillBroken = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')], { goalHolds: false }),
      after: run([verified('a')], { goalHolds: false }),
    });
    expect(stillBroken.goal).toMatchObject({ violationsLeft: 1, violations: [] });
  });

  it('fails exactly when a marked issue fails or a passing finished issue starts failing (property)', () => {
    const verdict = fc.constantFrom('verified', 'failing', 'untested');
    const issueState = fc.record({
      before: verdict,
      after: verdict,
      finished: fc.boolean(),
      marked: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(issueState, { maxLength: 8 }), (states) => {
        const keys = states.map((_, k) => `i${k}`);
        const done = keys.filter((_, k) => states[k]!.marked);
        const a = assess(
          done,
          states.map((s, k) => withVerdict(keys[k]!, s.before, s.finished && !s.marked)),
          states.map((s, k) => withVerdict(keys[k]!, s.after, s.finished || s.marked)),
        );
        const markedFails = states.some((s) => s.marked && s.after === 'failing');
        const regresses = states.some(
          (s) => !s.marked && s.finished && s.before === 'verified' && s.after === 'failing',
        );
        const allUntested = states.every((s) => !s.marked || s.after === 'untested');
        const expected = markedFails || regresses ? 'failure' : allUntested ? 'neutral' : 'success';
        expect(a.conclusion).toBe(expected);
      }),
    );
  });
});
