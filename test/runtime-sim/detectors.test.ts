// Every detector fires on the unsafe placement and stays silent on the safe one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWorkload, runScenario, scenarioForCheck } from '../../src/runtime-sim/index.js';
import { find, kinds, run, twoInterpreters } from './helpers.js';

const gcLoop = [{ op: 'repeat', times: 20, body: [{ op: 'gc' }] }];

describe('data-race detector', () => {
  it('fires when two interpreters with their own GILs write a shared location', () => {
    const report = run(twoInterpreters(gcLoop));
    const races = find(report, 'data-race', 'gc');
    expect(races.length).toBeGreaterThan(0);
    expect(races[0]!.interpreters.sort()).toEqual(['main', 'sub']);
    expect(races[0]!.steps.map((s) => s.op)).toEqual(['gc', 'gc']);
    expect(races[0]!.message).toContain('no happens-before order');
  });

  it.each(['per-interpreter', 'atomic', 'locked'])('stays silent when the location is %s', (placement) => {
    expect(run(twoInterpreters(gcLoop, { layout: { gc: placement } })).ok).toBe(true);
  });

  it('stays silent when both interpreters hold the one shared GIL', () => {
    expect(run(twoInterpreters(gcLoop, { config: { preset: 'legacy' } })).ok).toBe(true);
    expect(run(twoInterpreters(gcLoop, { config: { gil: 'shared' } })).ok).toBe(true);
    expect(run(twoInterpreters(gcLoop, { config: { gil: 'default' } })).ok).toBe(true);
  });

  it('does not race on a read shared by readers, but does on a read against a write', () => {
    // Only the main interpreter trips signals (a write); the others read the flag.
    const signal = [{ op: 'signal' }];
    const readers = run({
      runs: 3,
      interpreters: [
        { name: 'main', program: [] },
        { name: 'a', program: signal },
        { name: 'b', program: signal },
      ],
    });
    expect(readers.ok).toBe(true);
    expect(kinds(run(twoInterpreters(signal)), 'ceval.signals_pending')).toEqual(['data-race']);
  });

  it('finds a read/write race in every interleaving, the read first or the write first', () => {
    // One run per seed: about half the seeds schedule sub's read before main's write.
    for (let seed = 1; seed <= 30; seed++) {
      const report = run({ ...(twoInterpreters([{ op: 'signal' }]) as object), seed, runs: 1 });
      expect(kinds(report, 'ceval.signals_pending'), `seed ${seed}`).toEqual(['data-race']);
    }
  });

  it('never writes the reference count of an immortal object', () => {
    const none = [{ op: 'repeat', times: 10, body: [{ op: 'singleton', name: 'None' }] }];
    expect(kinds(run(twoInterpreters(none)), 'singleton.None')).toEqual([
      'cross-interpreter-object',
      'data-race',
    ]);
    expect(run(twoInterpreters(none, { layout: { 'singleton.None': 'immortal' } })).ok).toBe(true);
  });

  it('sees the order a channel gives: a send happens before its recv', () => {
    const report = run({
      runs: 10,
      interpreters: [
        {
          name: 'main',
          program: [{ op: 'gc' }, { op: 'alloc', type: 'int', as: 'i' }, { op: 'send', ref: 'i', to: 'sub' }],
        },
        { name: 'sub', program: [{ op: 'recv', as: 'x' }, { op: 'gc' }] },
      ],
    });
    expect(report.ok).toBe(true);
  });

  it('finds a race under own GILs on every seed, whatever the interleaving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const scenario = scenarioForCheck({ program: getWorkload('signals')!.program, seed, runs: 1 });
        expect(runScenario(scenario).violations.some((v) => v.kind === 'data-race')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('cross-interpreter-object detector', () => {
  const raw = (python?: string) => ({
    runs: 3,
    ...(python ? { python } : {}),
    interpreters: [
      {
        name: 'main',
        program: [
          { op: 'alloc', type: 'list', as: 'l' },
          { op: 'send_raw', ref: 'l', to: 'sub' },
        ],
      },
      {
        name: 'sub',
        program: [
          { op: 'recv', as: 'x' },
          { op: 'use', ref: 'x' },
        ],
      },
    ],
  });

  it('fires when an object handed over raw is used by another interpreter', () => {
    const found = find(run(raw()), 'cross-interpreter-object');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      component: 'crossinterp.raw',
      interpreters: ['main', 'sub'],
      steps: [
        { interpreter: 'main', index: 0, op: 'alloc(list) as l' },
        { interpreter: 'sub', index: 0, op: 'recv() as x' },
      ],
      count: 3,
    });
  });

  it('stays silent when the object goes through cross-interpreter data (a copy in the receiver)', () => {
    const report = run({
      runs: 3,
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'bytes', as: 'b' },
            { op: 'send', ref: 'b', to: 'sub' },
            { op: 'small_int', value: 1000, as: 'i' },
            { op: 'send', ref: 'i', to: 'sub' },
          ],
        },
        {
          name: 'sub',
          program: [
            { op: 'recv', as: 'x' },
            { op: 'use', ref: 'x' },
            { op: 'recv', as: 'y' },
            { op: 'free', ref: 'y' },
          ],
        },
      ],
    });
    expect(report.ok).toBe(true);
  });

  it('attributes a raw handoff to the extension that does it', () => {
    const input = raw();
    (input.interpreters[0]!.program[1] as Record<string, unknown>).via = 'ext:_decimal';
    expect(find(run(input), 'cross-interpreter-object').map((v) => v.component)).toContain('ext:_decimal');
  });

  it('stays silent for objects that never leave their interpreter', () => {
    const local = [
      { op: 'alloc', type: 'dict', as: 'd' },
      { op: 'incref', ref: 'd' },
      { op: 'decref', ref: 'd' },
      { op: 'free', ref: 'd' },
    ];
    expect(
      run(
        twoInterpreters(local, {
          layout: { 'freelist.dict': 'per-interpreter', obmalloc: 'per-interpreter' },
        }),
      ).ok,
    ).toBe(true);
  });
});

