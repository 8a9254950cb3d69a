import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../../src/domain/plan/compute-plan.js';
import { planDocument } from '../../../src/domain/plan/plan-document.js';
import { planJsonBytes, planJsonChunks, planJsonText } from '../../../src/domain/plan/plan-json.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { planIssue, projectArbitrary } from './project-arbitrary.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The same project under other keys: any string, array indices, escapes, astral and lone surrogates. */
function renamed(input: PlanInput, names: string[]): PlanInput {
  const to = new Map(input.issues.map((issue, i) => [issue.key, names[i]!]));
  return {
    ...input,
    issues: input.issues.map((issue) => ({
      ...issue,
      key: to.get(issue.key)!,
      parent: issue.parent === null ? null : to.get(issue.parent)!,
    })),
    edges: input.edges.map((e) => ({ issue: to.get(e.issue)!, blockedBy: to.get(e.blockedBy)! })),
  };
}

const keyArbitrary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '0',
    '7',
    '10',
    '007',
    '4294967294',
    '4294967295',
    '__proto__',
    'a"b',
    'a\\b',
    '\ud800',
    '😀',
  ),
);

describe('planJsonChunks', () => {
  it('writes exactly JSON.stringify of the plan document, for any project and any keys', () => {
    fc.assert(
      fc.property(
        projectArbitrary(),
        fc.uniqueArray(keyArbitrary, { minLength: 12, maxLength: 12 }),
        (input, names) => {
          for (const project of [input, renamed(input, names)]) {
            const analysis = analyzePlan(project);
            expect(text(planJsonBytes(analysis))).toBe(JSON.stringify(planDocument(analysis)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts the text into chunks of about the size asked, which join into the whole', () => {
    const analysis = analyzePlan(
      {
        issues: Array.from({ length: 200 }, (_, i) =>
          planIssue(`issue-${i}`, i % 3 === 0 ? 'done' : 'open', null),
        ),
        edges: Array.from({ length: 199 }, (_, i) => ({ issue: `issue-${i + 1}`, blockedBy: `issue-${i}` })),
      },
      { redundantEdges: true },
    );
    const chunks = [...planJsonChunks(analysis, 256)];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(256);
    expect(chunks.map(text).join('')).toBe(JSON.stringify(planDocument(analysis)));
  });

  it('writes long lists of root blockers and unblocked issues a chunk at a time, joining into the whole', () => {
    // 150 ready issues block one hub that blocks 40 issues: each of those has 150 root blockers.
    const issues = [
      ...Array.from({ length: 150 }, (_, i) => planIssue(`root-${i}`, 'open', 0.25)),
      planIssue('hub', 'open', 2),
      ...Array.from({ length: 40 }, (_, i) => planIssue(`leaf-${i}`, 'open', 1.5)),
    ];
    const edges = [
      ...Array.from({ length: 150 }, (_, i) => ({ issue: 'hub', blockedBy: `root-${i}` })),
      ...Array.from({ length: 40 }, (_, i) => ({ issue: `leaf-${i}`, blockedBy: 'hub' })),
    ];
    const analysis = analyzePlan({ issues, edges });
    const whole = JSON.stringify(planDocument(analysis));
    for (const chunkBytes of [1, 100, 4096]) {
      const chunks = [...planJsonChunks(analysis, chunkBytes)];
      expect(chunks.map(text).join('')).toBe(whole);
    }
  });

  it('writes priorities and every kind of reason as the plan document does', () => {
    const priorities = [undefined, 'p0', 'p1', 'p2', 'p3'] as const;
    const analysis = analyzePlan({
      issues: [
        ...priorities.map((priority, i) => ({
          ...planIssue(`r${i}`, 'open', i + 0.5),
          ...(priority && { priority }),
        })),
        planIssue('w1', 'open', 3),
        planIssue('w2', 'open', null),
        planIssue('w3', 'done', 1),
      ],
      edges: [
        { issue: 'w1', blockedBy: 'r0' },
        { issue: 'w2', blockedBy: 'r0' },
        { issue: 'w2', blockedBy: 'r1' },
        { issue: 'w3', blockedBy: 'r2' },
      ],
    });
    expect(text(planJsonBytes(analysis))).toBe(JSON.stringify(planDocument(analysis)));
  });

  it('writes numbers as JavaScript does, beyond integers and without a finite value', () => {
    const analysis = analyzePlan({
      issues: [
        planIssue('a', 'open', 0.1),
        planIssue('b', 'open', 1e21),
        planIssue('c', 'open', 1e308),
        planIssue('d', 'open', 1e308),
        planIssue('e', 'open', 0.000001),
        planIssue('f', 'open', 123456.123456),
        planIssue('g', 'open', 1 / 3),
        planIssue('h', 'open', 2e9 + 0.5),
      ],
      edges: [
        { issue: 'd', blockedBy: 'c' },
        { issue: 'f', blockedBy: 'e' },
        { issue: 'g', blockedBy: 'f' },
        { issue: 'h', blockedBy: 'a' },
      ],
    });
    expect(text(planJsonBytes(analysis))).toBe(JSON.stringify(planDocument(analysis)));
  });
});

describe('planJsonText', () => {
  const chain = (n: number, prefix: string) =>
    analyzePlan({
      issues: Array.from({ length: n }, (_, i) => planIssue(`${prefix}-${i}`, 'open', 1)),
      edges: Array.from({ length: n - 1 }, (_, i) => ({
        issue: `${prefix}-${i + 1}`,
        blockedBy: `${prefix}-${i}`,
      })),
    });
  const joined = (chunks: Iterable<Uint8Array>) => [...chunks].map(text).join('');

  it('answers the whole text when it is no longer than the limit', () => {
    const analysis = chain(50, 'a');
    const whole = planJsonBytes(analysis);
    const kept = planJsonText(analysis, whole.length);
    expect('bytes' in kept && text(kept.bytes)).toBe(JSON.stringify(planDocument(analysis)));
  });

  it('answers chunks of about the size asked when the text is longer than the limit, which join into it', () => {
    const analysis = chain(500, 'a');
    const whole = text(planJsonBytes(analysis));
    for (const limit of [0, 10, 1_000, whole.length - 1]) {
      const streamed = planJsonText(analysis, limit, 256);
      if (!('chunks' in streamed)) throw new Error(`kept whole at limit ${limit}`);
      const chunks = [...streamed.chunks];
      expect(chunks.map(text).join('')).toBe(whole);
      expect(chunks[0]!.length).toBeGreaterThan(limit);
      for (const chunk of chunks.slice(1, -1)) expect(chunk.length).toBeLessThan(256 + 4096);
    }
  });

  it('answers a text of its own, which the next plan written does not overwrite', () => {
    const first = planJsonBytes(chain(3_000, 'a'));
    const before = text(first);
    planJsonBytes(chain(3_000, 'b'));
    const streamed = planJsonText(chain(10, 'c'), 100);
    expect(text(first)).toBe(before);
    expect(first.buffer.byteLength).toBe(first.length);
    if ('chunks' in streamed) joined(streamed.chunks);
    expect(text(first)).toBe(before);
  });

  it('streams the first chunk of a long text intact while the next text is written', () => {
    const long = chain(3_000, 'a');
    planJsonBytes(chain(10, 'c')); // a text written whole before: the long one starts in its kept buffer
    const streamed = planJsonText(long, 1_000);
    if (!('chunks' in streamed)) throw new Error('kept whole');
    const iterator = streamed.chunks[Symbol.iterator]();
    const head = iterator.next().value as Uint8Array;
    planJsonBytes(chain(3_000, 'b'));
    const rest: string[] = [];
    for (let next = iterator.next(); next.done !== true; next = iterator.next()) rest.push(text(next.value));
    expect(text(head) + rest.join('')).toBe(text(planJsonBytes(long)));
  });

  it('writes plans streamed at the same time, pulled in turns with whole texts written between, each as its own text', () => {
    const plans = [chain(1_000, 'a'), chain(1_000, 'bé')];
    const expected = plans.map((analysis) => JSON.stringify(planDocument(analysis)));
    const other = chain(1_000, 'c');
    planJsonText(other, Number.POSITIVE_INFINITY); // a text written whole before: its buffer is kept
    const streamed = planJsonText(plans[0]!, 1_000, 4_096);
    if (!('chunks' in streamed)) throw new Error('kept whole');
    const streams = [streamed.chunks[Symbol.iterator](), planJsonChunks(plans[1]!, 4_096)[Symbol.iterator]()];
    // Chunks kept as they came and read at the end: none may be written over by a later one.
    const pulled: Uint8Array[][] = [[], []];
    for (let open = 2; open > 0; ) {
      open = 0;
      for (const [i, stream] of streams.entries()) {
        planJsonText(other, Number.POSITIVE_INFINITY);
        const next = stream.next();
        if (next.done === true) continue;
        open++;
        pulled[i]!.push(next.value);
      }
    }
    expect(pulled.map((chunks) => chunks.map(text).join(''))).toEqual(expected);
  });
});
