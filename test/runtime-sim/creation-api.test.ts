// What each API that creates a subinterpreter reports when CPython refuses the config, per version
// (measured: test/fixtures/cpython-observed/config.json).
import { describe, expect, it } from 'vitest';
import { parseScenario, type Violation } from '../../src/runtime-sim/index.js';
import { find, run } from './helpers.js';

const OBMALLOC = 'per-interpreter obmalloc does not support single-phase init extension modules';

function refusal(
  createdBy: string,
  python: string,
  config: Record<string, unknown>,
): Omit<Violation, 'count'> {
  const report = run({
    runs: 1,
    python,
    interpreters: [
      { name: 'main', program: [] },
      { name: 'sub', createdBy, config, program: [{ op: 'gc' }] },
    ],
  });
  const [violation] = find(report, 'config-error');
  if (!violation) expect.fail('no config-error');
  const { count: _count, ...rest } = violation;
  return rest;
}

const ownObmallocNoCheck = { checkMultiInterpExtensions: false };

describe('creation APIs', () => {
  it("c-api: Py_NewInterpreterFromConfig's PyStatus, no exception, in both versions", () => {
    for (const python of ['3.12', '3.13']) {
      expect(refusal('c-api', python, ownObmallocNoCheck)).toMatchObject({
        message: OBMALLOC,
        status: { func: 'init_interp_settings', message: OBMALLOC },
        steps: [{ interpreter: 'sub', index: -1, op: 'Py_NewInterpreterFromConfig' }],
      });
      expect(refusal('c-api', python, ownObmallocNoCheck).exception).toBeUndefined();
    }
  });

  it('c-api: 3.12 refuses a bad gil in init_interp_create_gil, 3.13 in init_interp_settings', () => {
    expect(refusal('c-api', '3.12', { gil: 'bogus' }).status?.func).toBe('init_interp_create_gil');
    expect(refusal('c-api', '3.13', { gil: 'bogus' }).status?.func).toBe('init_interp_settings');
  });

  it('testcapi: 3.12 raises RuntimeError during a ValueError carrying the status', () => {
    expect(refusal('testcapi', '3.12', ownObmallocNoCheck)).toMatchObject({
      exception: 'RuntimeError',
      message: 'sub-interpreter creation failed',
      cause: { exception: 'ValueError', message: `init_interp_settings: ${OBMALLOC}` },
    });
  });

  it('testcapi: 3.13 raises InterpreterError during a RuntimeError carrying the status', () => {
    expect(refusal('testcapi', '3.13', ownObmallocNoCheck)).toMatchObject({
      exception: 'InterpreterError',
      message: 'sub-interpreter creation failed',
      cause: { exception: 'RuntimeError', message: `init_interp_settings: ${OBMALLOC}` },
    });
  });

  it('interpreters: 3.13 wraps the testcapi chain in one more InterpreterError', () => {
    expect(refusal('interpreters', '3.13', ownObmallocNoCheck)).toMatchObject({
      exception: 'InterpreterError',
      message: 'interpreter creation failed',
      cause: {
        exception: 'InterpreterError',
        message: 'sub-interpreter creation failed',
        cause: { exception: 'RuntimeError', message: `init_interp_settings: ${OBMALLOC}` },
      },
    });
  });

  it('3.13 refuses a gil string it does not know with a ValueError before creating anything', () => {
    for (const createdBy of ['testcapi', 'interpreters']) {
      const violation = refusal(createdBy, '3.13', { ...ownObmallocNoCheck, gil: 'bogus' });
      expect(violation).toMatchObject({
        exception: 'ValueError',
        message: "unsupported interpreter config .gil value 'bogus'",
      });
      expect(violation.cause).toBeUndefined();
    }
  });

  it("refuses fields through 3.12's interpreters API, which takes a preset only", () => {
    const parsed = parseScenario({
      python: '3.12',
      interpreters: [
        { name: 'main', program: [] },
        {
          name: 'sub',
          createdBy: 'interpreters',
          config: { preset: 'isolated', gil: 'shared' },
          program: [],
        },
      ],
    });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      {
        path: 'interpreters[1].config',
        message:
          "3.12's _xxsubinterpreters.create(isolated=...) takes a preset only, not gil: create it by c-api or testcapi",
      },
    ]);
  });

  it('refuses a createdBy on the main interpreter, which the runtime creates', () => {
    const parsed = parseScenario({ interpreters: [{ name: 'main', createdBy: 'c-api', program: [] }] });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['interpreters[0].createdBy']);
  });
});
