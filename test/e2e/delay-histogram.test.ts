import {
  bucketSql,
  bucketValue,
  histogramPercentile,
  MAX_BUCKET,
} from '../../src/modules/rollups/delay-histogram';
import { seededRandom } from '../support/random';
import { TestApp } from '../support/test-app';

const SECOND = 1 / 60;

// Buckets are assigned in SQL only (rollups and raw edges alike): ask PostgreSQL.
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

async function bucketsOf(minutes: readonly number[]): Promise<number[]> {
  const rows: { bucket: number }[] = await t.dataSource.query(
    `SELECT ${bucketSql('m.minutes')} AS bucket
       FROM unnest($1::float8[]) WITH ORDINALITY AS m(minutes, i) ORDER BY m.i`,
    [minutes],
  );
  return rows.map((r) => r.bucket);
}

describe('delay histogram buckets', () => {
  it.each([
    ['no delay', 0, 0],
    ['under a second', 0.99 * SECOND, 0],
    ['one second starts bucket 1', SECOND, 1],
    ['1.05 s starts bucket 2', 1.05 * SECOND, 2],
    ['just under 1.05 s', 1.0499 * SECOND, 1],
    ['one hour', 60, 1 + Math.floor(Math.log(3600) / Math.log(1.05))],
    ['a million years is capped', 1e6 * 365 * 24 * 60, MAX_BUCKET],
  ])('%s', async (_, minutes, bucket) => {
    expect(await bucketsOf([minutes])).toEqual([bucket]);
  });

  it('stands for every delay of a second or more within 2.5 %', async () => {
    const r = seededRandom(5);
    // 1 s … ~1.6 years
    const delays = Array.from({ length: 5_000 }, () => SECOND * Math.exp(r.next() * Math.log(5e7)));
    const buckets = await bucketsOf(delays);
    delays.forEach((minutes, i) => {
      const error = Math.abs(bucketValue(buckets[i]!) - minutes) / minutes;
      expect(error).toBeLessThanOrEqual(0.0247);
    });
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
  ])('of %i random delays at q=%f is within 2.5 %% of percentile_cont', async (n, q) => {
    const r = seededRandom(n * 31 + q * 100);
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: n }, () => SECOND * Math.exp(r.next() * 14));
      const histogram: Record<string, number> = {};
      for (const b of await bucketsOf(values)) histogram[b] = (histogram[b] ?? 0) + 1;
      const exact = exactPercentile(values, q);
      expect(Math.abs(histogramPercentile(histogram, q)! - exact) / exact).toBeLessThanOrEqual(
        0.0247,
      );
    }
  });
});
