import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { SUM_COLUMNS } from '../../src/modules/rollups/sum-definitions';
import { INFERENCE_VERSION, inferSignals } from '../../src/modules/text-signals/text-model';
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
const RECLASSIFY = `mutation($id: ID!, $input: ReclassifyFeedbackInput!) {
  reclassifyFeedback(id: $id, input: $input) { ${FIELDS} }
}`;

async function items(brandId: string, filter: Record<string, unknown> = {}) {
  const data = await t.ok(key, BY_EXTERNAL_IDS, { brandId, filter });
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

describe('precedence: corrected, else provided, else inferred', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key, { timezone: 'Europe/Paris' });
    const res = await record(
      t,
      key,
      brandId,
      [],
      [
        { externalId: 'angry', kind: 'COMMENT', receivedAt: '2024-01-10T10:00:00Z', text: ANGRY },
        {
          externalId: 'angry-provided',
          kind: 'COMMENT',
          sentiment: 0.5,
          receivedAt: '2024-01-10T11:00:00Z',
          text: ANGRY,
        },
        { externalId: 'praise', kind: 'PRAISE', receivedAt: '2024-01-11T10:00:00Z', text: CRASH },
        {
          externalId: 'complaint',
          kind: 'COMPLAINT',
          receivedAt: '2024-01-11T11:00:00Z',
          text: HAPPY,
        },
        {
          externalId: 'french',
          kind: 'QUESTION',
          receivedAt: '2024-01-12T10:00:00Z',
          text: FRENCH,
        },
        { externalId: 'silent', kind: 'QUESTION', receivedAt: '2024-01-12T11:00:00Z' },
      ],
    );
    expect(res.errors).toBeUndefined();
  });

  it('infers sentiment and complaint from the text when the caller gave none', async () => {
    const signals = inferSignals(ANGRY)!;
    expect(signals.complaint).toBe(true);
    expect(await byExt(brandId, 'angry')).toMatchObject({
      sentiment: signals.sentiment,
      sentimentSource: 'INFERRED',
      complaint: true,
      negative: true,
      signals: {
        sentimentCues: signals.sentimentCues,
        complaintCues: signals.complaintCues,
        inferenceVersion: INFERENCE_VERSION,
      },
    });
  });

  it("keeps the caller's sentiment, and still reads the complaint of a COMMENT", async () => {
    expect(await byExt(brandId, 'angry-provided')).toMatchObject({
      sentiment: 0.5,
      sentimentSource: 'PROVIDED',
      complaint: true,
      negative: true,
      signals: { sentimentCues: [], complaintCues: inferSignals(ANGRY)!.complaintCues },
    });
  });

  it('never reads a complaint into PRAISE, nor out of COMPLAINT', async () => {
    expect(inferSignals(CRASH)!.complaint).toBe(true);
    expect(await byExt(brandId, 'praise')).toMatchObject({
      sentimentSource: 'INFERRED',
      complaint: false,
      signals: { complaintCues: [] },
    });
    expect(await byExt(brandId, 'complaint')).toMatchObject({
      complaint: true,
      negative: true,
    });
  });

  it('gives no signals to unsupported languages and to items without text', async () => {
    expect(await byExt(brandId, 'french')).toMatchObject({
      sentiment: null,
      sentimentSource: 'NONE',
      complaint: false,
      negative: false,
      signals: { sentimentCues: [], complaintCues: [], inferenceVersion: INFERENCE_VERSION },
    });
    expect(await byExt(brandId, 'silent')).toMatchObject({
      sentimentSource: 'NONE',
      negative: false,
      signals: { sentimentCues: [], complaintCues: [], inferenceVersion: null },
    });
  });

  it('lets a correction beat both, and a reset restore them', async () => {
    const { id } = await byExt(brandId, 'angry-provided');
    const corrected = await t.ok(key, RECLASSIFY, {
      id,
      input: { sentiment: 0.8, complaint: false },
    });
    expect(corrected.reclassifyFeedback).toMatchObject({
      sentiment: 0.8,
      sentimentSource: 'CORRECTED',
      complaint: false,
      negative: false,
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    // one field at a time: the other correction stays
    const partly = await t.ok(key, RECLASSIFY, { id, input: { complaint: true } });
    expect(partly.reclassifyFeedback).toMatchObject({ sentiment: 0.8, complaint: true });
    const reset = await t.ok(key, RECLASSIFY, { id, input: { reset: true } });
    expect(reset.reclassifyFeedback).toMatchObject({
      sentiment: 0.5,
      sentimentSource: 'PROVIDED',
      complaint: true,
      negative: true,
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
  });

  it('reads a replaced text again on an idempotent replay, and nothing on a plain one', async () => {
    const replay = (text: string) =>
      record(
        t,
        key,
        brandId,
        [],
        [{ externalId: 'angry', kind: 'COMMENT', receivedAt: '2024-01-10T10:00:00Z', text }],
      );
    expect((await replay(ANGRY)).data!.recordInteractions).toMatchObject({ unchanged: 1 });
    expect((await replay(HAPPY)).data!.recordInteractions).toMatchObject({ updated: 1 });
    expect(await byExt(brandId, 'angry')).toMatchObject({
      sentiment: inferSignals(HAPPY)!.sentiment,
      sentimentSource: 'INFERRED',
      complaint: false,
      negative: false,
      signals: { complaintCues: [], sentimentCues: inferSignals(HAPPY)!.sentimentCues },
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
  });
});
