import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { SUM_COLUMNS } from '../../src/modules/rollups/sum-definitions';
import { INFERENCE_VERSION } from '../../src/modules/text-signals/text-model';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

/**
 * Text signals in storage, rollups and the API (engagement-model.md, "Text
 * signals"): CORRECTED beats PROVIDED beats INFERRED; every number is computed
 * from the effective values, and the rollups stay equal to a rebuild through
 * inference, replays, reclassification and re-inference.
 */
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('text-signals');
});
afterAll(() => t.close());

const ANGRY = 'My order still has not arrived after two weeks, this is terrible service';
const HAPPY = 'Thanks so much, you guys are amazing!';
const CRASH = 'The app keeps crashing every time I log in';
const FRENCH = 'Il fait beau aujourd hui et je suis content';

const FIELDS = `id externalId kind sentiment sentimentSource complaint negative
  signals { sentimentCues complaintCues inferenceVersion }`;
const BY_EXTERNAL_IDS = `query($brandId: ID!, $filter: FeedbackFilter) {
  feedback(brandId: $brandId, filter: $filter, first: 100) { totalCount nodes { ${FIELDS} } }
}`;

async function items(brandId: string, filter: Record<string, unknown> = {}) {
  const data = await t.ok(key, BY_EXTERNAL_IDS, { brandId, filter });
  return data.feedback.nodes as Record<string, any>[];
}

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
  const days = await t.sql(ROLLUPS('engagement_daily', 'day'), [brandId]);
  const months = await t.sql(ROLLUPS('engagement_monthly', 'month'), [brandId]);
  expect(days.length).toBeGreaterThan(0);
  const runner = t.dataSource.createQueryRunner();
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
    phases { components { name numerator denominator } }
  }
}`;
const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };

/** Counts from the raw rows, to compare with the report served from the rollups. */
async function rawCounts(brandId: string) {
  const [row] = await t.sql<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE sentiment_source = 'CORRECTED')::int AS "CORRECTED",
            count(*) FILTER (WHERE sentiment_source = 'PROVIDED')::int AS "PROVIDED",
            count(*) FILTER (WHERE sentiment_source = 'INFERRED')::int AS "INFERRED",
            count(*) FILTER (WHERE sentiment_source = 'NONE')::int AS "NONE",
            count(*) FILTER (WHERE negative)::int AS negative,
            count(*) FILTER (WHERE negative AND first_response_at IS NOT NULL)::int AS negative_responded
       FROM feedback WHERE brand_id = $1`,
    [brandId],
  );
  return row!;
}

async function expectReportMatchesRows(brandId: string): Promise<void> {
  const { engagement } = await t.ok(key, REPORT, { brandId, window: WINDOW });
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
  const concerns = engagement.phases
    .flatMap((p: { components: { name: string }[] }) => p.components)
    .find((c: { name: string }) => c.name === 'concernsAddressed');
  expect([concerns.numerator, concerns.denominator]).toEqual([
    raw.negative_responded,
    raw.negative,
  ]);
}

describe('rollups and re-inference', () => {
  it('count inferred values in the rollups, and re-infer stale items exactly', async () => {
    const brandId = await createBrand(t, key, { timezone: 'America/New_York' });
    const texts = [ANGRY, HAPPY, CRASH, FRENCH, 'ok', null];
    const kinds = ['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE', 'REVIEW', 'MENTION'];
    const feedback = Array.from({ length: 60 }, (_, i) => ({
      externalId: `r${i}`,
      kind: kinds[i % kinds.length],
      text: texts[(i * 7) % texts.length],
      sentiment: i % 5 === 0 ? -0.5 : null,
      receivedAt: new Date(Date.UTC(2024, 0, 2 + (i % 40), i % 24)).toISOString(),
    }));
    const activities = feedback
      .filter((_, i) => i % 3 === 0)
      .map((f, i) => ({
        kind: 'REPLY',
        occurredAt: new Date(Date.parse(f.receivedAt) + 3_600_000).toISOString(),
        inReplyToFeedbackExternalId: f.externalId,
        externalId: `reply${i}`,
      }));
    expect((await record(t, key, brandId, activities, feedback)).errors).toBeUndefined();
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    expect((await rawCounts(brandId)).INFERRED).toBeGreaterThan(10);

    // an older model read these texts (here: nothing in them) ...
    await t.sql(
      `UPDATE feedback SET inference_version = 'en-0', inferred_sentiment = NULL, inferred_complaint = NULL,
              sentiment_cues = '{}', complaint_cues = '{}'
        WHERE brand_id = $1 AND text IS NOT NULL`,
      [brandId],
    );
    // ... and the rollups counted what it read (nothing inferred); SQL behind the writers' back must
    // also move the brand's data version, as every writer does, or cached reports would not see it
    await t.dataSource.transaction(async (m) => {
      await new RollupWriter().rebuild(m, brandId);
      await m.query('UPDATE brands SET data_version = data_version + 1 WHERE id = $1', [brandId]);
    });
    await expectReportMatchesRows(brandId);
    expect((await rawCounts(brandId)).INFERRED).toBe(0);
    const [{ workspace_id: workspaceId }] = await t.sql<{ workspace_id: string }>(
      'SELECT workspace_id FROM brands WHERE id = $1',
      [brandId],
    );
    const services = t.app.services;
    const uow = services.unitOfWork(t.appDataSource, workspaceId!);
    try {
      const pending = await uow.read((scope) => services.reinference.pending(scope, brandId));
      expect(pending).toBe(feedback.filter((f) => f.text).length);
      const chunks: number[] = [];
      for (;;) {
        const n = await uow.write((scope) => services.reinference.chunk(scope, brandId, 17));
        if (n === 0) break;
        chunks.push(n);
      }
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(pending);
      expect(await uow.read((scope) => services.reinference.pending(scope, brandId))).toBe(0);
    } finally {
      await uow.close();
    }
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    const angry = await items(brandId, { externalIds: ['r0'] });
    expect(angry[0]).toMatchObject({ signals: { inferenceVersion: INFERENCE_VERSION } });
  });
});
