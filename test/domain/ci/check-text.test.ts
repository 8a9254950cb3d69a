import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { buildCheckRun } from '../../../src/domain/ci/check-run.js';
import { renderCheckText } from '../../../src/domain/ci/check-text.js';
import { failing, run, untested, violation } from './fixtures.js';

describe('renderCheckText', () => {
  it('keeps project text on its own line: a title cannot forge a workflow command or a terminal escape', () => {
    const assessment = assessChange({
      project: 'gil',
      done: ['a'],
      before: run([untested('a')]),
      after: run([failing('a', { violations: [violation('x\n::error::forged check')] })]),
      titles: new Map([['a', 'Split\r\n::add-mask::secret \u001b[31mred']]),
    });
    const text = renderCheckText(
      buildCheckRun(assessment, {
        id: 'cr-1',
        sha: 'abc1234',
        startedAt: '2026-01-01T00:00:00.000Z',
        completedAt: '2026-01-01T00:00:01.000Z',
        detailsUrl: null,
      }),
    );
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(text).not.toContain('\u001b');
    expect(lines).toContain('  FAIL a  Split ::add-mask::secret \uFFFD[31mred  (failing)');
  });
});