describe('cross-interpreter data', () => {
  const sending = (type: string, python: string, items?: string[]) => ({
    runs: 1,
    python,
    interpreters: [
      {
        name: 'main',
        program: [
          { op: 'alloc', type: 'list', as: 'l' },
          { op: 'alloc', type: 'int', as: 'i' },
          { op: 'alloc', type, as: 'o', ...(items ? { items } : {}) },
          { op: 'send', ref: 'o', to: 'sub' },
        ],
      },
      { name: 'sub', program: [] },
    ],
  });
  const refusal = (type: string, python: string, items?: string[]) =>
    find(run(sending(type, python, items)), 'forbidden-operation').map((v) => `${v.exception}: ${v.message}`);

  it.each([
    ['int', 'int', '3.12', []],
    ['str', 'str', '3.12', []],
    ['bytes', 'bytes', '3.12', []],
    ['float', 'float', '3.12', ['ValueError: 0.0 does not support cross-interpreter data']],
    ['float', 'float', '3.13', []],
    ['bool', 'bool', '3.12', ['ValueError: False does not support cross-interpreter data']],
    ['bool', 'bool', '3.13', []],
    ['memoryview', 'memoryview', '3.13', []],
    ['list', 'list', '3.12', ['ValueError: [] does not support cross-interpreter data']],
    ['list', 'list', '3.13', ['NotShareableError: [] does not support cross-interpreter data']],
    ['dict', 'dict', '3.13', ['NotShareableError: {} does not support cross-interpreter data']],
  ])('%s in %s: %j', (_label, type, python, expected) => {
    expect(refusal(type as string, python as string)).toEqual(expected);
  });

  it("names a refused 3.12 tuple as CPython's str() does, its items' values in repr()", () => {
    // CPython 3.12.1: ValueError: ("it's", 1000, 'é', 'spam', 'ā', True, 5) does not support ...
    const report = run({
      runs: 1,
      python: '3.12',
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'intern', value: "it's", as: 'q' },
            { op: 'small_int', value: 1000, as: 'big' },
            { op: 'char', value: 'é', as: 'e' },
            { op: 'intern', value: 'spam', as: 's' },
            { op: 'char', value: 'ā', as: 'a' },
            { op: 'singleton', name: 'True', as: 't' },
            { op: 'small_int', value: 5, as: 'five' },
            { op: 'alloc', type: 'tuple', as: 'o', items: ['q', 'big', 'e', 's', 'a', 't', 'five'] },
            { op: 'send', ref: 'o', to: 'sub' },
          ],
        },
        { name: 'sub', program: [] },
      ],
    });
    expect(find(report, 'forbidden-operation').map((v) => `${v.exception}: ${v.message}`)).toEqual([
      `ValueError: ("it's", 1000, 'é', 'spam', 'ā', True, 5) does not support cross-interpreter data`,
    ]);
  });

  it("copies a small int, a latin-1 character or an empty tuple as the receiver's cached object", () => {
    const passing = (make: Record<string, unknown>, layout: Record<string, string> = {}) =>
      run({
        runs: 2,
        layout,
        interpreters: [
          {
            name: 'main',
            program: [
              { ...make, as: 'x' },
              { op: 'send', ref: 'x', to: 'sub' },
            ],
          },
          { name: 'sub', program: [{ op: 'recv', as: 'y' }] },
        ],
      });
    const components = (r: ReturnType<typeof run>) =>
      find(r, 'cross-interpreter-object').map((v) => v.component);
    // CPython 3.8's placements: the caches are shared and mortal, so the copy is main's object.
    expect(components(passing({ op: 'small_int', value: 5 }))).toEqual(['small_ints']);
    expect(components(passing({ op: 'char', value: 'a' }))).toEqual(['unicode.latin1']);
    expect(components(passing({ op: 'singleton', name: 'empty_tuple' }))).toEqual(['singleton.empty_tuple']);
    expect(passing({ op: 'small_int', value: 5 }, { small_ints: 'immortal' }).ok).toBe(true);
    expect(passing({ op: 'small_int', value: 1000 }).ok).toBe(true);
    expect(passing({ op: 'intern', value: 'spam' }).ok).toBe(true);
  });

  it('finds an unshareable item however deep tuples nest, and a reused tuple does not keep old items', () => {
    const sendFrom = (program: unknown[]) =>
      find(
        run({
          runs: 1,
          python: '3.13',
          interpreters: [
            { name: 'main', program: [...program, { op: 'send', ref: 'top', to: 'sub' }] },
            { name: 'sub', program: [] },
          ],
        }),
        'forbidden-operation',
      ).map((v) => `${v.exception}: ${v.message}`);
    // Twelve levels of tuples, each holding the level below twice, with a list at the bottom.
    const nested: unknown[] = [{ op: 'alloc', type: 'list', as: 't0' }];
    for (let d = 1; d <= 12; d++) {
      nested.push({
        op: 'alloc',
        type: 'tuple',
        as: d === 12 ? 'top' : `t${d}`,
        items: [`t${d - 1}`, `t${d - 1}`],
      });
    }
    expect(sendFrom(nested)).toEqual(['NotShareableError: [] does not support cross-interpreter data']);
    expect(
      sendFrom([
        { op: 'alloc', type: 'list', as: 'l' },
        { op: 'alloc', type: 'tuple', as: 'old', items: ['l'] },
        { op: 'free', ref: 'old' },
        { op: 'alloc', type: 'tuple', as: 'top' },
      ]),
    ).toEqual([]);
  });

  it('gives a received tuple copy none of the items of the free-list tuple it reuses', () => {
    const report = run({
      runs: 1,
      python: '3.13',
      layout: { 'freelist.tuple': 'per-interpreter' },
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'tuple', as: 't' },
            { op: 'send', ref: 't', to: 'sub' },
            { op: 'recv', as: 'back' },
          ],
        },
        {
          name: 'sub',
          program: [
            { op: 'alloc', type: 'list', as: 'l' },
            { op: 'alloc', type: 'tuple', as: 'old', items: ['l'] },
            { op: 'free', ref: 'old' },
            { op: 'recv', as: 'copy' },
            { op: 'send', ref: 'copy', to: 'main' },
          ],
        },
      ],
    });
    expect(find(report, 'forbidden-operation')).toEqual([]);
  });

  it('copies True and False into the receiver as its own True and False singletons', () => {
    const passing = (name: string, layout: Record<string, string>) =>
      run({
        runs: 2,
        layout,
        interpreters: [
          {
            name: 'main',
            program: [
              { op: 'singleton', name, as: 'b' },
              { op: 'send', ref: 'b', to: 'sub' },
            ],
          },
          { name: 'sub', program: [{ op: 'recv', as: 'x' }] },
        ],
      });
    const components = (r: ReturnType<typeof run>) =>
      find(r, 'cross-interpreter-object').map((v) => v.component);
    expect(components(passing('False', {}))).toEqual(['singleton.False']);
    expect(components(passing('True', {}))).toEqual(['singleton.True']);
    expect(passing('False', { 'singleton.False': 'immortal' }).ok).toBe(true);
  });

  it('shares a tuple in 3.13 element by element, and names the element that is not shareable', () => {
    expect(refusal('tuple', '3.13', ['i'])).toEqual([]);
    expect(refusal('tuple', '3.13', ['i', 'l'])).toEqual([
      'NotShareableError: [] does not support cross-interpreter data',
    ]);
    expect(refusal('tuple', '3.12', ['i'])).toEqual([
      'ValueError: (0,) does not support cross-interpreter data',
    ]);
  });
});

