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
