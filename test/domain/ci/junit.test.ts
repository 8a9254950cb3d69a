import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessChange } from '../../../src/domain/ci/assess-change.js';
import { escapeXmlAttribute, escapeXmlText, toJUnitXml } from '../../../src/domain/ci/junit.js';
import { failing, run, untested, verified, violation, withVerdict } from './fixtures.js';
import { findAll, parseXml } from './xml.js';

describe('toJUnitXml', () => {
  const change = assessChange({
    project: 'gil',
    done: ['a', 'b', 'c'],
    before: run([untested('a'), verified('b', ['b1', 'b2']), untested('c'), verified('old')]),
    after: run([
      failing('a', {
        regression: true,
        violations: [violation('a1'), violation('a1', { kind: 'cross-interpreter-object' }), violation('a2')],
      }),
      verified('b', ['b1', 'b2']),
      untested('c'),
      failing('old', { regression: true }),
    ]),
  });

  it('has a test suite for the project and a test case per check of each marked issue', () => {
    const root = parseXml(toJUnitXml(change, { sha: 'abc1234', timestamp: '2026-01-01T00:00:00Z' }));
    expect(root.name).toBe('testsuites');
    const [suite] = findAll(root, 'testsuite');
    expect(suite!.attributes).toMatchObject({
      name: 'gil',
      tests: '6',
      failures: '3',
      skipped: '1',
      errors: '0',
    });
    const cases = findAll(root, 'testcase').map((c) => `${c.attributes.classname} ${c.attributes.name}`);
    expect(cases).toEqual([
      'gil.a a1',
      'gil.a a2',
      'gil.b b1',
      'gil.b b2',
      'gil.c (no checks)',
      'gil.old old-check (regression)',
    ]);
  });

  it('carries the violations in each failure', () => {
    const root = parseXml(toJUnitXml(change));
    const failures = findAll(root, 'failure');
    expect(failures).toHaveLength(3);
    expect(failures[0]!.attributes.type).toBe('data-race,cross-interpreter-object');
    expect(failures[0]!.text.split('\n')).toHaveLength(2);
    expect(failures[0]!.text).toContain('a1: data-race: conflicting accesses to freelist.tuple');
  });

  it('escapes markup, quotes, line breaks and characters XML cannot carry (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        (message, check) => {
          const after = run([failing('k', { violations: [violation(check, { message })] })]);
          const xml = toJUnitXml(
            assessChange({ project: 'p', done: ['k'], before: run([untested('k')]), after }),
          );
          const root = parseXml(xml);
          const [c] = findAll(root, 'testcase');
          // What survives is the text itself, with characters XML 1.0 forbids replaced.
          const clean = (s: string) =>
            s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
          expect(c!.attributes.name).toBe(clean(check));
          expect(findAll(root, 'failure')[0]!.text).toContain(clean(message));
        },
      ),
    );
  });

  it('escapes the five markup characters', () => {
    expect(escapeXmlText('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(escapeXmlAttribute(`"it's"\n`)).toBe('&quot;it&apos;s&quot;&#10;');
    expect(escapeXmlText('\u0000\u0007ok')).toBe('\uFFFD\uFFFDok');
  });

  it('has failures exactly when the check run fails (property)', () => {
    const verdict = fc.constantFrom('verified', 'failing', 'untested');
    fc.assert(
      fc.property(
        fc.array(fc.record({ before: verdict, after: verdict, marked: fc.boolean() }), { maxLength: 6 }),
        (states) => {
          const keys = states.map((_, k) => `i${k}`);
          const a = assessChange({
            project: 'p',
            done: keys.filter((_, k) => states[k]!.marked),
            before: run(states.map((s, k) => withVerdict(keys[k]!, s.before, true))),
            after: run(states.map((s, k) => withVerdict(keys[k]!, s.after, true))),
          });
          const root = parseXml(toJUnitXml(a));
          expect(findAll(root, 'failure').length > 0).toBe(a.conclusion === 'failure');
        },
      ),
    );
  });
});
