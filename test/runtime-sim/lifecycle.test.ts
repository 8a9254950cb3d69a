// Destroying and running interpreters from Python code, per version (measured:
// test/fixtures/cpython-observed/lifecycle.json).
import { describe, expect, it } from 'vitest';
import { find, run } from './helpers.js';

/** main and two subinterpreters with the given programs; the violations as "where Type: message". */
function lifecycle(
  python: string,
  programs: { main?: unknown[]; sub?: unknown[]; other?: unknown[] },
): string[] {
  const report = run({
    runs: 1,
    python,
    interpreters: [
      { name: 'main', program: programs.main ?? [] },
      { name: 'sub', createdBy: 'interpreters', program: programs.sub ?? [] },
      { name: 'other', createdBy: 'interpreters', program: programs.other ?? [] },
    ],
  });
  return report.violations
    .filter((v) => v.kind === 'forbidden-operation')
    .map((v) => `${v.steps[0]!.interpreter}#${v.steps[0]!.index} ${v.exception}: ${v.message}`);
}

const destroy = (interpreter: string) => ({ op: 'destroy', interpreter });
const runIn = (interpreter: string) => ({ op: 'run', interpreter });

describe('interpreter lifecycle', () => {
  it('destroys an idle subinterpreter, whose program then stops', () => {
    const report = run({
      runs: 1,
      python: '3.13',
      interpreters: [
        { name: 'main', program: [destroy('sub')] },
        { name: 'sub', program: [{ op: 'repeat', times: 100, body: [{ op: 'signal_handler' }] }] },
      ],
    });
    // The sub's refused signal handlers stop once it is destroyed: far fewer than 100 ran.
    expect(report.stats.steps).toBeLessThan(101);
    expect(find(report, 'forbidden-operation').every((v) => v.interpreters[0] === 'sub')).toBe(true);
  });

  it('refuses to destroy the current interpreter', () => {
    expect(lifecycle('3.12', { sub: [destroy('sub')] })).toEqual([
      'sub#0 RuntimeError: cannot destroy the current interpreter',
    ]);
    expect(lifecycle('3.13', { main: [destroy('main')] })).toEqual([
      'main#0 InterpreterError: cannot destroy the current interpreter',
    ]);
  });

  it('refuses to destroy the main interpreter from a subinterpreter: it is running', () => {
    expect(lifecycle('3.13', { sub: [destroy('main')] })).toEqual([
      'sub#0 InterpreterError: interpreter running',
    ]);
  });

  it('does not know an interpreter destroyed before, by its id', () => {
    expect(lifecycle('3.12', { main: [destroy('other'), destroy('other')] })).toEqual([
      'main#1 RuntimeError: unrecognized interpreter ID 2',
    ]);
    expect(lifecycle('3.13', { main: [destroy('sub'), runIn('sub')] })).toEqual([
      'main#1 InterpreterNotFoundError: unrecognized interpreter ID 1',
    ]);
  });

  it('refuses to run code in an interpreter that is running: itself, or the main interpreter', () => {
    expect(lifecycle('3.13', { sub: [runIn('sub'), runIn('main')], main: [runIn('main')] })).toEqual([
      'main#0 InterpreterError: interpreter already running',
      'sub#0 InterpreterError: interpreter already running',
      'sub#1 InterpreterError: interpreter already running',
    ]);
  });

  it('runs code in an idle interpreter, from main or from another subinterpreter', () => {
    expect(lifecycle('3.12', { main: [runIn('sub')], sub: [runIn('other')] })).toEqual([]);
  });
});
