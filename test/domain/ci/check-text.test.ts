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

  const passing = () =>
    buildCheckRun(
      assessChange({
        project: 'gil',
        done: ['a'],
        before: run([untested('a')]),
        after: run([untested('a')]),
        titles: new Map([['a', 'Split']]),
      }),
      {
        id: 'cr-2',
        sha: 'abc1234',
        startedAt: '2026-01-01T00:00:00.000Z',
        completedAt: '2026-01-01T00:00:01.000Z',
        detailsUrl: null,
        requestedBy: { actor: 'deploy', tokenId: 'tok_1', onBehalfOf: 'alice' },
      },
    );

  it('names who asked for the check: the actor, its token and whom it acted for', () => {
    expect(renderCheckText(passing()).split('\n')[2]).toBe('  requested by deploy (token tok_1) for alice');
  });

  it('says nothing of who asked when the document does not say (a service older than requestedBy)', () => {
    const { requestedBy: _, ...older } = passing();
    const text = renderCheckText(older as ReturnType<typeof passing>);
    expect(text).not.toContain('requested by');
    expect(text.split('\n')[2]).toBe('');
  });
});
