import { describe, expect, it } from 'vitest';
import {
  betaQuantiles,
  drawDurations,
  pertMean,
  pertSampler,
  standardQuantile,
} from '../../../src/domain/forecast/pert.js';
import { SeededRandom } from '../../../src/domain/forecast/seeded-random.js';

/** The Beta(α, β) CDF by Simpson's rule on 20,000 steps: the exact function, for all purposes here. */
function betaCdf(alpha: number, beta: number): (x: number) => number {
  const steps = 20_000;
  const f = (x: number) => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  const cumulative = new Float64Array(steps + 1);
  for (let i = 0; i < steps; i++) {
    const a = i / steps;
    const b = (i + 1) / steps;
    cumulative[i + 1] = cumulative[i]! + ((b - a) / 6) * (f(a) + 4 * f((a + b) / 2) + f(b));
  }
  const total = cumulative[steps]!;
  return (x) => {
    const i = Math.min(steps - 1, Math.floor(x * steps));
    const a = i / steps;
    // Within one step, Simpson again from the step's start to x.
    const part = ((x - a) / 6) * (f(a) + 4 * f((a + x) / 2) + f(x));
    return (cumulative[i]! + part) / total;
  };
}

const ranges = (rows: [number, number, number][]) => ({
  low: Float64Array.from(rows, (r) => r[0]),
  likely: Float64Array.from(rows, (r) => r[1]),
  high: Float64Array.from(rows, (r) => r[2]),
});

describe('PERT durations', () => {
  /** The largest gap between the sampler's distribution and the exact PERT one, over 4,096 probabilities. */
  const distance = (likely: number) => {
    const sampler = pertSampler(Float64Array.of(0), Float64Array.of(likely), Float64Array.of(1));
    const cdf = betaCdf(1 + 4 * likely, 1 + 4 * (1 - likely));
    let worst = 0;
    for (let k = 0; k < 4096; k++)
      worst = Math.max(worst, Math.abs(cdf(standardQuantile(sampler, 0, k / 4096)) - k / 4096));
    return worst;
  };

  it('tabulates the beta quantile function within 1e-3 in distribution, ends included', () => {
    // Modes on the grid of shapes: the table's error alone.
    for (const likely of [0, 26 / 256, 0.25, 0.5, 205 / 256, 1]) expect(distance(likely)).toBeLessThan(1e-3);
  });

  it('stays within 4e-3 in distribution of the exact PERT for any mode', () => {
    for (const likely of [0.1, 0.333, 0.61, 0.999]) expect(distance(likely)).toBeLessThan(4e-3);
  });

  it('draws within the range, around the PERT mean', () => {
    const { low, likely, high } = ranges([
      [2, 3, 8],
      [1, 1, 4],
      [5, 9, 10],
    ]);
    const sampler = pertSampler(low, likely, high);
    const random = new SeededRandom(11);
    const durations = new Float64Array(3);
    const sums = [0, 0, 0];
    const least = [Infinity, Infinity, Infinity];
    const most = [-Infinity, -Infinity, -Infinity];
    const n = 100_000;
    for (let t = 0; t < n; t++) {
      drawDurations(sampler, random, durations);
      for (let i = 0; i < 3; i++) {
        least[i] = Math.min(least[i]!, durations[i]!);
        most[i] = Math.max(most[i]!, durations[i]!);
        sums[i]! += durations[i]!;
      }
    }
    // One assertion per bound (600,000 expect calls took a minute on a loaded machine).
    for (let i = 0; i < 3; i++) {
      expect(least[i]!).toBeGreaterThanOrEqual(low[i]!);
      expect(most[i]!).toBeLessThanOrEqual(high[i]!);
      const span = high[i]! - low[i]!;
      expect(Math.abs(sums[i]! / n - pertMean(low[i]!, likely[i]!, high[i]!))).toBeLessThan(0.004 * span);
    }
  });

  it('leaves an issue without spread at its estimate', () => {
    const { low, likely, high } = ranges([
      [3, 3, 3],
      [1, 2, 5],
      [0, 0, 0],
    ]);
    const sampler = pertSampler(low, likely, high);
    expect(Array.from(sampler.slots)).toEqual([1]);
    const durations = Float64Array.from(likely);
    drawDurations(sampler, new SeededRandom(1), durations);
    expect([durations[0], durations[2]]).toEqual([3, 0]);
    expect(durations[1]).not.toBe(2);
  });

  it('makes one table per shape, however many issues share it', () => {
    const rows: [number, number, number][] = Array.from({ length: 500 }, (_, i) => [i, i + 1, i + 3]);
    rows.push([0, 5, 10]);
    const sampler = pertSampler(ranges(rows).low, ranges(rows).likely, ranges(rows).high);
    expect(sampler.tables.length).toBe(2 * betaQuantiles(2, 2).length);
  });

  it('draws the same durations from the same seed', () => {
    const { low, likely, high } = ranges([[1, 2, 6]]);
    const sampler = pertSampler(low, likely, high);
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      const d = new Float64Array(1);
      return Array.from({ length: 10 }, () => {
        drawDurations(sampler, random, d);
        return d[0]!;
      });
    };
    expect(draw(5)).toEqual(draw(5));
  });
});
