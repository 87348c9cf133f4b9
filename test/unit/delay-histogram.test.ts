import {
  bucketOf,
  bucketValue,
  histogramPercentile,
  MAX_BUCKET,
} from '../../src/modules/rollups/delay-histogram';
import { seededRandom } from '../support/random';

const SECOND = 1 / 60;

describe('delay histogram buckets', () => {
  it.each([
    ['no delay', 0, 0],
    ['under a second', 0.99 * SECOND, 0],
    ['one second starts bucket 1', SECOND, 1],
    ['1.05 s starts bucket 2', 1.05 * SECOND, 2],
    ['just under 1.05 s', 1.0499 * SECOND, 1],
    ['one hour', 60, 1 + Math.floor(Math.log(3600) / Math.log(1.05))],
    ['a million years is capped', 1e6 * 365 * 24 * 60, MAX_BUCKET],
  ])('%s', (_, minutes, bucket) => {
    expect(bucketOf(minutes)).toBe(bucket);
  });

  it('stands for every delay of a second or more within 2.5 %', () => {
    const r = seededRandom(5);
    for (let i = 0; i < 5_000; i++) {
      const minutes = SECOND * Math.exp(r.next() * Math.log(5e7)); // 1 s … ~1.6 years
      const error = Math.abs(bucketValue(bucketOf(minutes)) - minutes) / minutes;
      expect(error).toBeLessThanOrEqual(0.0247);
    }
  });
});

/** percentile_cont over exact values, as PostgreSQL computes it. */
function exactPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
}

describe('histogramPercentile', () => {
  it('is null for an empty histogram', () => {
    expect(histogramPercentile({}, 0.5)).toBeNull();
    expect(histogramPercentile({ '7': 0 }, 0.5)).toBeNull();
  });

  it.each([
    [1, 0.5],
    [2, 0.5],
    [3, 0.9],
    [10, 0.5],
    [10, 0.9],
    [1000, 0.5],
    [1000, 0.9],
  ])('of %i random delays at q=%f is within 2.5 %% of percentile_cont', (n, q) => {
    const r = seededRandom(n * 31 + q * 100);
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: n }, () => SECOND * Math.exp(r.next() * 14));
      const histogram: Record<string, number> = {};
      for (const v of values) histogram[bucketOf(v)] = (histogram[bucketOf(v)] ?? 0) + 1;
      const exact = exactPercentile(values, q);
      expect(Math.abs(histogramPercentile(histogram, q)! - exact) / exact).toBeLessThanOrEqual(
        0.0247,
      );
    }
  });
});
