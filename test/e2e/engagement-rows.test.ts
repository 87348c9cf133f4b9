import { ROW_COLUMNS } from '../../src/modules/bi/engagement-row-columns';
import { TestApp } from '../support/test-app';
import { MIN, seedBiHistory } from '../support/bi-history';

/**
 * engagementRows walks the rollups as flat rows; the exports stream the same
 * rows. Random histories in two time zones, with items without an audience.
 */
const ROW_FIELDS = ROW_COLUMNS.join(' ');
const ROWS = `query($f: EngagementRowFilter!, $first: Int, $after: String) {
  engagementRows(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ROW_FIELDS} } } } }`;

let t: TestApp;
let key: string;
const brands: { id: string; zone: string }[] = [];
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('bi');
  brands.push(...(await seedBiHistory(t, key)));
});
afterAll(() => t.close());

async function allRows(filter: Record<string, unknown>, first: number) {
  const rows: Record<string, any>[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; ; pages++) {
    const data: any = await t.ok(key, ROWS, { f: filter, first, after });
    total = data.engagementRows.totalCount;
    rows.push(...data.engagementRows.edges.map((e: any) => e.node));
    if (!data.engagementRows.pageInfo.hasNextPage) return { rows, total, pages: pages + 1 };
    after = data.engagementRows.pageInfo.endCursor;
  }
}

/** Local midnights of a brand's zone, as instants (via PostgreSQL). */
async function localMidnight(date: string, zone: string): Promise<string> {
  const [row] = await t.sql<{ t: Date }>(`SELECT ($1::date::timestamp AT TIME ZONE $2) AS t`, [
    date,
    zone,
  ]);
  return row!.t.toISOString();
}

const keyOf = (row: Record<string, any>) => `${row.brandId}/${row.audienceId}/${row.periodStart}`;

