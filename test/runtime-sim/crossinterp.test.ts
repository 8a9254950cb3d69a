// Cross-interpreter data: what may cross, how the receiver's copy is made, and CPython's errors.
import { describe, expect, it } from 'vitest';
import { type Bindings, parseScenario, runScenario } from '../../src/runtime-sim/index.js';
import { find, run } from './helpers.js';

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

  /** What the main interpreter's refs hold after `program` runs in CPython `python`. */
  const refsAfter = (python: string, program: unknown[]) => {
    const parsed = parseScenario({ runs: 1, python, interpreters: [{ name: 'main', program }] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    let bindings: Bindings = {};
    runScenario(parsed.scenario, { timing: false, onBindings: (b) => (bindings = b) });
    return bindings.main!;
  };

  it("escapes in a str's repr what that version's Unicode tables do not have, whatever Node's know", () => {
    // CPython 3.12.1 (Unicode 15.0) and 3.13.0 (15.1): U+1ACF (Unicode 16) is escaped by both, U+2EBF0
    // (CJK extension I, 15.1) by 3.12 only; Node 20's tables (Unicode 17) have both.
    const reprs = (python: string) => {
      const refs = refsAfter(python, [
        { op: 'alloc', type: 'str', value: 'a\u1acf', as: 'new' },
        { op: 'alloc', type: 'str', value: '\u{2ebf0}', as: 'cjk' },
      ]);
      return [refs.new!.repr, refs.cjk!.repr];
    };
    expect(reprs('3.12')).toEqual(["'a\\u1acf'", "'\\U0002ebf0'"]);
    expect(reprs('3.13')).toEqual(["'a\\u1acf'", "'\u{2ebf0}'"]);
  });

  it("reads an int's digits as int() does: leading zeros give the same int, '00007' the cached 7", () => {
    // CPython: int('00007') is 7, the immortal small int; int('0001000') prints 1000; int('-0') is 0.
    const refs = refsAfter('3.12', [
      { op: 'alloc', type: 'int', value: 7, as: 'seven' },
      { op: 'alloc', type: 'int', value: '00007', as: 'padded' },
      { op: 'alloc', type: 'int', value: '-0005', as: 'negative' },
      { op: 'alloc', type: 'int', value: '0001000', as: 'big' },
      { op: 'alloc', type: 'int', value: '-0', as: 'zero' },
    ]);
    expect(refs.padded).toMatchObject({ repr: '7', immortal: true, object: refs.seven!.object });
    expect(refs.negative).toMatchObject({ repr: '-5', immortal: true });
    expect(refs.big).toMatchObject({ repr: '1000', immortal: false });
    expect(refs.zero).toMatchObject({ repr: '0', immortal: true });
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

  const sendsOne = (ops: unknown[], python: string, send: Record<string, unknown> = {}) =>
    find(
      run({
        runs: 1,
        python,
        interpreters: [
          { name: 'main', program: [...ops, { op: 'send', ref: 'x', to: 'sub', ...send }] },
          { name: 'sub', program: [] },
        ],
      }),
      python === '3.12' && send.via === 'queue' ? 'import-error' : 'forbidden-operation',
    ).map((v) => `${v.exception}: ${v.message}`);

  it('refuses an int that does not fit in 64 bits with OverflowError, in both versions', () => {
    const int = (value: number | string) => [{ op: 'alloc', type: 'int', as: 'x', value }];
    for (const python of ['3.12', '3.13']) {
      expect(sendsOne(int('9223372036854775807'), python)).toEqual([]);
      expect(sendsOne(int('-9223372036854775808'), python)).toEqual([]);
      expect(sendsOne(int('9223372036854775808'), python)).toEqual(['OverflowError: try sending as bytes']);
      expect(sendsOne(int(`-${'9'.repeat(40)}`), python)).toEqual(['OverflowError: try sending as bytes']);
    }
  });

  it("names a 3.13 tuple's big int item with OverflowError, and a 3.12 tuple as a whole", () => {
    const ops = [
      { op: 'alloc', type: 'int', as: 'big', value: '18446744073709551616' },
      { op: 'alloc', type: 'tuple', as: 'x', items: ['big'] },
    ];
    expect(sendsOne(ops, '3.13')).toEqual(['OverflowError: try sending as bytes']);
    expect(sendsOne(ops, '3.12')).toEqual([
      'ValueError: (18446744073709551616,) does not support cross-interpreter data',
    ]);
  });

  it('pickles what a 3.13 queue is given, refusing only what pickle cannot take', () => {
    const queue = { via: 'queue' };
    expect(sendsOne([{ op: 'alloc', type: 'list', as: 'x' }], '3.13', queue)).toEqual([]);
    expect(sendsOne([{ op: 'alloc', type: 'object', as: 'x' }], '3.13', queue)).toEqual([]);
    expect(sendsOne([{ op: 'alloc', type: 'frame', as: 'x' }], '3.13', queue)).toEqual([
      "TypeError: cannot pickle 'frame' object",
    ]);
    expect(sendsOne([{ op: 'alloc', type: 'memoryview', as: 'x' }], '3.13', queue)).toEqual([
      'TypeError: cannot pickle memoryview objects',
    ]);
  });

  it('refuses on a syncobj queue what a channel refuses, and has no queue at all in 3.12', () => {
    const list = [{ op: 'alloc', type: 'list', as: 'x' }];
    expect(sendsOne(list, '3.13', { via: 'queue', syncobj: true })).toEqual([
      'NotShareableError: [] does not support cross-interpreter data',
    ]);
    expect(sendsOne(list, '3.12', { via: 'queue' })).toEqual([
      "ModuleNotFoundError: No module named '_interpqueues'",
    ]);
  });

  it("prints a frame's and an async generator's repr with their code's name, and addresses as 0x…", () => {
    expect(sendsOne([{ op: 'alloc', type: 'frame', as: 'x', code: 'worker' }], '3.13')).toEqual([
      "NotShareableError: <frame at 0x…, file '<string>', line 1, code worker> does not support cross-interpreter data",
    ]);
    expect(sendsOne([{ op: 'alloc', type: 'async_gen', as: 'x', code: 'ticker' }], '3.12')).toEqual([
      'ValueError: <async_generator object ticker at 0x…> does not support cross-interpreter data',
    ]);
    expect(sendsOne([{ op: 'alloc', type: 'object', as: 'x' }], '3.12')).toEqual([
      'ValueError: <object object at 0x…> does not support cross-interpreter data',
    ]);
  });
});
