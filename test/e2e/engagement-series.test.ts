import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;
let brandId: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
  brandId = await createBrand(t, key, { timezone: 'America/New_York' });
  await record(
    t,
    key,
    brandId,
    [
      { kind: 'SURVEY', occurredAt: '2024-03-11T03:30:00Z' }, // Sun Mar 10, 23:30 EDT
      { kind: 'POST', occurredAt: '2024-11-04T04:30:00Z' }, // Sun Nov 3, 23:30 EST
    ],
    [
      { kind: 'QUESTION', receivedAt: '2024-03-11T04:30:00Z' }, // Mon Mar 11, 00:30 EDT
      { kind: 'COMMENT', receivedAt: '2024-02-20T15:00:00Z' },
    ],
  );
});
afterAll(() => t.close());

const SERIES = `query($b: ID!, $w: WindowInput!, $g: Granularity!) {
  engagementSeries(brandId: $b, window: $w, granularity: $g) {
    periodStart window { from to } score activityCount feedbackCount
    phases { phase score components { name numerator denominator } }
  }
}`;
const REPORT = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { score activityCount feedbackCount phases { score } } }`;

const series = async (w: { from: string; to: string }, g: string) =>
  (await t.ok(key, SERIES, { b: brandId, w, g })).engagementSeries as any[];
const cadenceDenominator = (point: any) =>
  point.phases[0].components.find((c: any) => c.name === 'listeningCadence').denominator;

describe('engagementSeries across daylight-saving changes (America/New_York)', () => {
  it('gives the spring-forward day 23 hours, starting at local midnight', async () => {
    const points = await series(
      { from: '2024-03-09T05:00:00Z', to: '2024-03-12T04:00:00Z' },
      'DAY',
    );
    expect(points.map((p) => p.periodStart)).toEqual([
      '2024-03-09T05:00:00.000Z', // Sat 00:00 EST
      '2024-03-10T05:00:00.000Z', // Sun 00:00 EST
      '2024-03-11T04:00:00.000Z', // Mon 00:00 EDT
    ]);
    expect(points[1].window).toEqual({
      from: '2024-03-10T05:00:00.000Z',
      to: '2024-03-11T04:00:00.000Z',
    });
    expect(cadenceDenominator(points[0])).toBeCloseTo(24 / 168, 12);
    expect(cadenceDenominator(points[1])).toBeCloseTo(23 / 168, 12);
    // the survey at 23:30 local on Sunday belongs to Sunday, the question at 00:30 on Monday to Monday
    expect(points.map((p) => [p.activityCount, p.feedbackCount])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  it('gives the fall-back day 25 hours', async () => {
    const points = await series(
      { from: '2024-11-03T04:00:00Z', to: '2024-11-05T05:00:00Z' },
      'DAY',
    );
    expect(points.map((p) => p.periodStart)).toEqual([
      '2024-11-03T04:00:00.000Z',
      '2024-11-04T05:00:00.000Z',
    ]);
    expect(cadenceDenominator(points[0])).toBeCloseTo(25 / 168, 12);
    expect(points[0].activityCount).toBe(1);
  });

  it('clips the edge periods to the window and fills gaps with zeros', async () => {
    const points = await series(
      { from: '2024-03-09T12:00:00Z', to: '2024-03-10T10:00:00Z' },
      'DAY',
    );
    expect(points).toHaveLength(2);
    expect(points[0].periodStart).toBe('2024-03-09T05:00:00.000Z'); // the local start, even when clipped
    expect(points[0].window).toEqual({
      from: '2024-03-09T12:00:00.000Z',
      to: '2024-03-10T05:00:00.000Z',
    });
    expect(cadenceDenominator(points[0])).toBeCloseTo(17 / 168, 12);
    expect(cadenceDenominator(points[1])).toBeCloseTo(5 / 168, 12);
    expect(
      points.every((p) => p.activityCount === 0 && p.feedbackCount === 0 && p.score === 0),
    ).toBe(true);
  });

  it('starts weeks on Monday (local) and months on the 1st (local)', async () => {
    const weeks = await series(
      { from: '2024-03-01T05:00:00Z', to: '2024-03-20T04:00:00Z' },
      'WEEK',
    );
    expect(weeks.map((p) => p.periodStart)).toEqual([
      '2024-02-26T05:00:00.000Z',
      '2024-03-04T05:00:00.000Z',
      '2024-03-11T04:00:00.000Z',
      '2024-03-18T04:00:00.000Z',
    ]);
    expect(cadenceDenominator(weeks[1])).toBeCloseTo(167 / 168, 12); // the week with the 23-hour day
    const months = await series(
      { from: '2024-01-15T05:00:00Z', to: '2024-03-15T04:00:00Z' },
      'MONTH',
    );
    expect(months.map((p) => p.periodStart)).toEqual([
      '2024-01-01T05:00:00.000Z',
      '2024-02-01T05:00:00.000Z',
      '2024-03-01T05:00:00.000Z',
    ]);
    expect(months.map((p) => p.feedbackCount)).toEqual([0, 1, 1]);
  });

  it("computes each point from its own period's sums (it equals a report over that period)", async () => {
    const points = await series(
      { from: '2024-02-15T00:00:00Z', to: '2024-03-20T00:00:00Z' },
      'WEEK',
    );
    for (const point of points) {
      const report = (await t.ok(key, REPORT, { b: brandId, w: point.window })).engagement;
      expect(point.score).toBeCloseTo(report.score, 9);
      expect(point.activityCount).toBe(report.activityCount);
      expect(point.feedbackCount).toBe(report.feedbackCount);
      point.phases.forEach((p: any, i: number) =>
        expect(p.score).toBeCloseTo(report.phases[i].score, 9),
      );
    }
  });

  it('refuses more than 1,000 periods and empty windows', async () => {
    for (const [w, g] of [
      [{ from: '2020-01-01T05:00:00Z', to: '2022-09-28T05:00:00Z' }, 'DAY'], // 1,001 local days
      [{ from: '2024-01-02T00:00:00Z', to: '2024-01-01T00:00:00Z' }, 'MONTH'],
    ] as const) {
      const res = await t.gql(key, SERIES, { b: brandId, w, g });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const ok = await series({ from: '2020-01-01T05:00:00Z', to: '2022-09-27T04:00:00Z' }, 'DAY');
    expect(ok).toHaveLength(1000);
  });
});
