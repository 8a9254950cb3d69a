import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { buildCheckRun } from '../../../src/domain/ci/check-run.js';
import {
  escapeCommandData,
  escapeCommandProperty,
  toWorkflowCommands,
  workflowCommand,
} from '../../../src/domain/ci/workflow-commands.js';
import { failing, run, verified, violation } from './fixtures.js';

describe('workflow commands', () => {
  it('escapes %, CR and LF in messages', () => {
    expect(escapeCommandData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
  });

  it('escapes also : and , in properties', () => {
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes ::command props::message', () => {
    expect(workflowCommand('error', { title: 'x: y' }, 'm')).toBe('::error title=x%3A y::m');
    expect(workflowCommand('notice', {}, 'm')).toBe('::notice::m');
  });

  it('prints one command per annotation, a newline in a message never starting a new command', () => {
    const a = assessChange({
      project: 'gil',
      done: ['a', 'b'],
      before: run([verified('a'), verified('b')]),
      after: run([
        failing('a', { violations: [violation('c', { message: 'line one\n::error::forged' })] }),
        verified('b'),
      ]),
    });
    const out = toWorkflowCommands(
      buildCheckRun(a, { id: '1', sha: 'abcdef0', startedAt: '', completedAt: '', detailsUrl: null }),
    );
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error title=a fails its checks::Marked done/);
    expect(lines[0]).toContain('line one%0A::error::forged');
    expect(lines[1]).toMatch(/^::notice title=b verified::/);
    expect(lines[2]).toBe('isoplan/gil: failure: 1 of 2 marked issues fail their checks');
  });
});
