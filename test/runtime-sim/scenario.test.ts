import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateCost,
  estimateSteps,
  layoutProblems,
  MAX_SIMULATED_COST,
  parseScenario,
} from '../../src/runtime-sim/index.js';
import { valid } from './helpers.js';

const ISSUE_EXAMPLE = {
  name: 'tuple churn',
  seed: 1,
  runs: 50,
  layout: { 'freelist.tuple': 'per-interpreter', 'singleton.None': 'immortal' },
  extensions: [{ name: '_decimal', init: 'single-phase', multipleInterpreters: null, globals: ['context'] }],
  interpreters: [
    {
      name: 'main',
      program: [
        { op: 'alloc', type: 'tuple', as: 't' },
        { op: 'free', ref: 't' },
      ],
    },
    {
      name: 'sub',
      config: { gil: 'own', useMainObmalloc: false, checkMultiInterpExtensions: true },
      program: [
        {
          op: 'repeat',
          times: 1000,
          body: [
            { op: 'alloc', type: 'tuple', as: 't' },
            { op: 'free', ref: 't' },
          ],
        },
      ],
    },
  ],
};

const messages = (input: unknown) => {
  const r = parseScenario(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('parseScenario', () => {
  it("accepts the issue's example scenario with its exact spellings", () => {
    const r = parseScenario(ISSUE_EXAMPLE);
    expect(r.ok).toBe(true);
    // It names no CPython version: the planning baseline (3.8's placements under 3.13's rules).
    if (r.ok) expect(r.scenario.python).toBeUndefined();
  });

  it('fills in defaults: seed, runs, an empty layout and no extensions (no python: the baseline)', () => {
    const r = parseScenario({ interpreters: [{ name: 'main', program: [] }] });
    expect(r).toEqual({
      ok: true,
      scenario: {
        seed: 1,
        runs: 10,
        layout: {},
        extensions: [],
        interpreters: [{ name: 'main', program: [] }],
      },
    });
  });

  it('lists every problem of an invalid scenario at once, shape and semantics together', () => {
    const problems = messages({
      runs: 0,
      layout: { 'freelist.nope': 'shared', obmalloc: 'immortal', gc: 'sideways' },
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'free', ref: 'x' },
            { op: 'frobnicate' },
            { op: 'send', ref: 'y', to: 'ghost' },
            { op: 'import', module: 'no_such_module' },
            { op: 'call', module: 'math' },
            { op: 'workload', name: 'no-such-workload' },
            { op: 'alloc', type: 'tuple' },
          ],
        },
      ],
    });
    const expected = [
      'runs: ',
      "layout.freelist.nope: unknown component 'freelist.nope'",
      "layout.obmalloc: placement 'immortal' is not meaningful for obmalloc",
      'layout.gc: ',
      "interpreters[0].program[0].ref: ref 'x' is used before it is bound",
      'interpreters[0].program[1].op: unknown op "frobnicate"',
      "interpreters[0].program[2].ref: ref 'y' is used before it is bound",
      "interpreters[0].program[2].to: unknown interpreter 'ghost'",
      "interpreters[0].program[3].module: unknown extension module 'no_such_module'",
      "interpreters[0].program[4].module: module 'math' is called before it is imported",
      "interpreters[0].program[5].name: unknown workload 'no-such-workload'",
      'interpreters[0].program[6].as: ',
    ];
    for (const prefix of expected)
      expect(
        problems.some((p) => p.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('follows refs through repeat bodies: a ref freed in the body is unbound on the next iteration', () => {
    const problems = messages({
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'list', as: 'l' },
            {
              op: 'repeat',
              times: 3,
              body: [
                { op: 'use', ref: 'l' },
                { op: 'free', ref: 'l' },
              ],
            },
          ],
        },
      ],
    });
    expect(problems).toEqual([
      "interpreters[0].program[1].body[0].ref: ref 'l' is used before it is bound",
      "interpreters[0].program[1].body[1].ref: ref 'l' is used before it is bound",
    ]);
  });

  it('refuses a config on the main interpreter, duplicate names, sends to self and receives nobody sends', () => {
    const problems = messages({
      interpreters: [
        { name: 'main', config: { preset: 'legacy' }, program: [{ op: 'recv', as: 'x' }] },
        {
          name: 'sub',
          program: [
            { op: 'alloc', type: 'int', as: 'i' },
            { op: 'send', ref: 'i', to: 'sub' },
          ],
        },
        { name: 'sub', program: [] },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('interpreters[0].config'),
        "interpreters[2].name: interpreter 'sub' is defined twice",
        'interpreters[1].program[1].to: an interpreter cannot send to itself',
        "interpreters[0].program: interpreter 'main' receives but no interpreter sends to it",
      ]),
    );
  });

  it("accepts a layout entry for a module the scenario defines, and 'multi-phase' only for ext components", () => {
    expect(
      messages({
        layout: { 'ext:mymod': 'multi-phase', gc: 'multi-phase' },
        extensions: [{ name: 'mymod', init: 'single-phase' }],
        interpreters: [{ name: 'main', program: [{ op: 'import', module: 'mymod' }] }],
      }),
    ).toEqual(["layout.gc: 'multi-phase' applies to ext:<module> components only"]);
  });

  it('inlines workloads for the ref check and knows the parametrised ones', () => {
    expect(
      messages({
        interpreters: [
          {
            name: 'main',
            program: [
              { op: 'workload', name: 'tuple-churn' },
              { op: 'workload', name: 'import-extension:_decimal' },
              { op: 'workload', name: 'touch:global:Objects/object.c:_Py_NoneStruct' },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses a scenario that would simulate more steps than the budget', () => {
    const loop = {
      op: 'repeat',
      times: 1_000_000,
      body: [{ op: 'repeat', times: 1000, body: [{ op: 'gc' }] }],
    };
    expect(messages({ runs: 1, interpreters: [{ name: 'main', program: [loop] }] })).toEqual([
      expect.stringMatching(/^runs: the scenario would simulate about 1000000000 steps/),
    ]);
    expect(
      estimateSteps(
        valid({ runs: 3, interpreters: [{ name: 'main', program: [{ op: 'workload', name: 'gc' }] }] }),
      ),
    ).toBe(300);
  });

  it('counts an import or call as one step per static global of the module, and bounds the globals', () => {
    const globals = Array.from({ length: 200 }, (_, i) => `g${i}`);
    const program = [
      { op: 'import', module: 'm' },
      { op: 'repeat', times: 10, body: [{ op: 'call', module: 'm' }] },
    ];
    const scenario = (g: string[], times = 10) => ({
      runs: 1,
      extensions: [{ name: 'm', init: 'multi-phase', globals: g }],
      interpreters: [{ name: 'main', program: [{ ...program[0] }, { ...program[1], times }] }],
    });
    expect(estimateSteps(valid(scenario(globals)))).toBe(11 * 200);
    expect(estimateSteps(valid(scenario([])))).toBe(11);
    expect(messages(scenario(globals, 200_000))).toEqual([
      expect.stringMatching(/^runs: the scenario would simulate about 40000200 steps/),
    ]);
    expect(messages(scenario([...globals, ...globals]))).toEqual([
      'extensions[0].globals: Too big: expected array to have <=256 items',
    ]);
  });

  it('refuses deep nesting as a problem instead of overflowing the stack', () => {
    let op: unknown = { op: 'gc' };
    for (let d = 0; d < 5000; d++) op = { op: 'repeat', times: 1, body: [op] };
    const problems = messages({ interpreters: [{ name: 'main', program: [op] }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^interpreters\[0\]\.program\[0\](\.body\[0\])+: nested more than 100 levels deep$/,
    );
    const cyclic: Record<string, unknown> = { op: 'repeat', times: 1 };
    cyclic.body = [cyclic];
    expect(messages({ interpreters: [{ name: 'main', program: [cyclic] }] })).toHaveLength(1);
  });

  it('counts an alloc as one step plus one per tuple item it copies', () => {
    const program = [
      { op: 'alloc', type: 'int', as: 'i' },
      { op: 'repeat', times: 10, body: [{ op: 'alloc', type: 'tuple', as: 't', items: ['i', 'i', 'i'] }] },
    ];
    expect(estimateSteps(valid({ runs: 2, interpreters: [{ name: 'main', program }] }))).toBe(
      2 * (1 + 10 * 4),
    );
  });

  it('refuses one run so large that the race detector would track too many objects', () => {
    // 64 interpreters of 10,000 allocations each: within the cost budget, too many tracked objects.
    const program = [
      {
        op: 'repeat',
        times: 10,
        body: [{ op: 'repeat', times: 1000, body: [{ op: 'alloc', type: 'object', as: 'o' }] }],
      },
    ];
    const interpreters = Array.from({ length: 64 }, (_, i) => ({
      name: i === 0 ? 'main' : `sub${i}`,
      program,
    }));
    expect(messages({ runs: 1, interpreters })).toEqual([
      expect.stringMatching(
        /^interpreters: one run could create about 640000 objects, each tracked for 64 interpreters/,
      ),
    ]);
    // The same work spread over more, smaller runs is fine.
    const smaller = [{ op: 'repeat', times: 10, body: [{ op: 'alloc', type: 'object', as: 'o' }] }];
    expect(
      messages({ runs: 1000, interpreters: interpreters.map((i) => ({ ...i, program: smaller })) }),
    ).toEqual([]);
  });

  it('checks claims applied as a layout on their own', () => {
    expect(layoutProblems({ 'freelist.tuple': 'per-interpreter', 'ext:_decimal': 'multi-phase' })).toEqual(
      [],
    );
    expect(layoutProblems({ 'singleton.None': 'forever', nope: 'shared' }).map((p) => p.message)).toEqual([
      'unknown placement "forever" (expected one of shared, per-interpreter, immortal, atomic, locked, multi-phase, single-phase)',
      "unknown component 'nope' (see GET /v1/sim/catalog)",
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseScenario(input);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              op: fc.constantFrom('alloc', 'free', 'repeat', 'send', 'recv', 'x'),
              ref: fc.anything(),
              body: fc.anything(),
              to: fc.anything(),
            },
            { requiredKeys: ['op'] },
          ),
        ),
        (program) => {
          const r = parseScenario({ interpreters: [{ name: 'main', program }] });
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses names past their length as a short problem, whatever their size (a 1 MB name)', () => {
    const huge = `a${'b'.repeat(1 << 20)}`;
    const problems = messages({
      interpreters: [
        { name: 'main', program: [{ op: 'send', ref: huge, to: huge }] },
        { name: huge, program: [] },
      ],
    });
    expect(problems).toContain('interpreters[1].name: an interpreter name is at most 64 characters');
    expect(problems).toContain('interpreters[0].program[0].ref: a ref is at most 64 characters');
    expect(problems.join('\n').length).toBeLessThan(2000);
  });

  it("checks an alloc's value against its type", () => {
    const alloc = (type: string, value: unknown) => ({
      interpreters: [{ name: 'main', program: [{ op: 'alloc', type, as: 'x', value }] }],
    });
    expect(messages(alloc('int', '18446744073709551616'))).toEqual([]);
    expect(messages(alloc('int', 2 ** 60))).toEqual([
      'interpreters[0].program[0].value: beyond ±(2^53 - 1) a JSON number is not exact: give the digits as a string',
    ]);
    expect(messages(alloc('int', '12ab'))).toEqual([
      "interpreters[0].program[0].value: an int's value is an integer or its decimal digits",
    ]);
    expect(messages(alloc('bytes', 'é☃'))).toEqual([
      'interpreters[0].program[0].value: bytes are latin-1 characters (U+0000..U+00FF)',
    ]);
    expect(messages(alloc('list', 'x'))).toEqual([
      'interpreters[0].program[0].value: value applies to int, str and bytes only',
    ]);
  });

  it('names a field the scenario, an interpreter, its config or an extension does not have (a misspelt one would be ignored)', () => {
    expect(
      messages({
        pyhton: '3.12',
        extensions: [{ name: 'm', init: 'single-phase', multipleInterpreter: 'supported' }],
        interpreters: [
          { name: 'main', program: [] },
          { name: 'sub', createdby: 'testcapi', config: { useMainObMalloc: true }, program: [] },
        ],
      }).sort(),
    ).toEqual(
      [
        "pyhton: unknown field 'pyhton'",
        "extensions[0].multipleInterpreter: unknown field 'multipleInterpreter'",
        "interpreters[1].createdby: unknown field 'createdby'",
        "interpreters[1].config.useMainObMalloc: unknown field 'useMainObMalloc'",
      ].sort(),
    );
  });

  it("refuses an op's misspelt field by name: 'vaule' would run a fresh int, 'vai' a channel", () => {
    expect(
      messages({
        interpreters: [
          {
            name: 'main',
            program: [
              { op: 'alloc', type: 'int', vaule: 7, as: 'x' },
              { op: 'repeat', times: 1, body: [{ op: 'send', ref: 'x', to: 'sub', vai: 'queue' }] },
            ],
          },
          { name: 'sub', program: [] },
        ],
      }),
    ).toEqual([
      "interpreters[0].program[0].vaule: unknown field 'vaule'",
      "interpreters[0].program[1].body[0].vai: unknown field 'vai'",
    ]);
  });

  it('refuses items on an alloc of anything but a tuple (they would be ignored)', () => {
    const alloc = (type: string) => ({
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'int', as: 'y' },
            { op: 'alloc', type, as: 'x', items: ['y'] },
          ],
        },
      ],
    });
    expect(messages(alloc('tuple'))).toEqual([]);
    expect(messages(alloc('list'))).toEqual([
      'interpreters[0].program[1].items: items applies to a tuple only',
    ]);
  });

  it("counts a str's characters as CPython's len does: 256 emoji are taken, 257 refused", () => {
    const withValue = (value: string) => ({
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'str', as: 's', value },
            { op: 'intern', value },
          ],
        },
      ],
    });
    expect(messages(withValue('😀'.repeat(256)))).toEqual([]);
    expect(messages(withValue('😀'.repeat(257))).sort()).toEqual([
      'interpreters[0].program[0].value: at most 256 characters',
      'interpreters[0].program[1].value: at most 256 characters',
    ]);
  });

  it('counts a step as costing more the more interpreters run: what one accepts, 64 refuse', () => {
    const program = [
      { op: 'repeat', times: 300, body: [{ op: 'repeat', times: 1000, body: [{ op: 'gc' }] }] },
    ];
    const withInterpreters = (n: number) => ({
      runs: 12,
      interpreters: Array.from({ length: n }, (_, i) => ({
        name: `i${i}`,
        program: i === 0 ? program : [{ op: 'gc' }],
      })),
    });
    expect(estimateCost(valid(withInterpreters(1)))).toBe(3_600_000);
    expect(messages(withInterpreters(1))).toEqual([]);
    expect(messages(withInterpreters(64))).toEqual([
      expect.stringMatching(/^runs: the scenario would simulate about 3600756 steps .* with 64 interpreters/),
    ]);
    expect(3_600_756 * (1 + 63 / 16)).toBeGreaterThan(MAX_SIMULATED_COST);
  });
});
