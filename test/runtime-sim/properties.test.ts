// Properties over random valid programs: the simulator never throws, is deterministic, and a fully
// isolated layout (CPython 3.12's placements, isolated configs, no raw handoffs) is always clean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog, type Op, parseScenario, runScenario } from '../../src/runtime-sim/index.js';

const TYPES = ['tuple', 'list', 'dict', 'float', 'frame', 'object', 'int', 'str', 'bytes'] as const;

/** A random program that only uses refs it has bound; `sendTo` is the other interpreter or null. */
function programArb(sendTo: string | null, raw: boolean, canRecv: boolean): fc.Arbitrary<Op[]> {
  return fc.array(fc.nat({ max: 1000 }), { maxLength: 25 }).map((choices) => {
    const bound: string[] = [];
    const imported = new Set<string>();
    const out: Op[] = [];
    let k = 0;
    for (const c of choices) {
      const ref = bound[c % Math.max(1, bound.length)];
      switch (c % 17) {
        case 0:
        case 1: {
          const as = `r${k++}`;
          out.push({ op: 'alloc', type: TYPES[c % TYPES.length]!, as });
          bound.push(as);
          break;
        }
        case 2:
          if (ref) {
            out.push({ op: 'free', ref });
            bound.splice(bound.indexOf(ref), 1);
          }
          break;
        case 3:
          if (ref) out.push({ op: c % 2 ? 'incref' : 'use', ref });
          break;
        case 4:
          out.push({ op: 'singleton', name: (['None', 'True', 'empty_tuple', 'Ellipsis'] as const)[c % 4]! });
          break;
        case 5:
          out.push({ op: 'small_int', value: (c % 300) - 10 });
          break;
        case 6:
          out.push({ op: 'intern', value: `s${c % 5}` });
          break;
        case 7:
          out.push({ op: 'char', value: String.fromCharCode(97 + (c % 26)) });
          break;
        case 8:
          out.push({ op: (['gc', 'signal', 'pending_call', 'warn', 'gil_drop_request'] as const)[c % 5]! });
          break;
        case 9: {
          const module = c % 2 ? 'math' : '_decimal';
          out.push({ op: 'import', module });
          imported.add(module);
          break;
        }
        case 10:
          for (const module of imported) out.push({ op: 'call', module });
          break;
        case 11:
          if (ref && sendTo) {
            out.push(raw && c % 2 ? { op: 'send_raw', ref, to: sendTo } : { op: 'send', ref, to: sendTo });
          }
          break;
        case 12:
          if (canRecv) {
            const as = `r${k++}`;
            out.push({ op: 'recv', as });
            bound.push(as);
          }
          break;
        case 13:
          out.push({
            op: 'repeat',
            times: (c % 4) + 1,
            body: [
              { op: 'alloc', type: 'tuple', as: 'loop' },
              { op: 'free', ref: 'loop' },
            ],
          });
          break;
        case 14:
          out.push({ op: 'subprocess' });
          break;
        default:
          out.push({ op: 'small_int', value: c });
      }
    }
    return out;
  });
}

const scenarioArb = (raw: boolean, layout: Record<string, string>) =>
  fc
    .tuple(programArb('sub', raw, false), programArb(null, raw, true), fc.nat(), fc.boolean())
    .map(([main, sub, seed, withSend]) => ({
      seed,
      runs: 3,
      layout,
      interpreters: [
        {
          name: 'main',
          program: withSend
            ? [...main, { op: 'alloc', type: 'int', as: 'x' }, { op: 'send', ref: 'x', to: 'sub' }]
            : main,
        },
        { name: 'sub', program: withSend ? sub : sub.filter((op) => op.op !== 'recv') },
      ],
    }));

const ISOLATED_LAYOUT = Object.fromEntries(catalog.components.map((c) => [c.id, c.placement312]));
for (const id of ['ext:math', 'ext:_decimal']) ISOLATED_LAYOUT[id] = 'per-interpreter';

describe('random programs', () => {
  it('parse, run without throwing, and give the same report twice', () => {
    fc.assert(
      fc.property(scenarioArb(true, {}), (input) => {
        const parsed = parseScenario(input);
        if (!parsed.ok) return; // refs freed then used after a recv-less filter: skip
        const a = JSON.stringify(runScenario(parsed.scenario, { timing: false }));
        expect(JSON.stringify(runScenario(parsed.scenario, { timing: false }))).toBe(a);
      }),
      { numRuns: 60 },
    );
  });

  it("are clean under CPython 3.12's placements with isolated interpreters and no raw handoffs", () => {
    fc.assert(
      fc.property(scenarioArb(false, ISOLATED_LAYOUT), (input) => {
        const parsed = parseScenario(input);
        if (!parsed.ok) return;
        const report = runScenario(parsed.scenario, { timing: false });
        const isolation = report.violations.filter((v) => v.kind !== 'forbidden-operation');
        expect(isolation).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