describe('cross-allocator-free detector', () => {
  const freeInSub = (config: Record<string, unknown>, layout: Record<string, string>) =>
    run({
      runs: 2,
      layout,
      interpreters: [
        {
          name: 'main',
          program: [
            { op: 'alloc', type: 'object', as: 'o' },
            { op: 'send_raw', ref: 'o', to: 'sub' },
          ],
        },
        {
          name: 'sub',
          config,
          program: [
            { op: 'recv', as: 'x' },
            { op: 'free', ref: 'x' },
          ],
        },
      ],
    });

  it("fires when an interpreter frees an object into its own obmalloc that main's handed out", () => {
    const found = find(freeInSub({}, { obmalloc: 'per-interpreter' }), 'cross-allocator-free');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      component: 'obmalloc',
      interpreters: ['main', 'sub'],
      steps: [
        { interpreter: 'main', index: 0, op: 'alloc(object) as o' },
        { interpreter: 'sub', index: 1, op: 'free(x)' },
      ],
    });
  });

  it('stays silent when both use the main obmalloc, or when obmalloc is one shared allocator', () => {
    expect(
      find(freeInSub({ useMainObmalloc: true }, { obmalloc: 'per-interpreter' }), 'cross-allocator-free'),
    ).toEqual([]);
    expect(find(freeInSub({}, { obmalloc: 'locked' }), 'cross-allocator-free')).toEqual([]);
  });
});

describe('detectors off', () => {
  it('runs the same programs without the race, object and allocator detectors, keeping CPython rules', () => {
    const scenario = twoInterpreters([...gcLoop, { op: 'import', module: '_decimal' }]);
    expect(kinds(run(scenario))).toEqual(['data-race', 'import-error']);
    const off = run(scenario, { detectors: false });
    expect(kinds(off)).toEqual(['import-error']);
    expect(off.stats.steps).toBe(run(scenario).stats.steps);
  });
});