describe('engagementRows', () => {
  it('pages through every row once, in a stable order, as the raw rows group', async () => {
    const window = { from: '2023-12-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
    const { rows, total, pages } = await allRows({ window, granularity: 'WEEK' }, 7);
    expect(pages).toBeGreaterThan(5);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map(keyOf)).size).toBe(rows.length);
    const sorted = [...rows].sort(
      (a, b) =>
        a.brandId.localeCompare(b.brandId) ||
        (a.audienceId ?? '00000000-0000-0000-0000-000000000000').localeCompare(
          b.audienceId ?? '00000000-0000-0000-0000-000000000000',
        ) ||
        a.periodStart.localeCompare(b.periodStart),
    );
    expect(rows.map(keyOf)).toEqual(sorted.map(keyOf));
    expect(new Set(rows.map((r) => r.brandId))).toEqual(new Set(brands.map((b) => b.id)));

    // the keys every raw item falls in, grouped straight from the fact tables
    const expected = await t.sql<{ k: string }>(
      `SELECT DISTINCT x.brand_id || '/' || coalesce(x.audience_id::text, 'null') || '/' ||
              to_char((date_trunc('week', (x.at AT TIME ZONE b.timezone))::timestamp AT TIME ZONE b.timezone)
                      AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS k
         FROM (SELECT brand_id, audience_id, received_at AS at FROM feedback
               UNION ALL SELECT brand_id, audience_id, occurred_at FROM activities) x
         JOIN brands b ON b.id = x.brand_id
        WHERE b.id = ANY($1::uuid[])`,
      [brands.map((b) => b.id)],
    );
    expect(new Set(rows.map(keyOf))).toEqual(new Set(expected.map((e) => e.k)));
  });

  it.each(['DAY', 'WEEK', 'MONTH'])(
    "adds up, per brand and %s, to that period's brand-wide report",
    async (granularity) => {
      for (const brand of brands) {
        const window = {
          from: await localMidnight('2023-12-25', brand.zone),
          to: await localMidnight('2024-02-12', brand.zone),
        };
        const { rows } = await allRows({ brandIds: [brand.id], window, granularity }, 1000);
        const series = (
          await t.ok(
            key,
            `query($b: ID!, $w: WindowInput!, $g: Granularity!) { engagementSeries(brandId: $b, window: $w, granularity: $g) {
              periodStart feedbackCount activityCount phases { components { name numerator } } } }`,
            { b: brand.id, w: window, g: granularity },
          )
        ).engagementSeries;
        let compared = 0;
        for (const point of series) {
          const inPeriod = rows.filter((r) => r.periodStart === point.periodStart);
          const sum = (column: string) => inPeriod.reduce((s, r) => s + r[column], 0);
          expect(sum('feedbackCount')).toBe(point.feedbackCount);
          expect(sum('activityCount')).toBe(point.activityCount);
          const numerators = point.phases.flatMap((p: any) => p.components);
          for (const c of numerators) expect(sum(`${c.name}Numerator`)).toBeCloseTo(c.numerator, 9);
          if (inPeriod.length) compared++;
        }
        expect(compared).toBeGreaterThan(granularity === 'MONTH' ? 1 : 4);
        expect(rows.every((r) => series.some((p: any) => p.periodStart === r.periodStart))).toBe(
          true,
        );
      }
    },
  );

  it('updatedSince returns exactly the rows a late acknowledgement touched', async () => {
    const brand = brands[0]!;
    const window = { from: '2023-12-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
    const [{ now }] = await t.sql<{ now: Date }>('SELECT now() AS now');
    const since = new Date(now.getTime()).toISOString();
    expect((await allRows({ window, updatedSince: since }, 100)).rows).toHaveLength(0);

    const [item] = await t.sql<{ id: string; audience_id: string | null; received_at: Date }>(
      `SELECT id, audience_id, received_at FROM feedback
        WHERE brand_id = $1 AND acknowledged_at IS NULL AND first_response_at IS NULL ORDER BY received_at LIMIT 1`,
      [brand.id],
    );
    const before = (await allRows({ window, brandIds: [brand.id] }, 1000)).rows;
    await t.ok(
      key,
      'mutation($id: ID!, $at: DateTime) { acknowledgeFeedback(id: $id, at: $at) { id } }',
      {
        id: item!.id,
        at: new Date(item!.received_at.getTime() + 30 * MIN).toISOString(),
      },
    );
    const changed = (await allRows({ window, updatedSince: since }, 100)).rows;
    expect(changed).toHaveLength(1);
    const day = item!.received_at.toISOString().slice(0, 10); // brand 0 is in UTC
    expect(changed[0]).toMatchObject({
      brandId: brand.id,
      audienceId: item!.audience_id,
      periodStart: `${day}T00:00:00.000Z`,
    });
    const old = before.find((r) => keyOf(r) === keyOf(changed[0]!))!;
    expect(changed[0]!.coverageNumerator).toBe(old.coverageNumerator + 1);
  });

  it('refuses bad filters and page sizes with a code', async () => {
    const window = { from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' };
    for (const [filter, first] of [
      [{ window, brandIds: ['nope'] }, 10],
      [{ window: { from: window.to, to: window.from } }, 10],
      [{ window }, 1001],
    ] as const) {
      const res = await t.gql(key, ROWS, { f: filter, first });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const cursor = await t.gql(key, ROWS, { f: { window }, after: 'garbage' });
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // another workspace's brand, or an unknown audience, does not exist here
    const [{ id: foreign }] = await t.sql<{ id: string }>(
      `SELECT b.id FROM brands b JOIN workspaces w ON w.id = b.workspace_id WHERE w.name = 'bi-other'`,
    );
    for (const filter of [
      { window, brandIds: [brands[0]!.id, foreign] },
      { window, audienceIds: ['00000000-0000-4000-8000-000000000001'] },
    ]) {
      const res = await t.gql(key, ROWS, { f: filter, first: 10 });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('refuses a cursor of another filter or connection with BAD_USER_INPUT', async () => {
    const window = { from: '2024-01-01T00:00:00Z', to: '2024-02-15T00:00:00Z' };
    const page: any = await t.ok(key, ROWS, { f: { window }, first: 2 });
    const cursor = page.engagementRows.pageInfo.endCursor as string;
    // DAY is the default granularity: naming it is the same filter
    await t.ok(key, ROWS, { f: { window, granularity: 'DAY' }, first: 2, after: cursor });
    const brandsPage: any = await t.ok(key, '{ brands(first: 1) { pageInfo { endCursor } } }');
    for (const [f, after] of [
      [{ window, granularity: 'WEEK' }, cursor],
      [{ window: { ...window, to: '2024-02-16T00:00:00Z' } }, cursor],
      [{ window, brandIds: [brands[0]!.id] }, cursor],
      [{ window }, brandsPage.brands.pageInfo.endCursor],
    ]) {
      const res = await t.gql(key, ROWS, { f, first: 2, after });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'after', reason: expect.any(String) }],
      });
    }
  });
});
