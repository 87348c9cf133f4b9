import { timeliness } from '../../src/modules/rollups/sum-definitions';
import { TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

// τ lives in SQL only (every sum is computed by PostgreSQL): check that SQL
describe('τ(t; T) of the sums, as PostgreSQL computes it (engagement-model.md §3)', () => {
  it.each([
    [0, 60, 1],
    [60, 60, 0.5], // delay exactly at the target
    [120, 60, 0.2],
    [-30, 60, 1], // a negative delay counts as immediate
    [240, 240, 0.5],
  ])('τ(%d min; %d min) = %d', async (delay, target, expected) => {
    const later = `('2024-01-01T00:00:00Z'::timestamptz + make_interval(mins => $1))`;
    const [row] = await t.dataSource.query(
      `SELECT ${timeliness(later, `'2024-01-01T00:00:00Z'::timestamptz`, '$2::float8')} AS tau`,
      [delay, target],
    );
    expect(Number(row.tau)).toBeCloseTo(expected, 12);
  });
});
