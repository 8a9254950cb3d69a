import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { buildCheckRun } from '../../../src/domain/ci/check-run.js';
import { describeViolation, escapeMarkdown, renderSummary } from '../../../src/domain/ci/markdown.js';
import { failing, run, untested, verified, violation } from './fixtures.js';

const meta = {
  id: 'cr-1',
  sha: 'abc1234',
  startedAt: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:01.000Z',
  detailsUrl: null,
};

function failingChange() {
  return assessChange({
    project: 'gil',
    done: ['a', 'b', 'c'],
    before: run([untested('a'), verified('b'), untested('c'), verified('old')]),
    after: run(
      [
        failing('a', { regression: true, fixedBy: ['fix-1'] }),
        verified('b'),
        untested('c'),
        failing('old', { regression: true }),
      ],
      { missing: [{ issue: 'a', shouldBeBlockedBy: 'fix-1', because: [violation('a-check')] }] },
    ),
    titles: new Map([['a', 'Split the tuple free list']]),
  });
}

describe('buildCheckRun', () => {
  it('is shaped like a completed GitHub check run', () => {
    const doc = buildCheckRun(failingChange(), meta);
    expect(doc).toMatchObject({
      id: 'cr-1',
      name: 'isoplan/gil',
      head_sha: 'abc1234',
      status: 'completed',
      conclusion: 'failure',
      project: 'gil',
      done: ['a', 'b', 'c'],
    });
    expect(doc.output.title).toBe('1 of 3 marked issues fail their checks; 1 regression (old)');
  });

  it('annotates failures first, then warnings, then notices, keyed by issue', () => {
    const { annotations } = buildCheckRun(failingChange(), meta).output;
    expect(annotations.map((a) => [a.annotation_level, a.path])).toEqual([
      ['failure', 'a'],
      ['failure', 'old'],
      ['warning', 'a'],
      ['notice', 'b'],
      ['notice', 'c'],
    ]);
    expect(annotations[0]!.message).toContain('freelist.tuple');
    expect(annotations[0]!.message).toContain('fix-1');
    expect(annotations[2]!.title).toBe('missing dependency: a should be blocked by fix-1');
    for (const a of annotations) expect(a).toMatchObject({ start_line: 1, end_line: 1 });
  });

  it('says success in its title when the marked issues are verified', () => {
    const a = assessChange({
      project: 'gil',
      done: ['b', 'c'],
      before: run([verified('b'), untested('c')]),
      after: run([verified('b'), untested('c')]),
    });
    expect(buildCheckRun(a, meta).output.title).toBe('1 marked issue verified, 1 untested');
  });
});

describe('renderSummary', () => {
  it('tables the marked issues with their verdicts, the regressions, missing dependencies and the goal', () => {
    const summary = renderSummary(failingChange());
    expect(summary).toContain('| `a` Split the tuple free list | ❌ failing |');
    expect(summary).toContain('| `b` | ✅ verified |');
    expect(summary).toContain('| `c` | ➖ untested (no checks) |');
    expect(summary).toMatch(/#### Regressions[\s\S]*\| `old` \|/);
    expect(summary).toMatch(/#### Missing dependencies[\s\S]*\| `a` \| `fix-1` \|/);
    expect(summary).toMatch(/#### Goal\n\nDoes not hold yet: 1 violation left/);
  });

  it('escapes text that could break a table or inject markup', () => {
    expect(escapeMarkdown('a | b <script>\n*x*')).toBe('a \\| b \\<script\\> \\*x\\*');
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')]),
      after: run([verified('a')]),
      titles: new Map([['a', 'pipes | and\nnewlines']]),
    });
    const row = renderSummary(a)
      .split('\n')
      .find((l) => l.startsWith('| `a`'))!;
    expect(row).toBe('| `a` pipes \\| and newlines | ✅ verified | a-check | — |');
  });
});

describe('describeViolation', () => {
  it('names the component only when the message does not', () => {
    expect(describeViolation(violation('c', { message: 'freelist.tuple: raced', count: 3 }))).toBe(
      'c: data-race: freelist.tuple: raced (×3)',
    );
    expect(describeViolation(violation('c', { message: 'raced' }))).toBe(
      'c: data-race on freelist.tuple: raced',
    );
  });
});

describe('goal and open-issue annotations', () => {
  it('warns when the goal held before and does not after, and about open issues the change breaks', () => {
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a'), verified('open')], { goalHolds: true }),
      after: run([verified('a'), failing('open')], { goalHolds: false }),
    });
    const annotations = buildCheckRun(a, meta).output.annotations;
    expect(a.conclusion).toBe('success');
    expect(annotations.map((x) => [x.annotation_level, x.path, x.title])).toEqual([
      ['warning', 'open', 'open breaks'],
      ['warning', '(goal)', 'the goal no longer holds'],
      ['notice', 'a', 'a verified'],
    ]);
  });

  it('notes when the change makes the goal hold', () => {
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([verified('a')], { goalHolds: false }),
      after: run([verified('a')], { goalHolds: true }),
    });
    expect(buildCheckRun(a, meta).output.annotations.at(-1)).toMatchObject({
      path: '(goal)',
      title: 'the goal holds',
    });
    expect(renderSummary(a)).toContain('Holds with this change (it did not before).');
  });
});

describe('annotation messages', () => {
  it('list at most 20 violations and count the rest', () => {
    const many = Array.from({ length: 25 }, (_, k) => violation('c', { message: `v${k}` }));
    const a = assessChange({
      project: 'p',
      done: ['a'],
      before: run([untested('a')]),
      after: run([failing('a', { violations: many })]),
    });
    const lines = buildCheckRun(a, meta).output.annotations[0]!.message.split('\n');
    expect(lines.filter((l) => l.startsWith('- c:'))).toHaveLength(20);
    expect(lines).toContain('- … and 5 more');
  });
});
