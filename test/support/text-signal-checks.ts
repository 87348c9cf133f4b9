import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { SUM_COLUMNS } from '../../src/modules/rollups/sum-definitions';
import type { TestApp } from './test-app';

/** Texts, queries and checks shared by the text-signal tests. */
export const ANGRY = 'My order still has not arrived after two weeks, this is terrible service';
export const HAPPY = 'Thanks so much, you guys are amazing!';
export const CRASH = 'The app keeps crashing every time I log in';
export const FRENCH = 'Il fait beau aujourd hui et je suis content';

export const FIELDS = `id externalId kind sentiment sentimentSource complaint negative
  signals { sentimentCues complaintCues inferenceVersion }`;
export const BY_EXTERNAL_IDS = `query($brandId: ID!, $filter: FeedbackFilter) {
  feedback(brandId: $brandId, filter: $filter, first: 100) { totalCount nodes { ${FIELDS} } }
}`;
export const RECLASSIFY = `mutation($id: ID!, $input: ReclassifyFeedbackInput!) {
  reclassifyFeedback(id: $id, input: $input) { ${FIELDS} }
}`;

/** The app and key a test file set up (filled in its beforeAll). */
export interface TextSignalApp {
  t: TestApp;
  key: string;
}

/** Reads and checks over one app: items by filter, rollups equal a rebuild, reports equal the raw rows. */
export function textSignalChecks(app: TextSignalApp) {
  async function items(brandId: string, filter: Record<string, unknown> = {}) {
    const data = await app.t.ok(app.key, BY_EXTERNAL_IDS, { brandId, filter });
    return data.feedback.nodes as Record<string, any>[];
  }
  const byExt = async (brandId: string, ext: string) =>
    (await items(brandId, { externalIds: [ext] }))[0]!;

  const ROLLUPS = (table: 'engagement_daily' | 'engagement_monthly', at: 'day' | 'month') =>
    `SELECT audience_key, to_char(${at}, 'YYYY-MM-DD') AS at, ${SUM_COLUMNS.join(', ')}, delay_histogram
       FROM ${table} WHERE brand_id = $1 AND feedback + listening + processing + interacting + broadcasting > 0
      ORDER BY audience_key, at`;
  const rounded = (rows: Record<string, unknown>[]) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(9)) : v]),
      ),
    );

  /** The brand's rollups equal a rebuild from the raw rows (in a transaction rolled back). */
  async function expectRollupsEqualRebuild(brandId: string): Promise<void> {
    const days = await app.t.sql(ROLLUPS('engagement_daily', 'day'), [brandId]);
    const months = await app.t.sql(ROLLUPS('engagement_monthly', 'month'), [brandId]);
    expect(days.length).toBeGreaterThan(0);
    const runner = app.t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await new RollupWriter().rebuild(runner.manager, brandId);
      expect(rounded(days)).toEqual(
        rounded(await runner.query(ROLLUPS('engagement_daily', 'day'), [brandId])),
      );
      expect(rounded(months)).toEqual(
        rounded(await runner.query(ROLLUPS('engagement_monthly', 'month'), [brandId])),
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const REPORT = `query($brandId: ID!, $window: WindowInput!) {
    engagement(brandId: $brandId, window: $window) {
      feedbackCount sentimentSources { source feedback }
      sentimentMix { positive neutral negative unknown }
      phases { components { name numerator denominator } }
    }
  }`;
  const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };

  /** Counts from the raw rows, to compare with the report served from the rollups. */
  async function rawCounts(brandId: string) {
    const [row] = await app.t.sql<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE sentiment_source = 'CORRECTED')::int AS "CORRECTED",
              count(*) FILTER (WHERE sentiment_source = 'PROVIDED')::int AS "PROVIDED",
              count(*) FILTER (WHERE sentiment_source = 'INFERRED')::int AS "INFERRED",
              count(*) FILTER (WHERE sentiment_source = 'NONE')::int AS "NONE",
              count(*) FILTER (WHERE negative)::int AS negative,
              count(*) FILTER (WHERE negative AND first_response_at IS NOT NULL)::int AS negative_responded,
              count(*) FILTER (WHERE NOT negative AND effective_sentiment > 0.2)::int AS positive,
              count(*) FILTER (WHERE NOT negative AND effective_sentiment BETWEEN -0.2 AND 0.2)::int AS neutral,
              count(*) FILTER (WHERE NOT negative AND effective_sentiment IS NULL)::int AS unknown
         FROM feedback WHERE brand_id = $1`,
      [brandId],
    );
    return row!;
  }

  async function expectReportMatchesRows(brandId: string): Promise<void> {
    const { engagement } = await app.t.ok(app.key, REPORT, { brandId, window: WINDOW });
    const raw = await rawCounts(brandId);
    expect(
      Object.fromEntries(
        engagement.sentimentSources.map((s: { source: string; feedback: number }) => [
          s.source,
          s.feedback,
        ]),
      ),
    ).toEqual({
      CORRECTED: raw.CORRECTED,
      PROVIDED: raw.PROVIDED,
      INFERRED: raw.INFERRED,
      NONE: raw.NONE,
    });
    expect(engagement.sentimentMix).toEqual({
      positive: raw.positive,
      neutral: raw.neutral,
      negative: raw.negative,
      unknown: raw.unknown,
    });
    const concerns = engagement.phases
      .flatMap((p: { components: { name: string }[] }) => p.components)
      .find((c: { name: string }) => c.name === 'concernsAddressed');
    expect([concerns.numerator, concerns.denominator]).toEqual([
      raw.negative_responded,
      raw.negative,
    ]);
  }
  return { items, byExt, expectRollupsEqualRebuild, rawCounts, expectReportMatchesRows };
}
